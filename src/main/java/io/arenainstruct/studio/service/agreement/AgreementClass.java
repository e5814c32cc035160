package io.arenainstruct.studio.service.agreement;

import io.arenainstruct.studio.domain.arena.Outcome;

/**
 * The classes agreement compares: A wins, B wins, or neither. Both-bad counts as a tie here (a judge has no
 * both-bad, so telling them apart would count a person's both-bad as disagreeing with a judge's tie).
 */
public enum AgreementClass {
    A,
    B,
    TIE;

    /** The class of an outcome; null for one that decides nothing (unparsable, error). */
    public static AgreementClass of(Outcome outcome) {
        return switch (outcome) {
            case A -> A;
            case B -> B;
            case TIE, BOTH_BAD -> TIE;
            default -> null;
        };
    }

    /** The outcome this class stands for (a tie for both-bad too). */
    public Outcome outcome() {
        return switch (this) {
            case A -> Outcome.A;
            case B -> Outcome.B;
            case TIE -> Outcome.TIE;
        };
    }
}
