package io.arenainstruct.studio.service.arena;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells whoever listens that the workspace's verdicts changed (a vote, an undone vote, an edit-then-prefer, a judging
 * job's commit, an imported battle file, a dataset import that may have completed battles imported before its
 * questions or answers), after the write is committed. Listeners run on the writer's thread and
 * must return at once (the Leaderboard only notes that it should compute again); they cross to the UI thread
 * themselves. Thread-safe.
 */
public final class VerdictChanges {
    private static final Logger LOG = Logger.getLogger(VerdictChanges.class.getName());

    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong version = new AtomicLong();

    /** Calls {@code listener} after every change from now on, until the returned handle is closed. */
    public AutoCloseable subscribe(Runnable listener) {
        Runnable mine = listener::run; // its own identity: subscribing one listener twice needs two closes
        listeners.add(mine);
        return () -> listeners.remove(mine);
    }

    /** Says the verdicts changed; call after the write is committed. A failing listener does not fail the write. */
    public void changed() {
        version.incrementAndGet();
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a verdict-change listener failed", e);
            }
        }
    }

    /** How many changes were told so far: a reader compares it with the one its figures were computed at. */
    public long version() {
        return version.get();
    }
}
