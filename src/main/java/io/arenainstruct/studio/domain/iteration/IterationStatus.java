package io.arenainstruct.studio.domain.iteration;

import io.arenainstruct.studio.domain.TimeRange;

/**
 * One iteration as {@code loop status} shows it.
 *
 * @param range  the created_at range its records come from: from its start (the first: from the beginning) to the
 *               next iteration's start (the last: open)
 * @param target the target model's figures in it; {@link TargetFigures#none} with a null model when no target is named
 */
public record IterationStatus(Iteration iteration, TimeRange range, IterationCounts counts, TargetFigures target) {}
