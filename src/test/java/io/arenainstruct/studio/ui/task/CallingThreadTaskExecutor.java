package io.arenainstruct.studio.ui.task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.arenainstruct.studio.service.task.ProgressListener;

/**
 * A {@link TaskExecutor} for view-model unit tests: work and its handlers run on the calling thread before
 * {@code start()} returns, so a test reads the outcome on the next line. {@link #hold()} keeps background work
 * queued until {@link #runHeld()}, to finish calls in an order the test chooses (a stale result arriving late).
 * A debounced action runs at once on its trigger, or, after {@link #holdDebounced()}, once per burst on
 * {@link #runDebounced()}.
 */
public final class CallingThreadTaskExecutor implements TaskExecutor {
    /** The titles of the status-bar tasks started, in order. */
    public final List<String> monitoredTitles = new ArrayList<>();
    /** The new names status-bar tasks gave themselves once they knew what they are, in order. */
    public final List<String> renamedTitles = new ArrayList<>();

    private final List<Runnable> held = new ArrayList<>();
    private boolean holding;
    private final Set<Runnable> debounced = new LinkedHashSet<>();
    private boolean holdingDebounced;

    @Override
    public void background(Runnable work) {
        if (holding) {
            held.add(work);
        } else {
            work.run();
        }
    }

    @Override
    public void ui(Runnable action) {
        action.run();
    }

    @Override
    public <V> TaskHandle monitored(
            String title, BackgroundWork<V> work, Consumer<V> onSuccess, Consumer<Throwable> onFailure) {
        monitoredTitles.add(title);
        AtomicBoolean cancelled = new AtomicBoolean();
        Runnable run = () -> {
            V value;
            try {
                value = work.run(
                        new ProgressListener() {
                            @Override
                            public void progress(long done, long total, String message) {}

                            @Override
                            public void rename(String newTitle) {
                                renamedTitles.add(newTitle);
                            }
                        },
                        cancelled::get);
            } catch (Exception e) {
                onFailure.accept(e);
                return;
            }
            onSuccess.accept(value);
        };
        background(run);
        return () -> cancelled.set(true);
    }

    @Override
    public Executor executor() {
        return Runnable::run;
    }

    @Override
    public Debouncer debounce(Duration delay, Runnable action) {
        return new Debouncer() {
            @Override
            public void trigger() {
                if (holdingDebounced) {
                    debounced.add(action);
                } else {
                    action.run();
                }
            }

            @Override
            public void stop() {
                debounced.remove(action);
            }
        };
    }

    /** From now on, triggered debounced actions wait until {@link #runDebounced()}, each at most once. */
    public void holdDebounced() {
        holdingDebounced = true;
    }

    /** How many debounced actions wait. */
    public int debouncedWaiting() {
        return debounced.size();
    }

    /** Runs each waiting debounced action once (the end of the burst), and keeps holding. */
    public void runDebounced() {
        List<Runnable> now = new ArrayList<>(debounced);
        debounced.clear();
        now.forEach(Runnable::run);
    }

    /** From now on, background work waits until {@link #runHeld()}. */
    public void hold() {
        holding = true;
    }

    /** The work held, in the order started. */
    public int heldCount() {
        return held.size();
    }

    /** Runs the held work in the order given by {@code order} (indexes into the held list), then stops holding. */
    public void runHeld(int... order) {
        holding = false;
        List<Runnable> now = new ArrayList<>(held);
        held.clear();
        if (order.length == 0) {
            now.forEach(Runnable::run);
        } else {
            for (int i : order) {
                now.get(i).run();
            }
        }
    }
}
