package io.arenainstruct.studio.domain.run;

import java.util.Locale;

/** The stages of a flow, in order, as progress and failures name them. */
public enum Stage {
    TRANSFORMATION("Transformation"),
    GENERATION("Generation"),
    REFINEMENT("Refinement"),
    ANSWER("Answer");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Stage of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
