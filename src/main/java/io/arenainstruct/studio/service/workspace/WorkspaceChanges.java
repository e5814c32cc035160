package io.arenainstruct.studio.service.workspace;

import java.util.function.Consumer;

import io.arenainstruct.studio.domain.StoreChange;
import io.arenainstruct.studio.domain.StoreChange.Kind;
import io.arenainstruct.studio.service.arena.VerdictChanges;
import io.arenainstruct.studio.store.Dialect;
import io.arenainstruct.studio.store.Store;

/**
 * What the store's clients change, as the store tells it after each commit (decision 0025): on a PostgreSQL store
 * every client's changes, heard through LISTEN/NOTIFY; on H2 this process's own. Verdicts and battles another client
 * changed are passed on to {@link VerdictChanges} as well, so what listens there (the Leaderboard) hears them as it
 * hears this process's. Listeners run on the store's change thread and must return at once.
 */
public final class WorkspaceChanges implements AutoCloseable {
    private final Store store;
    private final AutoCloseable toVerdicts;

    WorkspaceChanges(Store store, VerdictChanges verdicts) {
        this.store = store;
        this.toVerdicts = store.onChange(change -> {
            if (change.elsewhere()
                    && (change.kind() == Kind.VERDICT || change.kind() == Kind.BATTLE || change.kind() == Kind.ANY)) {
                verdicts.changed();
            }
        });
    }

    /** Calls {@code listener} with every committed change from now on, until the returned handle is closed. */
    public AutoCloseable subscribe(Consumer<StoreChange> listener) {
        return store.onChange(listener);
    }

    /** Whether other clients can change the store while it is open here (a PostgreSQL store). */
    public boolean shared() {
        return store.dialect() == Dialect.POSTGRESQL;
    }

    @Override
    public void close() {
        try {
            toVerdicts.close();
        } catch (Exception e) {
            // removing a listener from a list does not fail
        }
    }
}
