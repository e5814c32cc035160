package io.arenainstruct.studio.service.workspace;

import java.nio.file.Path;
import java.util.Locale;

/** Where per-user data lives: settings, and the default workspace's store. */
public final class DataDirectories {
    /** Overrides the per-user data directory (tests, portable installs). */
    public static final String HOME_PROPERTY = "arenainstruct.home";

    public static final String HOME_ENV = "ARENAINSTRUCT_HOME";

    private DataDirectories() {}

    public static Path userDataDir() {
        String override = System.getProperty(HOME_PROPERTY);
        if (override == null || override.isBlank()) {
            override = System.getenv(HOME_ENV);
        }
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath();
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            return (local != null ? Path.of(local) : home.resolve("AppData").resolve("Local"))
                    .resolve("ArenaInstruct Studio");
        }
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("ArenaInstruct Studio");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank()
                        ? Path.of(xdg)
                        : home.resolve(".local").resolve("share"))
                .resolve("arenainstruct-studio");
    }

    public static Path defaultStore() {
        return userDataDir().resolve("workspaces").resolve("default");
    }
}
