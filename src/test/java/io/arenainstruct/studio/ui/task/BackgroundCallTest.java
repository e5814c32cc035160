package io.arenainstruct.studio.ui.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.service.task.BackgroundExecutor;

class BackgroundCallTest {
    private final CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
    private final List<String> seen = new ArrayList<>();

    @Test
    void theResultGoesToOnSuccessAndNotToOnFailure() {
        tasks.wrap(() -> 6 * 7)
                .onSuccess(v -> seen.add("ok " + v))
                .onFailure(e -> seen.add("failed"))
                .start();

        assertThat(seen).containsExactly("ok 42");
    }

    @Test
    void whatTheWorkThrowsGoesToOnFailure() {
        tasks.wrap(() -> {
                    throw new IOException("disk gone");
                })
                .onSuccess(v -> seen.add("ok"))
                .onFailure(e -> seen.add(e.getClass().getSimpleName() + ": " + e.getMessage()))
                .start();

        assertThat(seen).containsExactly("IOException: disk gone");
    }

    @Test
    void anOlderCallFinishingLastIsDroppedWhenANewerOneHasTheSameKey() {
        Latest key = new Latest();
        Latest other = new Latest();
        tasks.hold();
        tasks.wrap(() -> "first").onSuccess(seen::add).latestOnly(key).start();
        tasks.wrap(() -> "second").onSuccess(seen::add).latestOnly(key).start();
        tasks.wrap(() -> "other key").onSuccess(seen::add).latestOnly(other).start();
        tasks.wrap(() -> "no key").onSuccess(seen::add).start();

        tasks.runHeld(1, 0, 2, 3);

        assertThat(seen).containsExactly("second", "other key", "no key");
    }

    @Test
    void aStaleFailureIsDroppedToo() {
        Latest key = new Latest();
        tasks.hold();
        tasks.wrap(() -> {
                    throw new IllegalStateException("old");
                })
                .onFailure(e -> seen.add(e.getMessage()))
                .latestOnly(key)
                .start();
        tasks.wrap(() -> "new").onSuccess(seen::add).latestOnly(key).start();

        tasks.runHeld(1, 0);

        assertThat(seen).containsExactly("new");
    }

    @Test
    void invalidatingTheKeyDropsWhatIsUnderWay() {
        Latest key = new Latest();
        tasks.hold();
        tasks.wrap(() -> "late").onSuccess(seen::add).latestOnly(key).start();
        key.invalidate();
        tasks.runHeld();

        assertThat(seen).isEmpty();
    }

    @Test
    void callsWhileCurrentAllArriveUntilTheKeyMovesOn() {
        Latest filter = new Latest();
        tasks.hold();
        tasks.wrap(() -> "page 0").onSuccess(seen::add).whileCurrent(filter).start();
        tasks.wrap(() -> "page 1").onSuccess(seen::add).whileCurrent(filter).start();
        tasks.runHeld(1, 0);
        tasks.hold();
        tasks.wrap(() -> "page 2, old filter")
                .onSuccess(seen::add)
                .whileCurrent(filter)
                .start();
        filter.invalidate();
        tasks.wrap(() -> "page 0, new filter")
                .onSuccess(seen::add)
                .whileCurrent(filter)
                .start();
        tasks.runHeld();

        assertThat(seen).containsExactly("page 1", "page 0", "page 0, new filter");
    }

    @Test
    void aFailureInOnSuccessIsReportedNotSwallowedNorTakenForAFailedWork() {
        BackgroundCall<String> call = tasks.wrap(() -> "x")
                .onSuccess(v -> {
                    throw new IllegalArgumentException("bug in the handler");
                })
                .onFailure(e -> seen.add("onFailure " + e.getMessage()));

        assertThatThrownBy(call::start)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bug in the handler");
        assertThat(seen).isEmpty();
    }

    @Test
    void aFailedWorkWithoutOnFailureIsReportedNotSwallowed() {
        BackgroundCall<Object> call = tasks.wrap(() -> {
            throw new IOException("nobody listens");
        });

        assertThatThrownBy(call::start)
                .hasRootCauseInstanceOf(IOException.class)
                .hasMessageContaining("nobody listens");
    }

    @Test
    void longWorkGoesToTheStatusBarWithItsTitleAndHearsCancel() {
        tasks.hold();
        TaskHandle handle = tasks.wrap(
                        "Finding models", (progress, cancel) -> cancel.isCancelled() ? "stopped" : "found")
                .onSuccess(seen::add)
                .start();
        handle.cancel();
        tasks.runHeld();

        assertThat(tasks.monitoredTitles).containsExactly("Finding models");
        assertThat(seen).containsExactly("stopped");
    }

    @Test
    void plainWorkHearsCancelToo() {
        tasks.hold();
        TaskHandle handle = tasks.wrap("x", (progress, cancel) -> cancel.isCancelled())
                .onSuccess(v -> seen.add("cancelled " + v))
                .start();
        handle.cancel();
        tasks.runHeld();

        assertThat(seen).containsExactly("cancelled true");
    }

    @Test
    void workStartedWhileTheAppClosesIsDroppedQuietly() {
        TaskExecutor closing = new OnExecutor(work -> {
            throw new RejectedExecutionException("shut down");
        });

        TaskHandle handle = closing.wrap(() -> "x")
                .onSuccess(seen::add)
                .onFailure(e -> seen.add("failed"))
                .start();

        assertThat(handle).isSameAs(TaskHandle.NONE);
        assertThat(seen).isEmpty();
    }

    @Test
    void serialWorkRunsInTheOrderStartedOnARealPool() {
        // Real threads: a later, shorter write must not overtake an earlier one.
        try (BackgroundExecutor pool = new BackgroundExecutor("serial-test")) {
            List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            SerialTasks serial = new OnExecutor(pool.executor()).serial();
            for (int i = 0; i < 20; i++) {
                int n = i;
                serial.wrap(() -> {
                            Thread.sleep(n % 2 == 0 ? 5 : 0); // uneven work, to give overtaking a chance
                            order.add(n);
                            return n;
                        })
                        .start();
            }
            serial.awaitIdle(10, TimeUnit.SECONDS);

            assertThat(order).isEqualTo(IntStream.range(0, 20).boxed().toList());
        }
    }

    /** Background work on the given executor; UI work on the thread that delivers it. */
    private record OnExecutor(Executor executor) implements TaskExecutor {
        @Override
        public void background(Runnable work) {
            executor.execute(work);
        }

        @Override
        public void ui(Runnable action) {
            action.run();
        }

        @Override
        public <V> TaskHandle monitored(
                String title, BackgroundWork<V> work, Consumer<V> onSuccess, Consumer<Throwable> onFailure) {
            throw new UnsupportedOperationException("not used here");
        }
    }
}
