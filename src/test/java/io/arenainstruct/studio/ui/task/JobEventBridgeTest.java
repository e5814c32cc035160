package io.arenainstruct.studio.ui.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.service.job.JobEvent;
import io.arenainstruct.studio.service.job.JobRegistry;
import io.arenainstruct.studio.service.job.JobState;
import io.arenainstruct.studio.service.job.RunningJob;

/** The bridge from job events to the UI thread, with a UI "thread" the test runs by hand: no toolkit. */
class JobEventBridgeTest {
    /** Background work on the calling thread; UI actions queued until {@link #runUi()}. */
    private static final class QueuedUi implements TaskExecutor {
        final List<Runnable> ui = new ArrayList<>();
        private final CallingThreadTaskExecutor calling = new CallingThreadTaskExecutor();

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
            return calling.monitored(title, work, onSuccess, onFailure);
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

    private static final RunningJob JOB = new RunningJob() {
        @Override
        public long jobId() {
            return 4;
        }

        @Override
        public void pause() {}

        @Override
        public void resume() {}

        @Override
        public boolean isPaused() {
            return false;
        }

        @Override
        public void cancel() {}
    };

    private final JobRegistry<String> registry = new JobRegistry<>(Runnable::run, Duration.ofSeconds(1));
    private final QueuedUi ui = new QueuedUi();
    private final JobEventBridge<String> bridge = new JobEventBridge<>(registry, ui);
    private final List<String> seen = new ArrayList<>();

    private void listen() {
        bridge.subscribe(e -> seen.add(
                e instanceof JobEvent.Progressed<String> p
                        ? "progress " + p.progress()
                        : e.getClass().getSimpleName()));
    }

    @Test
    void eventsReachTheUiThreadInOrderWithOnlyTheNewestProgressOfABurst() {
        listen();
        registry.register(JOB);
        registry.progress(4, "1");
        registry.progress(4, "2");
        registry.itemChanged(4, JobEvent.Item.INSTRUCTION, 10);
        registry.progress(4, "3");
        registry.finished(4, JobState.COMPLETED);
        // nothing on the UI thread yet, and one visit of it is asked for
        assertThat(seen).isEmpty();
        assertThat(ui.ui).hasSize(1);
        ui.runUi();
        assertThat(seen).containsExactly("Started", "progress 3", "ItemChanged", "Finished");
    }

    @Test
    void progressAfterAVisitIsDeliveredAgain() {
        listen();
        registry.progress(4, "1");
        ui.runUi();
        registry.progress(4, "2");
        ui.runUi();
        assertThat(seen).containsExactly("progress 1", "progress 2");
    }

    @Test
    void aClosedSubscriptionGetsNothingQueuedBeforeOrAfter() throws Exception {
        AutoCloseable subscription = bridge.subscribe(e -> seen.add("event"));
        registry.register(JOB);
        subscription.close();
        registry.finished(4, JobState.CANCELLED);
        ui.runUi();
        assertThat(seen).isEmpty();
    }
}
