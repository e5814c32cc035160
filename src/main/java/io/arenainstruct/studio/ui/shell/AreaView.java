package io.arenainstruct.studio.ui.shell;

import java.util.Optional;

import javafx.scene.Node;

/** A created area: its node, and what the shell asks of it. */
public interface AreaView {
    Node node();

    /** Called each time the area is shown (e.g. to refresh or focus its main control). */
    default void shown() {
    }

    default Optional<UndoSupport> undoSupport() {
        return Optional.empty();
    }

    /** Finishes pending store writes; called before the store closes. */
    default void close() {
    }
}
