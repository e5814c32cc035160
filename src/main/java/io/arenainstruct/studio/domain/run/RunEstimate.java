package io.arenainstruct.studio.domain.run;

import java.math.BigDecimal;

/**
 * What a run will take, before it starts. Tokens are estimated from the prompts and seed lengths (about four
 * characters a token) and typical reply lengths capped by each agent's max tokens.
 *
 * @param cost null when no model of the run has a price
 */
public record RunEstimate(int seeds, int passages, int instructions, int calls, long tokensIn, long tokensOut,
                          BigDecimal cost, boolean costComplete) {
}
