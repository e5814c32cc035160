package io.arenainstruct.studio.service.export;

/** Whose verdict decides a battle for an export. */
public enum VerdictUse {
    /** The people's majority where people voted, else the judges' (the default). */
    HUMAN_OVER_JUDGE,
    /** Only battles people decided (human-verified). */
    HUMAN_ONLY,
    /** The judges' verdict, whatever people said. */
    JUDGE_ONLY
}
