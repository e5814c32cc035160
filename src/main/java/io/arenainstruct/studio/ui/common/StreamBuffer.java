package io.arenainstruct.studio.ui.common;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import javafx.application.Platform;

import io.arenainstruct.studio.domain.llm.StreamSink;

/**
 * Carries a streamed reply from the worker thread to the FX thread in batches: pieces are appended to a
 * buffer under a lock, and at most one flush is waiting on the FX thread at any time, however fast the
 * pieces come. A {@link #restart()} (the gateway retries) clears what was shown.
 */
public final class StreamBuffer implements StreamSink {
    private final Object lock = new Object();
    private final StringBuilder pending = new StringBuilder(); // guarded by lock
    private boolean cleared; // guarded by lock
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private final Runnable clear;
    private final Consumer<String> append;
    private final Executor ui;
    private volatile boolean closed;

    /** Both callbacks run on the FX thread. */
    public StreamBuffer(Runnable clear, Consumer<String> append) {
        this(clear, append, Platform::runLater);
    }

    /** Both callbacks run through {@code ui} (a view model's {@code TaskExecutor::ui}: in unit tests, at once). */
    public StreamBuffer(Runnable clear, Consumer<String> append, Executor ui) {
        this.clear = clear;
        this.append = append;
        this.ui = ui;
    }

    @Override
    public void text(String piece) {
        if (closed || piece == null || piece.isEmpty()) {
            return;
        }
        synchronized (lock) {
            pending.append(piece);
        }
        queueFlush();
    }

    @Override
    public void restart() {
        if (closed) {
            return;
        }
        synchronized (lock) {
            pending.setLength(0);
            cleared = true;
        }
        queueFlush();
    }

    /** Stops taking pieces (after a cancel); what was flushed stays shown. */
    public void close() {
        closed = true;
    }

    /** Shows what has arrived so far; on the FX thread. */
    public void flush() {
        flushQueued.set(false);
        String text;
        boolean restart;
        synchronized (lock) {
            text = pending.toString();
            pending.setLength(0);
            restart = cleared;
            cleared = false;
        }
        if (closed) {
            return;
        }
        if (restart) {
            clear.run();
        }
        if (!text.isEmpty()) {
            append.accept(text);
        }
    }

    private void queueFlush() {
        if (flushQueued.compareAndSet(false, true)) {
            ui.execute(this::flush);
        }
    }
}
