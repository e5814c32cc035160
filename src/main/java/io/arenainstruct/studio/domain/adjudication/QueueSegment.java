package io.arenainstruct.studio.domain.adjudication;

/** The parts of the adjudication queue, in the order an annotator meets them. */
public enum QueueSegment {
    /** The judges did not settle it, or the people split: a person's verdict matters most here. */
    DISPUTED,
    UNJUDGED,
    /** Settled by judges or people: still open to another look. */
    SETTLED
}
