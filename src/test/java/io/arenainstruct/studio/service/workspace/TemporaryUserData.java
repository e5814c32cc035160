package io.arenainstruct.studio.service.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Points the per-user data folder ({@link DataDirectories#HOME_PROPERTY}) at a fresh temporary folder for each
 * test and puts the previous value back afterwards, so commands that read settings or the secrets file never
 * touch the real one. Register it with {@code @RegisterExtension final TemporaryUserData userData = new
 * TemporaryUserData();}: it is set before the test's own {@code @BeforeEach} methods run.
 */
public final class TemporaryUserData implements BeforeEachCallback, AfterEachCallback {
    private String previous;
    private Path dir;

    public Path dir() {
        return dir;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        previous = System.getProperty(DataDirectories.HOME_PROPERTY);
        dir = Files.createTempDirectory("arenainstruct-home");
        System.setProperty(DataDirectories.HOME_PROPERTY, dir.toString());
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (previous == null) {
            System.clearProperty(DataDirectories.HOME_PROPERTY);
        } else {
            System.setProperty(DataDirectories.HOME_PROPERTY, previous);
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
