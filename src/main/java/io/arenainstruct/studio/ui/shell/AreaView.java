package io.arenainstruct.studio.ui.shell;

import java.util.Map;
import java.util.Optional;

import javafx.scene.Node;
import javafx.scene.input.KeyCombination;

/** A created area: its node, and what the shell asks of it. */
public interface AreaView {
    Node node();

    /** Called each time the area is shown (e.g. to refresh or focus its main control). */
    default void shown() {}

    /**
     * The area's keyboard shortcuts, active while it is shown wherever the focus is. Shortcuts without
     * Ctrl/Cmd are skipped while the curator types in a text field.
     */
    default Map<KeyCombination, Runnable> shortcuts() {
        return Map.of();
    }

    default Optional<UndoSupport> undoSupport() {
        return Optional.empty();
    }

    /**
     * Shows what another area sent the curator here for (see {@code Navigation}); called after {@link #shown()}.
     * Areas ignore subjects they do not know.
     */
    default void open(Object subject) {}

    /** Finishes pending store writes; called before the store closes. */
    default void close() {}
}
