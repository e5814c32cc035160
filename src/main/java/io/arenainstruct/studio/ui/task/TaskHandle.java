package io.arenainstruct.studio.ui.task;

/** A started background call: Cancel is a request the work honours at its next step. */
@FunctionalInterface
public interface TaskHandle {
    TaskHandle NONE = () -> {};

    void cancel();
}
