package io.arenainstruct.studio.domain;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Name and version of the app, as built. */
public final class AppInfo {
    public static final String NAME = "ArenaInstruct Studio";
    /** The command that starts the app and its command line (the packaged launcher's name). */
    public static final String COMMAND = "arenainstruct-studio";

    private AppInfo() {}

    public static String version() {
        Properties p = new Properties();
        try (InputStream in = AppInfo.class.getResourceAsStream("/app.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
