package io.arenainstruct.studio.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;

import org.postgresql.jdbcurlresolver.PgPassParser;

import io.arenainstruct.studio.domain.PostgresqlLocation;

record PostgresqlPassword(String password, String source) {

    /** Never the password itself: a record would print it wherever it is logged or shown. */
    @Override
    public String toString() {
        return "PostgresqlPassword[from " + source + "]";
    }

    static PostgresqlPassword find(PostgresqlLocation at, Map<String, String> env, Path home) {
        String fromEnv = env.get("PGPASSWORD");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return new PostgresqlPassword(fromEnv, "PGPASSWORD");
        }
        Path file = env.containsKey("PGPASSFILE") ? Path.of(env.get("PGPASSFILE")) : home.resolve(".pgpass");
        if (!Files.isRegularFile(file)) {
            return new PostgresqlPassword(null, "no password (PGPASSWORD is not set and there is no " + file + ")");
        }
        if (readableByOthers(file)) {
            throw new StoreException("the password file " + file + " can be read by other users, so it is not used"
                    + " (as psql does): make it yours alone with chmod 600 " + file);
        }
        String found = lookUp(file, at);
        return found == null
                ? new PostgresqlPassword(
                        null, "no password (" + file + " has no line for this server, database" + " and user)")
                : new PostgresqlPassword(found, file.toString());
    }

    private static String lookUp(Path file, PostgresqlLocation at) {
        // pgjdbc's parser knows the file's escapes and wildcards; it reads the file its property names.
        String property = "org.postgresql.pgpassfile";
        synchronized (PostgresqlPassword.class) {
            String before = System.getProperty(property);
            System.setProperty(property, file.toString());
            try {
                return PgPassParser.getPassword(at.host(), String.valueOf(at.port()), at.database(), at.user());
            } finally {
                if (before == null) {
                    System.clearProperty(property);
                } else {
                    System.setProperty(property, before);
                }
            }
        }
    }

    private static boolean readableByOthers(Path file) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return false;
        }
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            return p.contains(PosixFilePermission.GROUP_READ)
                    || p.contains(PosixFilePermission.OTHERS_READ)
                    || p.contains(PosixFilePermission.GROUP_WRITE)
                    || p.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException e) {
            throw new StoreException("cannot read the password file " + file + ": " + e.getMessage(), e);
        }
    }
}
