package io.arenainstruct.studio.ui;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.arenainstruct.studio.ui.common.DialogService;

/** Answers dialogs from queued answers and records what was shown. */
public final class FakeDialogService implements DialogService {
    public final List<String> errors = new CopyOnWriteArrayList<>();
    public final List<String> infos = new CopyOnWriteArrayList<>();
    public final Deque<List<Path>> files = new ArrayDeque<>();
    public final Deque<Path> folders = new ArrayDeque<>();
    public final Deque<Path> saveFiles = new ArrayDeque<>();
    public final List<String> confirms = new CopyOnWriteArrayList<>();
    public boolean confirmAnswer = true;

    @Override
    public void showError(String title, String message) {
        errors.add(title + ": " + message);
    }

    @Override
    public void showInfo(String title, String message) {
        infos.add(title + ": " + message);
    }

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        confirms.add(title + ": " + message);
        return confirmAnswer;
    }

    @Override
    public List<Path> chooseFiles(String title) {
        return files.isEmpty() ? new ArrayList<>() : files.pop();
    }

    @Override
    public Optional<Path> chooseFolder(String title) {
        return Optional.ofNullable(folders.poll());
    }

    @Override
    public Optional<Path> chooseFile(String title, String extensionDescription, String extension) {
        return files.isEmpty() ? Optional.empty() : files.pop().stream().findFirst();
    }

    @Override
    public Optional<Path> chooseSaveFile(
            String title, String initialName, String extensionDescription, String extension) {
        return Optional.ofNullable(saveFiles.poll());
    }
}
