package io.arenainstruct.studio.domain.adjudication;

/**
 * A vote refused because the battle has the human verdicts the queue asks for already (another annotator gave the
 * last one, e.g. after this annotator's claim expired): nothing was stored.
 */
public final class VerdictsComplete extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public VerdictsComplete(long battleId, int wanted) {
        super("battle " + battleId + " has its " + wanted + " human verdict" + (wanted == 1 ? "" : "s")
                + " already; your vote was not stored");
    }
}
