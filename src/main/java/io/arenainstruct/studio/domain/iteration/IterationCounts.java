package io.arenainstruct.studio.domain.iteration;

/**
 * What one iteration made, each record counted by its own created_at (decision 0017).
 *
 * @param runs           generation runs started
 * @param instructions   instructions the runs generated
 * @param battles        battles created
 * @param humanVerdicts  people's votes made here (verdict source human, not imported)
 * @param judgeVerdicts  judges' games and juries' pooled verdicts made here (not a judge's combined verdict, game 0,
 *                       which is derived from its games; not imported rows)
 */
public record IterationCounts(long runs, long instructions, long battles, long humanVerdicts, long judgeVerdicts) {
    public static final IterationCounts NONE = new IterationCounts(0, 0, 0, 0, 0);
}
