package io.arenainstruct.studio.domain.llm;

import java.util.function.Consumer;

/** Receives a streamed reply piece by piece; {@link #restart()} means "forget what came, a retry begins". */
public interface StreamSink {
    void text(String piece);

    default void restart() {}

    static StreamSink of(Consumer<String> pieces) {
        return pieces::accept;
    }
}
