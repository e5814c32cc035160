package io.arenainstruct.studio.domain.adjudication;

/** One battle in the adjudication queue and the part of the queue it is in. */
public record QueueEntry(QueueSegment segment, long battleId) {}
