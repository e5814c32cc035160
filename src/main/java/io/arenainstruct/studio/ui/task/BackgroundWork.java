package io.arenainstruct.studio.ui.task;

import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.task.ProgressListener;

/** Long work for a {@link TaskMonitor}: runs off the FX thread, reports progress, stops when cancelled. */
@FunctionalInterface
public interface BackgroundWork<T> {
    T run(ProgressListener progress, Cancellation cancellation) throws Exception;
}
