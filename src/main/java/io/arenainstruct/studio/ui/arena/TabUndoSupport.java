package io.arenainstruct.studio.ui.arena;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Tab;

import io.arenainstruct.studio.ui.shell.UndoSupport;

/** A tab's undo and redo, offered only while the tab is selected (the menu names nothing otherwise). */
final class TabUndoSupport implements UndoSupport {
    private final Tab tab;
    private final UndoSupport inner;
    private final ObservableBooleanValue canUndo;
    private final ObservableBooleanValue canRedo;
    private final ObservableStringValue undoText;
    private final ObservableStringValue redoText;

    TabUndoSupport(Tab tab, UndoSupport inner) {
        this.tab = tab;
        this.inner = inner;
        canUndo = Bindings.createBooleanBinding(
                () -> tab.isSelected() && inner.canUndo().get(), tab.selectedProperty(), inner.canUndo());
        canRedo = Bindings.createBooleanBinding(
                () -> tab.isSelected() && inner.canRedo().get(), tab.selectedProperty(), inner.canRedo());
        undoText = Bindings.createStringBinding(
                () -> tab.isSelected() ? inner.undoDescription().get() : "",
                tab.selectedProperty(),
                inner.undoDescription());
        redoText = Bindings.createStringBinding(
                () -> tab.isSelected() ? inner.redoDescription().get() : "",
                tab.selectedProperty(),
                inner.redoDescription());
    }

    @Override
    public ObservableBooleanValue canUndo() {
        return canUndo;
    }

    @Override
    public ObservableBooleanValue canRedo() {
        return canRedo;
    }

    @Override
    public ObservableStringValue undoDescription() {
        return undoText;
    }

    @Override
    public ObservableStringValue redoDescription() {
        return redoText;
    }

    @Override
    public void undo() {
        if (tab.isSelected()) {
            inner.undo();
        }
    }

    @Override
    public void redo() {
        if (tab.isSelected()) {
            inner.redo();
        }
    }
}
