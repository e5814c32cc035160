package io.arenainstruct.studio.domain.llm;

import java.time.Duration;

/**
 * A model's answer as the gateway hands it out.
 *
 * @param callId    the ledger row of this call
 * @param fromCache true when the ledger answered and no request was sent
 * @param dryRun    true when no model was asked: the text is the rendered request
 */
public record ModelReply(
        long callId,
        String text,
        int tokensIn,
        int tokensOut,
        Duration latency,
        int attempts,
        boolean fromCache,
        boolean dryRun) {}
