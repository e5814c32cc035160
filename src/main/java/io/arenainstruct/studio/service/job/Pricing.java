package io.arenainstruct.studio.service.job;

import java.math.BigDecimal;
import java.util.Map;

import io.arenainstruct.studio.domain.llm.ModelPrice;

/** What a model's tokens cost; null when the model has no price. */
@FunctionalInterface
public interface Pricing {
    Pricing NONE = (model, tokensIn, tokensOut) -> null;

    BigDecimal cost(String model, long tokensIn, long tokensOut);

    /** Cost per model at these prices (by model name); models without a price cost null. */
    static Pricing at(Map<String, ModelPrice> prices) {
        return (model, in, out) -> {
            ModelPrice price = prices.get(model);
            return price == null ? null : price.cost(in, out);
        };
    }
}
