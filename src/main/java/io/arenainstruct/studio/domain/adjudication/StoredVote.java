package io.arenainstruct.studio.domain.adjudication;

import java.time.Instant;

/** A person's verdict as stored: the vote, when, and the reason given for overriding the judges (if any). */
public record StoredVote(long verdictId, HumanVote vote, Instant at, OverrideReason reason, String reasonText) {}
