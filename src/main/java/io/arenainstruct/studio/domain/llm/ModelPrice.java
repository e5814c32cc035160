package io.arenainstruct.studio.domain.llm;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * What a model's tokens cost, per million tokens in and out. The one place a cost is worked out: the ledger's
 * totals, a run's progress and a run's estimate all use {@link #cost(long, long)} (they used three formulas with
 * three roundings).
 */
public record ModelPrice(String model, BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
    /** Decimal places a cost keeps; shown rounded further where it is displayed. */
    public static final int SCALE = 10;

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public ModelPrice {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(inputPerMillion, "inputPerMillion");
        Objects.requireNonNull(outputPerMillion, "outputPerMillion");
    }

    /** tokens in × input price / 1,000,000 + tokens out × output price / 1,000,000, to {@link #SCALE} places. */
    public BigDecimal cost(long tokensIn, long tokensOut) {
        return inputPerMillion
                .multiply(BigDecimal.valueOf(tokensIn))
                .add(outputPerMillion.multiply(BigDecimal.valueOf(tokensOut)))
                .divide(MILLION, SCALE, RoundingMode.HALF_UP);
    }
}
