package io.arenainstruct.studio.service.llm;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.arenainstruct.studio.domain.llm.Endpoint;

/**
 * Finds an endpoint's API key: the environment variable it names, else the per-user secrets file
 * (owner-only, outside every store). Keys are never written to the store, logs or exports.
 */
public final class KeyResolver {
    private static final String PREFIX = "endpoint.";

    private final Path secretsFile;
    private final Function<String, String> environment;

    public KeyResolver(Path secretsFile, Function<String, String> environment) {
        this.secretsFile = secretsFile;
        this.environment = environment;
    }

    public static KeyResolver system(Path secretsFile) {
        return new KeyResolver(secretsFile, System::getenv);
    }

    public Path secretsFile() {
        return secretsFile;
    }

    public Optional<String> keyFor(Endpoint endpoint) {
        if (endpoint.apiKeyEnv() != null) {
            String value = environment.apply(endpoint.apiKeyEnv());
            if (value != null && !value.isBlank()) {
                return Optional.of(value.strip());
            }
        }
        return Optional.ofNullable(load().getProperty(PREFIX + endpoint.name())).filter(k -> !k.isBlank());
    }

    /** Where the key of this endpoint comes from, in words (never the key itself). */
    public String describeSource(Endpoint endpoint) {
        if (endpoint.apiKeyEnv() != null) {
            String value = environment.apply(endpoint.apiKeyEnv());
            if (value != null && !value.isBlank()) {
                return "environment variable " + endpoint.apiKeyEnv() + " (" + redact(value) + ")";
            }
        }
        String stored = load().getProperty(PREFIX + endpoint.name());
        if (stored != null && !stored.isBlank()) {
            return "secrets file (" + redact(stored) + ")";
        }
        return endpoint.isLoopback() ? "none (not needed on this machine)" : "none";
    }

    /** Saves the key in the secrets file (owner-only; written to a temp file and moved in place). */
    public void storeKey(String endpointName, String key) throws IOException {
        Properties p = load();
        if (key == null || key.isBlank()) {
            p.remove(PREFIX + endpointName);
        } else {
            p.setProperty(PREFIX + endpointName, key.strip());
        }
        Files.createDirectories(secretsFile.getParent());
        Path tmp = Files.createTempFile(secretsFile.getParent(), "secrets", ".tmp"); // owner-only on POSIX
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "ArenaInstruct Studio API keys; keep this file private");
            }
            Files.move(tmp, secretsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(secretsFile, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private Properties load() {
        Properties p = new Properties();
        if (Files.isRegularFile(secretsFile)) {
            try (Reader r = Files.newBufferedReader(secretsFile, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                // An unreadable secrets file means "no key"; the call then fails with NO_KEY, saying so.
            }
        }
        return p;
    }

    /** "sk-…wxyz": enough to tell keys apart, useless to anyone else. */
    public static String redact(String key) {
        if (key == null || key.length() < 8) {
            return "****";
        }
        return key.substring(0, Math.min(3, key.length() / 4)) + "…" + key.substring(key.length() - 4);
    }

    /**
     * Removes every occurrence of the key from a text that is about to be shown or stored: literal, and also as a
     * server may echo it back, each character literal, JSON-escaped (backslash, u, four hex digits in either case) or
     * percent-encoded ({@code %73}), in any mix.
     */
    public static String scrub(String text, String key) {
        if (text == null || key == null || key.length() < 4) {
            return text;
        }
        String plain = text.replace(key, redact(key));
        if (plain.indexOf('\\') < 0 && plain.indexOf('%') < 0) {
            return plain; // nothing escaped: the common case stays a plain replace
        }
        return pattern(key).matcher(plain).replaceAll(Matcher.quoteReplacement(redact(key)));
    }

    /**
     * How many characters at the end of {@code text} could be the start of the key (in any of the forms
     * {@link #scrub} knows): a stream holds them back until the next piece shows whether the key follows.
     */
    public static int possibleKeyStart(String text, String key) {
        if (text == null || key == null || key.length() < 4) {
            return 0;
        }
        Matcher m = pattern(key).matcher(text);
        // an encoded character is at most 6 long (a JSON escape), so a partial key is at most that many per character
        for (int start = Math.max(0, text.length() - 6 * key.length()); start < text.length(); start++) {
            m.region(start, text.length());
            if (!m.lookingAt() && m.hitEnd()) {
                return text.length() - start;
            }
        }
        return 0;
    }

    /** The key as a pattern: each character literal, JSON-escaped or percent-encoded (UTF-8). */
    private static Pattern pattern(String key) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            re.append("(?:").append(Pattern.quote(String.valueOf(c)));
            re.append("|\\\\u(?i:").append(String.format("%04x", (int) c)).append(')');
            if (c == '/') {
                re.append("|\\\\/"); // JSON may escape a slash
            }
            if (!Character.isSurrogate(c)) {
                re.append('|');
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    re.append("%(?i:").append(String.format("%02x", b & 0xff)).append(')');
                }
            }
            re.append(')');
        }
        return Pattern.compile(re.toString());
    }
}
