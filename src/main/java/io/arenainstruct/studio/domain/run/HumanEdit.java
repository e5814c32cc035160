package io.arenainstruct.studio.domain.run;

import java.time.Instant;

/**
 * A curator's hand edit of one text of an instruction. The model's text stays; the newest edit of a target
 * is what the curator sees and what exports use.
 *
 * @param target {@code instruction}, {@code input}, {@code response}, {@code round.0.edited} (the generated
 *               instruction), {@code round.N.suggestion} or {@code round.N.edited}
 */
public record HumanEdit(long id, long instructionId, String target, String text, String author, Instant editedAt) {
}
