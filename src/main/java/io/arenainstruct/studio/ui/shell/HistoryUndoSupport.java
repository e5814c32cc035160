package io.arenainstruct.studio.ui.shell;

import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;

import io.arenainstruct.studio.service.undo.UndoHistory;

/** {@link UndoSupport} over an {@link UndoHistory}; the history must be used on the FX thread. */
public final class HistoryUndoSupport implements UndoSupport {
    private final UndoHistory history;
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper("");

    public HistoryUndoSupport(UndoHistory history) {
        this.history = history;
        history.addListener(this::sync);
        sync();
    }

    private void sync() {
        canUndo.set(history.canUndo());
        canRedo.set(history.canRedo());
        undoText.set(history.nextUndo().orElse(""));
        redoText.set(history.nextRedo().orElse(""));
    }

    @Override
    public ObservableBooleanValue canUndo() {
        return canUndo.getReadOnlyProperty();
    }

    @Override
    public ObservableBooleanValue canRedo() {
        return canRedo.getReadOnlyProperty();
    }

    @Override
    public ObservableStringValue undoDescription() {
        return undoText.getReadOnlyProperty();
    }

    @Override
    public ObservableStringValue redoDescription() {
        return redoText.getReadOnlyProperty();
    }

    @Override
    public void undo() {
        history.undo();
    }

    @Override
    public void redo() {
        history.redo();
    }
}
