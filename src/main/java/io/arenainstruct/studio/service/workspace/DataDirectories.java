package io.arenainstruct.studio.service.workspace;

import java.nio.file.Path;
import java.util.Locale;

import io.arenainstruct.studio.domain.StoreLocation;

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

    /**
     * Where this machine keeps its own files for a team store (the call ledger's journal): one folder per server,
     * database and user, named so that it is a plain file name on every system.
     */
    public static Path teamStoreFiles(StoreLocation location) {
        String name = location.display().replaceAll("[^A-Za-z0-9._-]+", "_");
        return userDataDir().resolve("team-stores").resolve(name.length() > 120 ? name.substring(0, 120) : name);
    }

    public static Path defaultStore() {
        return userDataDir().resolve("workspaces").resolve("default");
    }
}
