package io.arenainstruct.studio.ui.shell;

import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;

/** An area's undo and redo, which the Edit menu and Ctrl+Z / Ctrl+Shift+Z drive. */
public interface UndoSupport {
    ObservableBooleanValue canUndo();

    ObservableBooleanValue canRedo();

    /** What Undo would undo, for the menu text ("" when nothing). */
    ObservableStringValue undoDescription();

    ObservableStringValue redoDescription();

    void undo();

    void redo();
}
