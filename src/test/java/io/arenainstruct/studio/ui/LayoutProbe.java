package io.arenainstruct.studio.ui;

import java.util.List;

import javafx.scene.Scene;

/** {@link LayoutTest}'s checks for a test of one area in another package (run on the FX thread). */
public final class LayoutProbe {
    private LayoutProbe() {}

    /** What runs off or is cut short in the scene, as the smallest window is checked (list rows may scroll). */
    public static List<String> problems(Scene scene) {
        return LayoutTest.problems(scene, false);
    }
}
