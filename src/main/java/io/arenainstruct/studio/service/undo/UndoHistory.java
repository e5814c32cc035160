package io.arenainstruct.studio.service.undo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Undo and redo stacks of {@link UndoableEdit}s. Not thread-safe: use it from one thread (the UI's). */
public final class UndoHistory {
    private static final int LIMIT = 500;

    private final Deque<UndoableEdit> undo = new ArrayDeque<>();
    private final Deque<UndoableEdit> redo = new ArrayDeque<>();
    private final List<Runnable> listeners = new ArrayList<>();

    /** Applies the edit and records it; a new edit clears what could be redone. */
    public void perform(UndoableEdit edit) {
        edit.apply();
        undo.push(edit);
        if (undo.size() > LIMIT) {
            undo.removeLast();
        }
        redo.clear();
        changed();
    }

    public Optional<UndoableEdit> undo() {
        if (undo.isEmpty()) {
            return Optional.empty();
        }
        UndoableEdit edit = undo.pop();
        edit.revert();
        redo.push(edit);
        changed();
        return Optional.of(edit);
    }

    public Optional<UndoableEdit> redo() {
        if (redo.isEmpty()) {
            return Optional.empty();
        }
        UndoableEdit edit = redo.pop();
        edit.apply();
        undo.push(edit);
        changed();
        return Optional.of(edit);
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    public Optional<String> nextUndo() {
        return Optional.ofNullable(undo.peek()).map(UndoableEdit::description);
    }

    public Optional<String> nextRedo() {
        return Optional.ofNullable(redo.peek()).map(UndoableEdit::description);
    }

    public void clear() {
        undo.clear();
        redo.clear();
        changed();
    }

    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }
}
