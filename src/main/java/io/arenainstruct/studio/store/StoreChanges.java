package io.arenainstruct.studio.store;

import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.arenainstruct.studio.domain.StoreChange;

/**
 * The store's committed changes, told to listeners one at a time, in order, on one daemon thread
 * ({@code arenainstruct-store-changes}), never on the writer's: on H2 raised in this process after the commit, on
 * PostgreSQL heard from the server (every client's, this one's too) by the {@link PostgresqlListener}. Listeners
 * must return at once; a failing one is logged and the others still hear the change.
 */
final class StoreChanges implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StoreChanges.class.getName());
    private static final SecureRandom ORIGINS = new SecureRandom();

    /** This store's number in payloads, so it tells its own changes from other clients'. */
    private final long origin = ORIGINS.nextLong(1, Long.MAX_VALUE);

    private final List<Consumer<StoreChange>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "arenainstruct-store-changes");
        t.setDaemon(true);
        return t;
    });

    long origin() {
        return origin;
    }

    AutoCloseable subscribe(Consumer<StoreChange> listener) {
        Consumer<StoreChange> mine = listener::accept; // its own identity: one listener subscribed twice closes twice
        listeners.add(mine);
        return () -> listeners.remove(mine);
    }

    /** A notification's text from the server; one this app did not send is ignored. */
    void heard(String payload) {
        StoreChange.parse(payload, origin).ifPresentOrElse(this::raise, () -> LOG.fine("ignored a notification"));
    }

    void raise(StoreChange change) {
        try {
            delivery.execute(() -> deliver(change));
        } catch (RejectedExecutionException closed) {
            // the store is closed: nobody listens any more
        }
    }

    private void deliver(StoreChange change) {
        for (Consumer<StoreChange> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a store-change listener failed on " + change, e);
            }
        }
    }

    @Override
    public void close() {
        delivery.shutdown();
    }
}
