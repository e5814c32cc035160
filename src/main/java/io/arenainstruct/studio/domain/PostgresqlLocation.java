package io.arenainstruct.studio.domain;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A team store: {@code postgresql://HOST[:PORT]/DATABASE?user=NAME[&sslmode=MODE][&sslrootcert=FILE]}. The
 * password is deliberately not part of it (PGPASSWORD or the owner-only .pgpass file give it, as for psql), so
 * an address can be shown, remembered and typed on a command line without giving a secret away.
 */
public record PostgresqlLocation(
        String host, int port, String database, String user, String sslMode, String sslRootCert)
        implements StoreLocation {
    public static final int DEFAULT_PORT = 5432;
    private static final Set<String> SSL_MODES =
            Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    private static final Pattern ADDRESS = Pattern.compile(
            "(?i)postgres(?:ql)?://(?<host>\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+)(?::(?<port>[0-9]{1,5}))?"
                    + "/(?<db>[^?/]+)(?:\\?(?<query>.*))?");

    /** Whether {@code text} is meant as a PostgreSQL address (and so is not a folder name). */
    public static boolean isAddress(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.startsWith("postgresql:") || lower.startsWith("postgres:");
    }

    /**
     * Parses an address, or says in a sentence what is wrong with it (an {@link IllegalArgumentException}; never
     * echoing a password).
     */
    public static PostgresqlLocation parse(String text) {
        String stripped = text.strip();
        int authority = stripped.indexOf("//") + 2;
        int slash = stripped.indexOf('/', authority);
        if (stripped.lastIndexOf('@', slash < 0 ? stripped.length() - 1 : slash) >= authority) {
            throw new IllegalArgumentException(
                    "put the user name in the address as ?user=NAME, and the password in PGPASSWORD"
                            + " or ~/.pgpass: nothing goes before the host");
        }
        Matcher m = ADDRESS.matcher(stripped);
        if (!m.matches()) {
            throw new IllegalArgumentException("this is not a PostgreSQL store address: write it as"
                    + " postgresql://HOST[:PORT]/DATABASE?user=NAME");
        }
        String host = m.group("host");
        int port = DEFAULT_PORT;
        if (m.group("port") != null) {
            port = Integer.parseInt(m.group("port"));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("the port in the PostgreSQL address must be between 1 and 65535");
            }
        }
        String database = decode(m.group("db"));
        String user = null;
        String sslMode = null;
        String sslRootCert = null;
        if (m.group("query") != null && !m.group("query").isEmpty()) {
            for (String pair : m.group("query").split("&")) {
                int eq = pair.indexOf('=');
                String key = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                switch (key) {
                    case "user" -> user = value;
                    case "sslmode" -> {
                        if (!SSL_MODES.contains(value)) {
                            throw new IllegalArgumentException(
                                    "sslmode must be one of disable, allow, prefer, require, verify-ca"
                                            + " or verify-full (verify-full is recommended)");
                        }
                        sslMode = value;
                    }
                    case "sslrootcert" -> sslRootCert = value;
                    case "password" ->
                        throw new IllegalArgumentException("a PostgreSQL password is never taken from the"
                                + " store address (it would show in the process list and the shell history): set"
                                + " PGPASSWORD, or put it in ~/.pgpass (readable by you only)");
                    default ->
                        throw new IllegalArgumentException(
                                "the PostgreSQL address has a setting this app does not know: "
                                        + (key.length() > 40 ? key.substring(0, 40) + "…" : key)
                                        + " (it takes user, sslmode and sslrootcert)");
                }
            }
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException(
                    "the PostgreSQL address needs the user: postgresql://HOST[:PORT]/DATABASE?user=NAME");
        }
        return new PostgresqlLocation(host, port, database, user, sslMode, sslRootCert);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String display() {
        StringBuilder b = new StringBuilder("postgresql://").append(host);
        if (port != DEFAULT_PORT) {
            b.append(':').append(port);
        }
        b.append('/').append(database).append("?user=").append(user);
        if (sslMode != null) {
            b.append("&sslmode=").append(sslMode);
        }
        if (sslRootCert != null) {
            b.append("&sslrootcert=").append(sslRootCert);
        }
        return b.toString();
    }
}
