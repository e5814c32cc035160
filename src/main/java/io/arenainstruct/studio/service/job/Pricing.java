package io.arenainstruct.studio.service.job;

import java.math.BigDecimal;

/** What a model's tokens cost; null when the model has no price. */
@FunctionalInterface
public interface Pricing {
    Pricing NONE = (model, tokensIn, tokensOut) -> null;

    BigDecimal cost(String model, long tokensIn, long tokensOut);
}
