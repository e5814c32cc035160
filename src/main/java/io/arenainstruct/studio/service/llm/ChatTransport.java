package io.arenainstruct.studio.service.llm;

import java.util.function.Consumer;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.service.task.Cancellation;

/** One attempt of one call against one endpoint; throws whatever went wrong, the gateway classifies it. */
interface ChatTransport {
    /**
     * @param apiKey   null when none is needed
     * @param partials receives streamed text pieces, or null for a plain (non-streaming) call
     */
    TransportReply send(
            Endpoint endpoint,
            String apiKey,
            RequestCodec.Resolved request,
            Consumer<String> partials,
            Cancellation cancellation)
            throws Exception;
}
