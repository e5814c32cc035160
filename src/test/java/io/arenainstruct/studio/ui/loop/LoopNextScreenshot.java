package io.arenainstruct.studio.ui.loop;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;

import javafx.application.Platform;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import io.arenainstruct.studio.domain.loop.LoopRules;
import io.arenainstruct.studio.service.loop.LoopSimulation;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.ui.UiHarness;

/**
 * Takes the pictures of the Next iteration tab for the docs (run under Xvfb, not a test): the store of
 * {@link LoopIterationsUiTest} with Inference's weight and Easy's rounds accepted, the tab open with its estimate.
 * Arguments: the folder to write to, then sizes such as 1024x700 1400x900.
 */
public final class LoopNextScreenshot {
    private LoopNextScreenshot() {}

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[0]));
        Path store = Files.createTempDirectory("loop-next-shot").resolve("store");
        try (FakeModelServer server = FakeModelServer.start().replyWith(LoopSimulation::reply)) {
            UiHarness ui = new UiHarness(store, false);
            LoopIterationsUiTest.firstIteration(ui.workspace, server.openAiBaseUrl());
            ui.workspace
                    .loop()
                    .accept(
                            "T",
                            LoopRules.defaults().withMinBattles(LoopIterationsUiTest.MIN_BATTLES),
                            List.of(LoopIterationsUiTest.WEIGHT_INFERENCE, LoopIterationsUiTest.ROUNDS_EASY),
                            "curator");
            CountDownLatch started = new CountDownLatch(1);
            AtomicReference<Stage> stage = new AtomicReference<>();
            Platform.startup(() -> {
                Stage s = new Stage();
                ui.show(s);
                stage.set(s);
                started.countDown();
            });
            started.await(30, TimeUnit.SECONDS);
            for (int i = 1; i < args.length; i++) {
                String[] size = args[i].split("x");
                int w = Integer.parseInt(size[0]);
                int h = Integer.parseInt(size[1]);
                on(() -> {
                    stage.get().setWidth(w);
                    stage.get().setHeight(h);
                    ui.window.select("loop");
                });
                LoopView view = (LoopView) ui.window.view("loop").orElseThrow();
                on(() -> view.model().target().set("T"));
                on(() -> {
                    view.tabs().getSelectionModel().select(1);
                    view.model().minBattles().set(String.valueOf(LoopIterationsUiTest.MIN_BATTLES));
                });
                waitFor(() -> !view.model().proposals().isEmpty());
                Thread.sleep(1500);
                Path proposals = out.resolve("loop-proposals-" + args[i] + ".png");
                on(() -> snapshot(stage.get(), proposals));
                on(() -> view.openNext());
                waitFor(() -> !view.nextPane().start().isDisabled());
                Thread.sleep(1500); // the pictures only: layout and the tooltip-free settle of the window
                Path file = out.resolve("loop-next-" + args[i] + ".png");
                on(() -> snapshot(stage.get(), file));
            }
            on(() -> ui.window.close());
            ui.workspace.close();
            ui.executor.close();
        }
        Platform.exit();
    }

    private static void on(Runnable r) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                r.run();
            } finally {
                done.countDown();
            }
        });
        done.await(30, TimeUnit.SECONDS);
    }

    private interface Check {
        boolean holds();
    }

    private static void waitFor(Check check) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            boolean[] ok = new boolean[1];
            on(() -> ok[0] = check.holds());
            if (ok[0]) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the estimate did not come");
    }

    private static void snapshot(Stage stage, Path file) {
        WritableImage image = stage.getScene().snapshot(null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        try {
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
