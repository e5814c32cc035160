package io.arenainstruct.studio.ui.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Every dialog the app shows goes through here, so tests can answer them without windows. */
public interface DialogService {
    void showError(String title, String message);

    void showInfo(String title, String message);

    boolean confirm(String title, String message, String confirmLabel);

    List<Path> chooseFiles(String title);

    Optional<Path> chooseFolder(String title);

    Optional<Path> chooseFile(String title, String extensionDescription, String extension);

    Optional<Path> chooseSaveFile(String title, String initialName, String extensionDescription, String extension);
}
