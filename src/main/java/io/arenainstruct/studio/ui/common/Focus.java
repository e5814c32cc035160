package io.arenainstruct.studio.ui.common;

import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Scene;

/**
 * Gives a control the keys when it can take them. A tab's content enters the scene only when the tab pane's skin is
 * made, in the pulse after the area is first shown: a plain {@code requestFocus} (even from {@code runLater}, which
 * a loaded machine runs before that pulse) is then lost and the keys stay where they were.
 */
public final class Focus {
    private Focus() {}

    /** Now when {@code node} is in a scene and shown, else once a layout pulse has put it there. */
    public static void whenShown(Node node) {
        Scene scene = node.getScene();
        if (scene == null) {
            node.sceneProperty().addListener(new ChangeListener<Scene>() {
                @Override
                public void changed(ObservableValue<? extends Scene> value, Scene was, Scene now) {
                    if (now != null) {
                        node.sceneProperty().removeListener(this);
                        afterLayout(now, node);
                    }
                }
            });
        } else if (shown(node)) {
            node.requestFocus();
        } else {
            afterLayout(scene, node);
        }
    }

    /** Whether the node and every parent are visible (a hidden tab's content is not). */
    static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** Requests the focus after the next layout pulse of {@code scene}, once, if the node is still there. */
    private static void afterLayout(Scene scene, Node node) {
        boolean[] done = {false};
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            if (done[0]) {
                return;
            }
            done[0] = true;
            // not removed while the scene walks its listeners
            Platform.runLater(() -> {
                scene.removePostLayoutPulseListener(listener[0]);
                if (node.getScene() == scene && shown(node)) {
                    node.requestFocus();
                }
            });
        };
        scene.addPostLayoutPulseListener(listener[0]);
        Platform.requestNextPulse();
    }
}
