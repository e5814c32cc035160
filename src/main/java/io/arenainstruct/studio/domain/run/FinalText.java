package io.arenainstruct.studio.domain.run;

/**
 * The texts a dataset takes from an instruction: the curator's newest hand edit if there is one (of any round),
 * else the accepted round, else the last round. Computed by {@code InstructionService.finalText}, the one place that
 * decides.
 *
 * @param round           the round the instruction comes from (0: as generated)
 * @param accepted        whether that round is the one the curator accepted
 * @param instructionEdit the hand edit the instruction and input come from, or null
 * @param responseEdit    the hand edit the response comes from, or null
 */
public record FinalText(
        String instruction,
        String input,
        String response,
        int round,
        boolean accepted,
        HumanEdit instructionEdit,
        HumanEdit responseEdit) {

    /** Whether any of the texts is the curator's. */
    public boolean edited() {
        return instructionEdit != null || responseEdit != null;
    }

    /** Where the texts come from, in a curator's words, e.g. "your hand edit of round 2 (by ana)". */
    public String source() {
        String roundName = round == 0 ? "round 0, as generated" : "round " + round;
        String base;
        if (instructionEdit != null) {
            base = "hand edit of " + (instructionEdit.target().equals("instruction") ? "the instruction" : roundName)
                    + " by " + instructionEdit.author() + (accepted ? ", the accepted round" : "");
        } else {
            base = (accepted ? "accepted " : "last ") + roundName;
        }
        return responseEdit == null ? base : base + "; response edited by hand by " + responseEdit.author();
    }
}
