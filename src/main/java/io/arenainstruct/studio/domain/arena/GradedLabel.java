package io.arenainstruct.studio.domain.arena;

import java.util.Locale;
import java.util.Optional;

/**
 * Arena-Hard's five-step verdict. The weight is the label's vote for A (negative: for B): a strong verdict counts
 * three times a plain one, as Arena-Hard counts it.
 */
public enum GradedLabel {
    A_MUCH_BETTER("A>>B", 3),
    A_BETTER("A>B", 1),
    TIE("A=B", 0),
    B_BETTER("B>A", -1),
    B_MUCH_BETTER("B>>A", -3);

    private final String text;
    private final int weight;

    GradedLabel(String text, int weight) {
        this.text = text;
        this.weight = weight;
    }

    public String text() {
        return text;
    }

    public int weight() {
        return weight;
    }

    public boolean strong() {
        return Math.abs(weight) == 3;
    }

    public Outcome outcome() {
        return weight > 0 ? Outcome.A : weight < 0 ? Outcome.B : Outcome.TIE;
    }

    /** The label for the same judgement with the two positions exchanged (A>>B seen swapped is B>>A). */
    public GradedLabel swapped() {
        return switch (this) {
            case A_MUCH_BETTER -> B_MUCH_BETTER;
            case A_BETTER -> B_BETTER;
            case TIE -> TIE;
            case B_BETTER -> A_BETTER;
            case B_MUCH_BETTER -> A_MUCH_BETTER;
        };
    }

    /**
     * The label written as text. Besides the five canonical forms, judges write the mirrored ones (B<A, A<<B, B=A),
     * which mean the same.
     */
    public static Optional<GradedLabel> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toUpperCase(Locale.ROOT);
        for (GradedLabel l : values()) {
            if (l.text.equals(t)) {
                return Optional.of(l);
            }
        }
        return switch (t) {
            case "B<<A" -> Optional.of(A_MUCH_BETTER);
            case "B<A" -> Optional.of(A_BETTER);
            case "B=A" -> Optional.of(TIE);
            case "A<B" -> Optional.of(B_BETTER);
            case "A<<B" -> Optional.of(B_MUCH_BETTER);
            default -> Optional.empty();
        };
    }
}
