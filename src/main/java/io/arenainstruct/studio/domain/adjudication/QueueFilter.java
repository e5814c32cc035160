package io.arenainstruct.studio.domain.adjudication;

/**
 * Which battles the adjudication queue holds; null fields (and 0 for {@code fewerThan}) do not filter.
 *
 * @param modelA       with {@code modelB}: battles between these two models, either way round; alone: battles of it
 * @param judge        battles this judge model (or jury) gave a verdict on
 * @param votedBy      battles this annotator voted on
 * @param fewerThan    battles with fewer than this many human verdicts (0: any number)
 * @param notVotedBy   battles this annotator has not voted on ("not yet voted by me")
 */
public record QueueFilter(
        String category, String modelA, String modelB, String judge, String votedBy, int fewerThan, String notVotedBy) {
    public static final QueueFilter ALL = new QueueFilter(null, null, null, null, null, 0, null);

    public QueueFilter {
        if (fewerThan < 0) {
            throw new IllegalArgumentException("fewer than K human verdicts needs K of 0 or more");
        }
    }

    public QueueFilter withNotVotedBy(String annotator) {
        return new QueueFilter(category, modelA, modelB, judge, votedBy, fewerThan, annotator);
    }
}
