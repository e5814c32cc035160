package io.arenainstruct.studio.domain.ratings;

/**
 * What one style feature buys a verdict under style control: its coefficient on the log-odds of winning per
 * standard deviation of the (z-scored) feature, with a 95% interval (NaN without one).
 *
 * @param feature length, headers, lists or bold
 */
public record StyleCoefficient(String feature, double beta, double ciLow, double ciHigh) {}
