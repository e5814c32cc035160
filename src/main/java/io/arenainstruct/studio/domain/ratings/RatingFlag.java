package io.arenainstruct.studio.domain.ratings;

/** Why a model's figure needs a second look; each has a sentence for the curator. */
public enum RatingFlag {
    /** Never compared with the main group of models: no rating is given, as any number would mean nothing. */
    DISCONNECTED("not compared with the other models: no rating"),
    /**
     * The verdicts do not pin this rating down (the win graph is not strongly connected and this model is outside its
     * single largest strongly connected group, or there is no single largest): the best fit puts it infinitely far
     * from others, so the number shown is only a bound and it has no interval.
     */
    UNBOUNDED("the verdicts do not pin this rating down: some models won or lost every comparison with the rest;"
            + " the number is only a bound"),
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
