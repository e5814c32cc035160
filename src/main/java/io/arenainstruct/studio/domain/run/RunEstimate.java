package io.arenainstruct.studio.domain.run;

import java.math.BigDecimal;

/**
 * What a run will take, before it starts. Tokens are estimated from the prompts and seed lengths (about four
 * characters a token) and typical reply lengths capped by each agent's max tokens.
 *
 * @param cost        null when no model of the run has a price
 * @param ledgerCalls calls the call ledger will answer (no model asked)
 * @param repeatsRun  the completed run this one repeats request for request (the ledger answers every call),
 *                    or null
 */
public record RunEstimate(
        int seeds,
        int passages,
        int instructions,
        int calls,
        long tokensIn,
        long tokensOut,
        BigDecimal cost,
        boolean costComplete,
        int ledgerCalls,
        Long repeatsRun) {}
