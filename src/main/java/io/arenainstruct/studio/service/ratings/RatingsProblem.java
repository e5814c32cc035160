package io.arenainstruct.studio.service.ratings;

/**
 * Why no leaderboard can be computed, in a sentence for the curator (no observations for the source, one model only,
 * an anchor naming an unknown model). Shown as it is, in the app instead of an empty chart and by the command.
 */
public final class RatingsProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RatingsProblem(String sentence) {
        super(sentence);
    }
}
