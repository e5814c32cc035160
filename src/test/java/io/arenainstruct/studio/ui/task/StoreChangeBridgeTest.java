package io.arenainstruct.studio.ui.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.StoreChange;
import io.arenainstruct.studio.domain.StoreChange.Kind;

/** Other clients' changes to the UI thread: a burst is one call, own changes and unwanted kinds are left out. */
class StoreChangeBridgeTest {
    /** UI actions queued until {@link #runUi()}, as a busy UI thread would leave them. */
    private static final class QueuedUi implements TaskExecutor {
        final List<Runnable> ui = new ArrayList<>();

        @Override
        public void background(Runnable work) {
            work.run();
        }

        @Override
        public void ui(Runnable action) {
            ui.add(action);
        }

        @Override
        public <V> TaskHandle monitored(
                String title, BackgroundWork<V> work, Consumer<V> onSuccess, Consumer<Throwable> onFailure) {
            return new CallingThreadTaskExecutor().monitored(title, work, onSuccess, onFailure);
        }

        @Override
        public Executor executor() {
            return Runnable::run;
        }

        void runUi() {
            List<Runnable> now = new ArrayList<>(ui);
            ui.clear();
            now.forEach(Runnable::run);
        }
    }

    private final List<Consumer<StoreChange>> listeners = new CopyOnWriteArrayList<>();
    private final QueuedUi tasks = new QueuedUi();
    private final StoreChangeBridge bridge = new StoreChangeBridge(
            l -> {
                listeners.add(l);
                return () -> listeners.remove(l);
            },
            tasks);

    private void tell(Kind kind, long id, boolean elsewhere) {
        listeners.forEach(l -> l.accept(new StoreChange(kind, id, elsewhere)));
    }

    @Test
    void aBurstOfOtherClientsChangesIsOneCallWithTheWantedKinds() throws Exception {
        List<Set<Kind>> calls = new ArrayList<>();
        AutoCloseable sub = bridge.subscribe(EnumSet.of(Kind.VERDICT, Kind.BATTLE), calls::add);
        for (int i = 1; i <= 50; i++) {
            tell(Kind.VERDICT, i, true);
        }
        tell(Kind.BATTLE, 7, true);
        tell(Kind.RUN, 3, true); // not shown by this subscriber
        tell(Kind.TAXONOMY, 0, false);

        assertThat(tasks.ui).hasSize(1);
        tasks.runUi();
        assertThat(calls).containsExactly(EnumSet.of(Kind.VERDICT, Kind.BATTLE));

        tell(Kind.VERDICT, 9, false); // this client's own: its views heard it already
        assertThat(tasks.ui).isEmpty();

        tell(Kind.ANY, 0, true); // after a reconnect: anything may have changed
        tasks.runUi();
        assertThat(calls).containsExactly(EnumSet.of(Kind.VERDICT, Kind.BATTLE), EnumSet.of(Kind.VERDICT, Kind.BATTLE));

        tell(Kind.VERDICT, 10, true);
        sub.close();
        tasks.runUi();
        assertThat(calls).as("nothing after the subscription closed").hasSize(2);
        assertThat(listeners).isEmpty();
    }
}
