package io.arenainstruct.studio.domain.llm;

import java.time.Duration;
import java.time.Instant;

/**
 * One row of the call ledger: a model call as it ended (a call is written once, complete).
 *
 * @param requestHash SHA-256 over endpoint model, settings, messages, schema and sample index
 * @param requestJson the request as sent (messages and settings), never a key
 * @param outcome     "ok", "failed" or "dry run"
 * @param errorClass  null when ok
 */
public record LedgerEntry(
        long id,
        String requestHash,
        String endpoint,
        String provider,
        String model,
        String requestJson,
        String reply,
        int tokensIn,
        int tokensOut,
        Duration latency,
        int attempts,
        String outcome,
        ErrorClass errorClass,
        String errorDetail,
        Instant at,
        Long runId,
        String step) {

    public LedgerEntry withId(long newId) {
        return new LedgerEntry(
                newId,
                requestHash,
                endpoint,
                provider,
                model,
                requestJson,
                reply,
                tokensIn,
                tokensOut,
                latency,
                attempts,
                outcome,
                errorClass,
                errorDetail,
                at,
                runId,
                step);
    }

    public boolean ok() {
        return "ok".equals(outcome);
    }
}
