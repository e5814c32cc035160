package io.arenainstruct.studio.service.settings;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Reads and writes {@link UserSettings} as JSON; a write goes to a temp file that is then moved in place. */
public final class SettingsFile {
    private static final Logger LOG = Logger.getLogger(SettingsFile.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    public SettingsFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** The saved settings, or defaults when there are none or they cannot be read. */
    public UserSettings load() {
        if (!Files.isRegularFile(file)) {
            return new UserSettings();
        }
        try {
            return JSON.readValue(file.toFile(), UserSettings.class);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "settings in " + file + " cannot be read; using defaults", e);
            return new UserSettings();
        }
    }

    public synchronized void save(UserSettings settings) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "settings", ".tmp");
            try {
                JSON.writeValue(tmp.toFile(), settings);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "settings cannot be saved to " + file, e);
        }
    }
}
