package io.arenainstruct.studio.service.job;

/**
 * One stage an item of a job goes through, e.g. "generation" of an instruction. A job declares its stages as a
 * list per kind of item; {@link JobRunner#process} takes an item through them in order. A stage has one or more
 * units per item (refinement: one per round); a unit the store already holds is counted done without running it,
 * which is how a job resumes after a kill.
 *
 * @param <T> the item (a mutable work record holding what the store holds for it)
 * @param <S> the stage's name in progress and failure reasons
 */
public interface JobStage<T, S> {
    S stage();

    /** Model calls one unit takes, for the time left. */
    default int callsPerUnit() {
        return 1;
    }

    /** How many units of this stage the item needs. */
    default int units(T item) {
        return 1;
    }

    /** Whether the store already holds this unit's result for the item. */
    boolean holds(T item, int unit);

    /** Does the unit and stores its result on the item (and in the store). */
    void run(T item, int unit) throws StepFailure;

    /** Records on the item (and in the store) that the unit failed; later stages of the item do not run. */
    void fail(T item, int unit, StepFailure failure);
}
