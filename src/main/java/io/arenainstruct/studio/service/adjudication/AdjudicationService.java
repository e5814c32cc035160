package io.arenainstruct.studio.service.adjudication;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.arenainstruct.studio.domain.adjudication.HumanVote;
import io.arenainstruct.studio.domain.adjudication.OverrideReason;
import io.arenainstruct.studio.domain.adjudication.QueueCounts;
import io.arenainstruct.studio.domain.adjudication.QueueEntry;
import io.arenainstruct.studio.domain.adjudication.QueueFilter;
import io.arenainstruct.studio.domain.adjudication.QueueSegment;
import io.arenainstruct.studio.domain.adjudication.StoredVote;
import io.arenainstruct.studio.domain.adjudication.VoteWrite;
import io.arenainstruct.studio.domain.arena.ArenaResponse;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.service.arena.BattleService;
import io.arenainstruct.studio.service.arena.VerdictChanges;
import io.arenainstruct.studio.store.AdjudicationRepository;
import io.arenainstruct.studio.store.ArenaRepository;

/**
 * People deciding battles (decision 0011): the queue in its order, blind sides per annotator, votes saved at once,
 * withdrawn and restored for undo, override reasons, and edit-then-prefer.
 */
public final class AdjudicationService {
    private final AdjudicationRepository votes;
    private final BattleService battles;
    private final ArenaRepository arena;
    private final Clock clock;
    private final VerdictChanges changes;

    public AdjudicationService(
            AdjudicationRepository votes, BattleService battles, ArenaRepository arena, Clock clock) {
        this(votes, battles, arena, clock, new VerdictChanges());
    }

    /** A service that tells {@code changes} after each vote, withdrawal and edit it stores. */
    public AdjudicationService(
            AdjudicationRepository votes,
            BattleService battles,
            ArenaRepository arena,
            Clock clock,
            VerdictChanges changes) {
        this.votes = votes;
        this.battles = battles;
        this.arena = arena;
        this.clock = clock;
        this.changes = changes;
    }

    /** A place in the queue: a part of it and the last battle id taken from that part. */
    public record Position(QueueSegment segment, long afterId) {
        public static final Position START = new Position(QueueSegment.DISPUTED, 0);
    }

    /** Battles in queue order after a position, and the position after them. */
    public record Page(List<QueueEntry> entries, Position next, boolean more) {}

    /** Up to {@code limit} battles of the queue after {@code from}: disputed first, then unjudged, then the rest. */
    public Page queue(QueueFilter filter, Position from, int limit) {
        List<QueueEntry> out = new ArrayList<>();
        QueueSegment[] segments = QueueSegment.values();
        Position at = from;
        for (int s = from.segment().ordinal(); s < segments.length && out.size() < limit; s++) {
            long after = s == from.segment().ordinal() ? from.afterId() : 0;
            List<Long> ids = votes.queue(segments[s], filter, after, limit - out.size());
            for (long id : ids) {
                out.add(new QueueEntry(segments[s], id));
            }
            at = new Position(segments[s], ids.isEmpty() ? after : ids.get(ids.size() - 1));
            if (out.size() >= limit) {
                return new Page(out, at, true);
            }
        }
        return new Page(out, at, false);
    }

    public QueueCounts counts(QueueFilter filter) {
        return votes.counts(filter);
    }

    public Optional<BattleService.Detail> detail(long battleId) {
        return battles.detail(battleId);
    }

    /**
     * Whether this annotator sees the battle's B on the left: fixed per battle and annotator (so going back shows the
     * same sides), unrelated to how the battle was made, and different between annotators.
     */
    public static boolean shownSwapped(long battleId, String annotator) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest((annotator + "\n" + battleId).getBytes(StandardCharsets.UTF_8));
            return (h[0] & 1) == 1;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Stores the vote now (it replaces the annotator's earlier one on the battle, returned for undo). */
    public VoteWrite vote(HumanVote vote) {
        VoteWrite write = votes.vote(vote, clock.instant());
        changes.changed();
        return write;
    }

    /** Undoes a vote: it is withdrawn and the votes it replaced come back as they were, in one transaction. */
    public void withdraw(VoteWrite write) {
        votes.withdraw(write.verdictId(), write.replaced());
        changes.changed();
    }

    public void reason(long verdictId, OverrideReason reason, String text) {
        if (reason == OverrideReason.OTHER && (text == null || text.isBlank())) {
            throw new IllegalArgumentException("say in a few words why: \"other\" needs its reason");
        }
        votes.reason(verdictId, reason, text);
    }

    public Optional<StoredVote> myVote(long battleId, String annotator) {
        return votes.vote(battleId, annotator);
    }

    /**
     * Keeps an annotator's edit of a response as a new response derived from it (the original stays); empty when
     * the edit changes nothing.
     */
    public Optional<Long> edit(ArenaResponse original, String text, String annotator) {
        if (text == null || text.equals(original.text()) || text.isBlank()) {
            return Optional.empty();
        }
        long id = arena.addResponse(ArenaResponse.edited(original, text, annotator));
        changes.changed();
        return Optional.of(id);
    }

    /**
     * What the judges decided, to compare a person's vote with: the latest jury verdict, else the latest judge's
     * combined verdict (game 0); empty when no judge decided.
     */
    public static Optional<Verdict> judgesVerdict(List<Verdict> verdicts) {
        Comparator<Verdict> latest = Comparator.comparingLong(Verdict::id);
        Optional<Verdict> jury = verdicts.stream()
                .filter(v -> v.source() == VerdictSource.JURY && v.outcome().decided())
                .max(latest);
        if (jury.isPresent()) {
            return jury;
        }
        return verdicts.stream()
                .filter(v -> v.source() == VerdictSource.JUDGE
                        && v.game() != null
                        && v.game() == 0
                        && v.outcome().decided())
                .max(latest);
    }

    /**
     * Whether a person's outcome overrides the judges': they differ as agreement counts them (A, B or a tie;
     * both-bad counts as a tie, as a judge has no both-bad).
     */
    public static boolean overrides(Outcome person, Outcome judges) {
        return agreementClass(person) != agreementClass(judges);
    }

    /** A, B or TIE: both-bad counts as a tie. */
    public static Outcome agreementClass(Outcome o) {
        return o == Outcome.BOTH_BAD ? Outcome.TIE : o;
    }
}
