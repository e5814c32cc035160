package io.arenainstruct.studio.ui.task;

/** Closing what {@link JobEventBridge#subscribe} handed out, from a view's or view model's {@code close()}. */
public final class Subscriptions {
    private Subscriptions() {}

    /** Stops listening; a subscription's close never fails, so nothing is thrown. */
    public static void close(AutoCloseable subscription) {
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException("a subscription failed to close", e);
        }
    }
}
