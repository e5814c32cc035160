package io.arenainstruct.studio.domain.run;

import java.time.Instant;

/**
 * A curator's hand edit of one text of an instruction. The model's text stays; the newest edit of a target
 * is what the curator sees and what exports use.
 *
 * @param target {@code instruction}, {@code input}, {@code response}, {@code round.0.edited} (the generated
 *               instruction), {@code round.N.suggestion} or {@code round.N.edited}
 * @param text   the edited text: for an instruction target the instruction alone
 * @param input  for an instruction target ({@code instruction}, {@code round.N.edited}) the edited input, null
 *               when there is none; null for every other target
 */
public record HumanEdit(
        long id, long instructionId, String target, String text, String input, String author, Instant editedAt) {

    /** The target of the response's edit. */
    public static final String RESPONSE = "response";

    /** The target of an edit of round {@code round}'s instruction (0: the generated one). */
    public static String editedInstruction(int round) {
        return "round." + round + ".edited";
    }

    /** The target of an edit of round {@code round}'s suggestions. */
    public static String suggestions(int round) {
        return "round." + round + ".suggestion";
    }

    /** Whether the edit is of an instruction with its input (not of a suggestion or a response). */
    public boolean ofInstruction() {
        return isInstructionTarget(target);
    }

    public static boolean isInstructionTarget(String target) {
        return target.equals("instruction") || (target.startsWith("round.") && target.endsWith(".edited"));
    }
}
