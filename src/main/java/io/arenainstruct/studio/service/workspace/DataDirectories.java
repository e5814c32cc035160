package io.arenainstruct.studio.service.workspace;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import io.arenainstruct.studio.domain.PostgresqlLocation;
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
     * database and user (whatever the TLS settings), named so that it is a plain file name on every system. The
     * readable part alone could name two stores alike (replaced characters, the length cut, file systems that ignore
     * case), and a process moves the journals it finds there into its store: a hash of the store's identity keeps
     * them apart.
     */
    public static Path teamStoreFiles(StoreLocation location) {
        String identity = location instanceof PostgresqlLocation at
                ? new PostgresqlLocation(at.host(), at.port(), at.database(), at.user(), null, null).display()
                : location.display();
        String name = identity.replaceAll("[^A-Za-z0-9._-]+", "_");
        String hash;
        try {
            hash = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        return userDataDir()
                .resolve("team-stores")
                .resolve((name.length() > 100 ? name.substring(0, 100) : name) + "-" + hash);
    }

    public static Path defaultStore() {
        return userDataDir().resolve("workspaces").resolve("default");
    }
}
