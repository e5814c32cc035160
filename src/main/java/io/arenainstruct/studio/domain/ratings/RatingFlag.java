package io.arenainstruct.studio.domain.ratings;

/** Why a model's figure needs a second look; each has a sentence for the curator. */
public enum RatingFlag {
    /** Never compared with the main group of models: no rating is given, as any number would mean nothing. */
    DISCONNECTED("not compared with the other models: no rating"),
    /** Won (or lost) every comparison: the best fit has no finite rating, the number shown is only a bound. */
    UNBOUNDED("won or lost every comparison: the rating is only a bound"),
    /** Too few observations for the interval to mean much. */
    FEW_BATTLES("too few battles for a reliable interval");

    private final String sentence;

    RatingFlag(String sentence) {
        this.sentence = sentence;
    }

    public String sentence() {
        return sentence;
    }
}
