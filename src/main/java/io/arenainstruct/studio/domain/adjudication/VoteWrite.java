package io.arenainstruct.studio.domain.adjudication;

import java.util.List;

/** A vote stored: its verdict and the annotator's earlier vote(s) on the battle it replaced (for undo). */
public record VoteWrite(long verdictId, List<StoredVote> replaced) {
    public VoteWrite {
        replaced = List.copyOf(replaced);
    }
}
