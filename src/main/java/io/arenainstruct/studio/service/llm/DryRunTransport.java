package io.arenainstruct.studio.service.llm;

import java.util.Locale;
import java.util.function.Consumer;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Message;
import io.arenainstruct.studio.service.task.Cancellation;

/** The "dry run" endpoint: answers with the rendered request, so prompts can be checked without a server. */
final class DryRunTransport implements ChatTransport {
    static final String BANNER = "DRY RUN: no model was called. These are the messages that would be sent.";

    @Override
    public TransportReply send(
            Endpoint endpoint,
            String apiKey,
            RequestCodec.Resolved request,
            Consumer<String> partials,
            Cancellation cancellation) {
        StringBuilder b = new StringBuilder(BANNER).append("\n");
        b.append("model: ").append(endpoint.model());
        if (request.temperature() != null) {
            b.append(", temperature ").append(request.temperature());
        }
        if (request.maxTokens() != null) {
            b.append(", max tokens ").append(request.maxTokens());
        }
        if (request.seed() != null) {
            b.append(", seed ").append(request.seed());
        }
        b.append('\n');
        for (Message m : request.messages()) {
            b.append("\n[")
                    .append(m.role().name().toLowerCase(Locale.ROOT))
                    .append("]\n")
                    .append(m.content())
                    .append('\n');
        }
        if (request.jsonSchema() != null) {
            b.append("\n[reply must match this JSON schema]\n")
                    .append(request.jsonSchema())
                    .append('\n');
        }
        String text = b.toString();
        if (partials != null) {
            partials.accept(text);
        }
        return new TransportReply(text, 0, 0);
    }
}
