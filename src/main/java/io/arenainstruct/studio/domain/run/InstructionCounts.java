package io.arenainstruct.studio.domain.run;

/**
 * What a run's instructions reached, as the store holds them. Failures are not counted here: a run's failure
 * reasons ({@code RunService.failureReasons}) are the one count of what failed, per stage.
 *
 * @param generated  instructions with a generated text
 * @param roundsDone refinement rounds with an edit, over all instructions
 * @param answered   instructions with a response
 */
public record InstructionCounts(int generated, int roundsDone, int answered) {}
