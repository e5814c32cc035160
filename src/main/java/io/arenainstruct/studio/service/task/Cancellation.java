package io.arenainstruct.studio.service.task;

/** Asked by long work between steps; work stops at the next step boundary, keeping what it finished. */
@FunctionalInterface
public interface Cancellation {
    Cancellation NEVER = () -> false;

    boolean isCancelled();
}
