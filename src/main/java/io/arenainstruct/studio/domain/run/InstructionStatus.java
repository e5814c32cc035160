package io.arenainstruct.studio.domain.run;

import java.util.Locale;

/** How far the models got with an instruction. */
public enum InstructionStatus {
    /** Some step is still to run. */
    PENDING,
    /** Generated, refined and answered. */
    COMPLETE,
    /** A step failed; the reason is kept and the instruction can be retried. */
    FAILED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InstructionStatus of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
