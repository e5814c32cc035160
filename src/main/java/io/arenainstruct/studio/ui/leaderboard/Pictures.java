package io.arenainstruct.studio.ui.leaderboard;

import java.awt.image.BufferedImage;

import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/**
 * A node as a picture ImageIO can write: JavaFX's snapshot copied pixel row by pixel row into a BufferedImage (what
 * javafx-swing's SwingFXUtils does, without the module).
 */
final class Pictures {
    private Pictures() {}

    /** The node as laid out, at one pixel per unit; its own background (from the stylesheet) fills it. */
    static BufferedImage of(Node node) {
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(Color.TRANSPARENT);
        WritableImage shot = node.snapshot(params, null);
        int w = (int) shot.getWidth();
        int h = (int) shot.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = shot.getPixelReader();
        int[] line = new int[w];
        for (int y = 0; y < h; y++) {
            pixels.getPixels(0, y, w, 1, PixelFormat.getIntArgbInstance(), line, 0, w);
            out.setRGB(0, y, w, 1, line, 0, w);
        }
        return out;
    }
}
