package io.arenainstruct.studio.service.workspace;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A folder shipped on the classpath, as a {@link Path}, whether the app runs from classes or from the jar. */
public final class ClasspathFolder {
    private ClasspathFolder() {}

    public static Optional<Path> find(String folder) {
        URL url = ClasspathFolder.class.getClassLoader().getResource(folder);
        if (url == null) {
            return Optional.empty();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return Optional.of(fs.provider().getPath(uri));
            }
            return Optional.of(Path.of(uri));
        } catch (URISyntaxException | IOException e) {
            return Optional.empty();
        }
    }
}
