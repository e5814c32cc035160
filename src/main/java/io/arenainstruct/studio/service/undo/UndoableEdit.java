package io.arenainstruct.studio.service.undo;

/** One change that can be undone and redone (a command object, as in Scene Builder's Job). */
public interface UndoableEdit {
    /** Short words for menus, e.g. "Rename category". */
    String description();

    void apply();

    void revert();
}
