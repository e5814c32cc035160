package io.arenainstruct.studio.service.llm;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A response body that is closed when no byte arrives for the idle timeout. The JDK client's request timeout
 * only covers the wait for the headers; a server that stalls in the middle of a reply would otherwise hold
 * the call (and an endpoint slot) until the user cancels.
 */
final class IdleTimeoutInputStream extends FilterInputStream {
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "arenainstruct-body-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final long idleNanos;
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean timedOut;
    private volatile boolean closed;

    private IdleTimeoutInputStream(InputStream in, Duration idle) {
        super(in);
        this.idleNanos = idle.toNanos();
    }

    /** Wraps {@code in}; without a timeout the stream is returned as it is. */
    static InputStream wrap(InputStream in, Duration idle) {
        if (idle == null || idle.isZero() || idle.isNegative()) {
            return in;
        }
        IdleTimeoutInputStream s = new IdleTimeoutInputStream(in, idle);
        s.schedule(s.idleNanos);
        return s;
    }

    private void schedule(long delayNanos) {
        WATCHDOG.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check() {
        if (closed) {
            return;
        }
        long idleFor = System.nanoTime() - lastActivity;
        if (idleFor < idleNanos) {
            schedule(idleNanos - idleFor);
            return;
        }
        timedOut = true;
        try {
            in.close(); // unblocks the reader with an IOException
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    /** Whether the body was closed because it went quiet. */
    boolean timedOut() {
        return timedOut;
    }

    @Override
    public int read() throws IOException {
        try {
            int b = super.read();
            return afterRead(b);
        } catch (IOException e) {
            throw timedOut ? new IdleTimeoutException() : e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            int n = super.read(b, off, len);
            return afterRead(n);
        } catch (IOException e) {
            throw timedOut ? new IdleTimeoutException() : e;
        }
    }

    private int afterRead(int result) throws IOException {
        if (timedOut) {
            throw new IdleTimeoutException();
        }
        lastActivity = System.nanoTime();
        return result;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        super.close();
    }

    /** The body went quiet for longer than the endpoint's timeout. */
    static final class IdleTimeoutException extends IOException {
        IdleTimeoutException() {
            super("the server stopped sending in the middle of the reply");
        }
    }
}
