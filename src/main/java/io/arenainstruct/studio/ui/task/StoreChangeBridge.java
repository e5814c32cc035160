package io.arenainstruct.studio.ui.task;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import io.arenainstruct.studio.domain.StoreChange;
import io.arenainstruct.studio.domain.StoreChange.Kind;
import io.arenainstruct.studio.service.workspace.WorkspaceChanges;

/**
 * Where other clients' changes to the store cross to the UI thread, as {@link JobEventBridge} does for this process's
 * jobs: a subscriber names the kinds it shows and gets, on the UI thread through the {@link TaskExecutor}, the kinds
 * that changed since its last visit. A burst of changes waiting for the UI thread is one call, so a view reads again
 * once, not once per notification. "Anything may have changed" (after a lost connection) counts as every kind.
 */
public final class StoreChangeBridge {
    private final Function<Consumer<StoreChange>, AutoCloseable> changes;
    private final TaskExecutor tasks;

    public StoreChangeBridge(WorkspaceChanges changes, TaskExecutor tasks) {
        this(changes::subscribe, tasks);
    }

    /** Over any source of changes (tests hand them in themselves). */
    StoreChangeBridge(Function<Consumer<StoreChange>, AutoCloseable> changes, TaskExecutor tasks) {
        this.changes = changes;
        this.tasks = tasks;
    }

    /**
     * Calls {@code onUi} with the kinds among {@code kinds} that another client changed, until the handle is closed.
     * This process's own changes are left out: what it does reaches its views already (job events, the view that
     * wrote).
     */
    public AutoCloseable subscribe(Set<Kind> kinds, Consumer<Set<Kind>> onUi) {
        Relay relay = new Relay(EnumSet.copyOf(kinds), onUi, tasks);
        AutoCloseable subscription = changes.apply(relay::offer);
        return () -> {
            relay.closed = true;
            subscription.close();
        };
    }

    private static final class Relay {
        private final Set<Kind> wanted;
        private final Consumer<Set<Kind>> onUi;
        private final TaskExecutor tasks;
        /** Kinds changed and not yet told; guarded by {@code this}. */
        private final Set<Kind> pending = EnumSet.noneOf(Kind.class);

        private final AtomicBoolean scheduled = new AtomicBoolean();
        private volatile boolean closed;

        Relay(Set<Kind> wanted, Consumer<Set<Kind>> onUi, TaskExecutor tasks) {
            this.wanted = wanted;
            this.onUi = onUi;
            this.tasks = tasks;
        }

        /** On the store's change thread. */
        void offer(StoreChange change) {
            if (!change.elsewhere()) {
                return;
            }
            synchronized (this) {
                if (change.kind() == Kind.ANY) {
                    pending.addAll(wanted);
                } else if (wanted.contains(change.kind())) {
                    pending.add(change.kind());
                } else {
                    return;
                }
            }
            if (scheduled.compareAndSet(false, true)) {
                tasks.ui(this::drain);
            }
        }

        private void drain() {
            scheduled.set(false);
            Set<Kind> told;
            synchronized (this) {
                told = EnumSet.copyOf(pending);
                pending.clear();
            }
            if (!closed && !told.isEmpty()) {
                onUi.accept(told);
            }
        }
    }
}
