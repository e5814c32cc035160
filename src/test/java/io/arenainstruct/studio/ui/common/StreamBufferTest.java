package io.arenainstruct.studio.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Pieces from a worker thread reach the FX thread batched, in order, and a restart clears what was shown. */
class StreamBufferTest {
    private final StringBuilder shown = new StringBuilder();
    private final List<String> appends = new CopyOnWriteArrayList<>();
    private final StreamBuffer buffer = new StreamBuffer(
            () -> {
                assertThat(Platform.isFxApplicationThread()).isTrue();
                shown.setLength(0);
                appends.add("<clear>");
            },
            text -> {
                assertThat(Platform.isFxApplicationThread()).isTrue();
                shown.append(text);
                appends.add(text);
            });

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    /** Runs {@code work} on a worker thread while the FX thread is held busy, then lets the FX thread go. */
    private static void whileFxIsBusy(Runnable work) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
                    Thread worker = new Thread(work, "stream-worker");
                    worker.start();
                    try {
                        worker.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void thousandsOfPiecesArriveAsOneUpdateWhenTheFxThreadIsBusy() throws Exception {
        whileFxIsBusy(() -> {
            for (int i = 0; i < 5_000; i++) {
                buffer.text(i + " ");
            }
        });
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            expected.append(i).append(' ');
        }
        assertThat(shown).hasToString(expected.toString());
        assertThat(appends).hasSize(1);
    }

    @Test
    void aRestartForgetsWhatCameBeforeIt() throws Exception {
        whileFxIsBusy(() -> {
            buffer.text("first attempt, cut");
            buffer.restart();
            buffer.text("second ");
            buffer.text("attempt");
        });
        assertThat(shown).hasToString("second attempt");
        assertThat(appends).containsExactly("<clear>", "second attempt");

        whileFxIsBusy(() -> buffer.text(" continues"));
        assertThat(shown).hasToString("second attempt continues");
    }

    @Test
    void afterCloseNothingMoreIsShown() throws Exception {
        whileFxIsBusy(() -> buffer.text("kept"));
        buffer.close();
        whileFxIsBusy(() -> {
            buffer.text(" dropped");
            buffer.restart();
        });
        assertThat(shown).hasToString("kept");
    }
}
