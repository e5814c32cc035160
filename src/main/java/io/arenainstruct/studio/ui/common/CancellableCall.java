package io.arenainstruct.studio.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.arenainstruct.studio.service.task.Cancellation;

/**
 * Waits for a blocking call (an HTTP request that cannot be interrupted) without making the curator wait
 * for it after Cancel: the call runs on the executor, the waiting task checks the cancellation every 50 ms
 * and gives up at once; the call itself stops at its own next step, told by the same cancellation.
 */
public final class CancellableCall {
    private CancellableCall() {}

    /** The call's result; its exception as thrown; {@link CancellationException} once cancelled. */
    public static <T> T await(Executor executor, Callable<T> call, Cancellation cancellation) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        while (true) {
            try {
                return result.get(50, TimeUnit.MILLISECONDS);
            } catch (TimeoutException waiting) {
                if (cancellation.isCancelled()) {
                    throw new CancellationException("cancelled");
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            }
        }
    }
}
