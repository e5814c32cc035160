package io.arenainstruct.studio.service.adjudication;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.arenainstruct.studio.domain.adjudication.Annotators;
import io.arenainstruct.studio.domain.adjudication.HumanVote;
import io.arenainstruct.studio.domain.adjudication.OverrideReason;
import io.arenainstruct.studio.domain.adjudication.QueueCounts;
import io.arenainstruct.studio.domain.adjudication.QueueEntry;
import io.arenainstruct.studio.domain.adjudication.QueueFilter;
import io.arenainstruct.studio.domain.adjudication.QueueSegment;
import io.arenainstruct.studio.domain.adjudication.StoredVote;
import io.arenainstruct.studio.domain.adjudication.VerdictsComplete;
import io.arenainstruct.studio.domain.adjudication.VoteWrite;
import io.arenainstruct.studio.domain.arena.ArenaResponse;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.service.arena.BattleService;
import io.arenainstruct.studio.service.arena.VerdictChanges;
import io.arenainstruct.studio.store.AdjudicationRepository;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.WorkspaceSettingsRepository;

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
    private final WorkspaceSettingsRepository settings;

    /** The workspace setting holding how many human verdicts the queue asks for per battle. */
    public static final String VERDICTS_PER_BATTLE = "adjudication.verdicts-per-battle";

    public static final int MAX_VERDICTS_PER_BATTLE = 9;
    /** How long a battle shown to an annotator stays theirs without a vote. */
    public static final Duration CLAIM_FOR = Duration.ofMinutes(5);

    public AdjudicationService(
            AdjudicationRepository votes, BattleService battles, ArenaRepository arena, Clock clock) {
        this(votes, battles, arena, clock, new VerdictChanges(), null);
    }

    /**
     * A service that tells {@code changes} after each vote, withdrawal and edit it stores, and keeps the verdicts
     * wanted per battle in {@code settings} (none: 1, not kept).
     */
    public AdjudicationService(
            AdjudicationRepository votes,
            BattleService battles,
            ArenaRepository arena,
            Clock clock,
            VerdictChanges changes,
            WorkspaceSettingsRepository settings) {
        this.votes = votes;
        this.battles = battles;
        this.arena = arena;
        this.clock = clock;
        this.changes = changes;
        this.settings = settings;
    }

    // ---- annotators on one queue (decision 0023) ----

    /** How many human verdicts the queue asks for per battle (a workspace setting): 1 unless set. */
    public int verdictsPerBattle() {
        if (settings == null) {
            return 1;
        }
        return settings.get(VERDICTS_PER_BATTLE)
                .map(v -> {
                    try {
                        return Math.max(1, Math.min(MAX_VERDICTS_PER_BATTLE, Integer.parseInt(v.strip())));
                    } catch (NumberFormatException e) {
                        return 1;
                    }
                })
                .orElse(1);
    }

    public void setVerdictsPerBattle(int k) {
        if (k < 1 || k > MAX_VERDICTS_PER_BATTLE) {
            throw new IllegalArgumentException(
                    "verdicts per battle is a number from 1 to " + MAX_VERDICTS_PER_BATTLE + ", not " + k);
        }
        if (settings == null) {
            throw new IllegalStateException("this service keeps no workspace settings");
        }
        settings.put(VERDICTS_PER_BATTLE, Integer.toString(k));
    }

    /**
     * Claims the battle for the annotator for {@link #CLAIM_FOR} (renewing a claim they hold): false when they voted
     * on it or {@code k} annotators have voted on it or are deciding it.
     */
    public boolean claim(long battleId, String annotator, int k) {
        Instant now = clock.instant();
        return votes.claim(battleId, Annotators.require(annotator), k, now, now.plus(CLAIM_FOR));
    }

    /** Gives up the annotator's claim on the battle (moved on without voting). */
    public void release(long battleId, String annotator) {
        votes.release(battleId, annotator);
    }

    /** Gives up every claim of the annotator (the queue closes). */
    public void releaseAll(String annotator) {
        votes.releaseAll(annotator);
    }

    /** Who is deciding the battle now (a live claim). */
    public List<String> claimants(long battleId) {
        return votes.claimants(battleId, clock.instant());
    }

    /**
     * The queue for an annotator asked for {@code k} verdicts per battle: the filter's battles they have not voted
     * on, with fewer than {@code k} human verdicts plus other annotators' claims.
     */
    public Page queue(QueueFilter filter, String annotator, int k, Position from, int limit) {
        QueueFilter f = new QueueFilter(
                filter.category(),
                filter.modelA(),
                filter.modelB(),
                filter.judge(),
                filter.votedBy(),
                filter.fewerThan() > 0 ? Math.min(filter.fewerThan(), k) : k,
                annotator);
        return queue(f, from, limit, clock.instant());
    }

    /**
     * The next battle of the queue the annotator could claim, claimed: what a process deciding a queue without the
     * Adjudicate tab calls (the tab claims the battle it shows). Empty when none is left.
     */
    public Optional<Long> claimNext(QueueFilter filter, String annotator, int k) {
        Position from = Position.START;
        while (true) {
            Page page = queue(filter, annotator, k, from, 50);
            for (QueueEntry e : page.entries()) {
                if (claim(e.battleId(), annotator, k)) {
                    return Optional.of(e.battleId());
                }
            }
            if (!page.more()) {
                return Optional.empty();
            }
            from = page.next();
        }
    }

    /**
     * Stores the vote as {@link #vote(HumanVote)} does and, in the same transaction, releases the annotator's claim.
     * {@code key} is made once per vote by the caller: sending it again (the connection dropped after the commit)
     * stores nothing twice. A first vote on a battle that has {@code k} human verdicts already is refused.
     *
     * @throws VerdictsComplete when the battle has its {@code k} verdicts already
     */
    public VoteWrite vote(HumanVote vote, String key, int k) {
        VoteWrite write = votes.vote(vote, clock.instant(), key, k);
        changes.changed();
        return write;
    }

    /** A new key for one vote (see {@link #vote(HumanVote, String, int)}). */
    public static String voteKey() {
        return UUID.randomUUID().toString();
    }

    /** A place in the queue: a part of it and the last battle id taken from that part. */
    public record Position(QueueSegment segment, long afterId) {
        public static final Position START = new Position(QueueSegment.DISPUTED, 0);
    }

    /** Battles in queue order after a position, and the position after them. */
    public record Page(List<QueueEntry> entries, Position next, boolean more) {}

    /** Up to {@code limit} battles of the queue after {@code from}: disputed first, then unjudged, then the rest. */
    public Page queue(QueueFilter filter, Position from, int limit) {
        return queue(filter, from, limit, null);
    }

    private Page queue(QueueFilter filter, Position from, int limit, Instant claimsAt) {
        List<QueueEntry> out = new ArrayList<>();
        QueueSegment[] segments = QueueSegment.values();
        Position at = from;
        for (int s = from.segment().ordinal(); s < segments.length && out.size() < limit; s++) {
            long after = s == from.segment().ordinal() ? from.afterId() : 0;
            List<Long> ids = votes.queue(segments[s], filter, after, limit - out.size(), claimsAt);
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
