package io.arenainstruct.studio.ui.arena;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.arenainstruct.studio.domain.adjudication.Annotators;
import io.arenainstruct.studio.domain.adjudication.HumanVote;
import io.arenainstruct.studio.domain.adjudication.OverrideReason;
import io.arenainstruct.studio.domain.adjudication.QueueCounts;
import io.arenainstruct.studio.domain.adjudication.QueueEntry;
import io.arenainstruct.studio.domain.adjudication.QueueFilter;
import io.arenainstruct.studio.domain.adjudication.StoredVote;
import io.arenainstruct.studio.domain.adjudication.VerdictsComplete;
import io.arenainstruct.studio.domain.adjudication.VoteWrite;
import io.arenainstruct.studio.domain.arena.ArenaResponse;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.service.adjudication.AdjudicationService;
import io.arenainstruct.studio.service.arena.BattleService;
import io.arenainstruct.studio.service.undo.UndoHistory;
import io.arenainstruct.studio.service.undo.UndoableEdit;
import io.arenainstruct.studio.ui.shell.HistoryUndoSupport;
import io.arenainstruct.studio.ui.shell.UndoSupport;
import io.arenainstruct.studio.ui.task.Debouncer;
import io.arenainstruct.studio.ui.task.Latest;
import io.arenainstruct.studio.ui.task.SerialTasks;
import io.arenainstruct.studio.ui.task.TaskExecutor;

/**
 * The Adjudicate tab: a queue of battles decided one key at a time (decision 0011). The queue is read a page at a
 * time and the battles ahead are read before they are needed, so the next one appears the moment a vote is given;
 * the vote is written as its key is handled (one small transaction), so a kill right after the key loses nothing.
 * Blind by default: model names hidden, sides fixed per battle and annotator, the judges shown only after the
 * annotator's vote.
 */
public final class AdjudicateViewModel {
    /** Battles read per page of the queue. */
    static final int PAGE = 200;
    /** How long after the last vote the queue's counts are read again. */
    static final Duration RECOUNT_AFTER = Duration.ofMillis(1500);
    /** Battles read ahead of the one shown. */
    static final int AHEAD = 8;

    /** Which answer an edit-then-prefer edits, as shown. */
    public enum Side {
        LEFT,
        RIGHT
    }

    /** The battle on screen, its texts by side. */
    public record Shown(
            long battleId,
            int position,
            BattleService.Detail detail,
            boolean swapped,
            String title,
            String instruction,
            String left,
            String right,
            String leftName,
            String rightName,
            String category) {}

    /** The chooser asking why a vote overrides the judges. */
    public record ReasonPrompt(long battleId, String words) {}

    private record Loaded(BattleService.Detail detail, StoredVote mine) {}

    /** The queue's start as one read brings it, with the filters' choices. */
    private record QueueRead(
            int k,
            QueueCounts counts,
            AdjudicationService.Page page,
            List<String> models,
            List<String> categories,
            List<String> judges,
            List<String> annotators) {}

    private final AdjudicationService service;
    private final BattleService battles;
    private final TaskExecutor tasks;
    private final SerialTasks writes;
    private final Debouncer recounting;
    private final StringProperty annotator;
    private final String storeUser;
    /** How many human verdicts the queue asks for per battle (the workspace's setting, read with the queue). */
    private final IntegerProperty verdictsPerBattle = new SimpleIntegerProperty(1);
    /** The battles this annotator claimed and has not voted on or released (FX thread only). */
    private final Set<Long> claimed = new HashSet<>();
    /** Battles the annotator had voted on before this session: shown without a claim. */
    private final Set<Long> votedBefore = new HashSet<>();
    /** Battles whose claim is being asked for. */
    private final Set<Long> claiming = new HashSet<>();
    /** A vote whose save failed, kept on screen: Enter sends it again (with its key, so it is stored once). */
    private VoteEdit unsaved;

    private boolean settingK;
    private final UndoHistory history = new UndoHistory();
    private final UndoSupport undoSupport = new HistoryUndoSupport(history);

    private final StringProperty category = new SimpleStringProperty();
    private final StringProperty modelA = new SimpleStringProperty();
    private final StringProperty modelB = new SimpleStringProperty();
    private final StringProperty judge = new SimpleStringProperty();
    private final StringProperty votedBy = new SimpleStringProperty();
    private final IntegerProperty fewerThan = new SimpleIntegerProperty();
    private final BooleanProperty notVotedByMe = new SimpleBooleanProperty(true);
    private final BooleanProperty blind = new SimpleBooleanProperty(true);
    private final BooleanProperty judgesWanted = new SimpleBooleanProperty(true);

    private final ObservableList<String> models = FXCollections.observableArrayList();
    private final ObservableList<String> categories = FXCollections.observableArrayList();
    private final ObservableList<String> judges = FXCollections.observableArrayList();
    private final ObservableList<String> annotators = FXCollections.observableArrayList();

    private final ReadOnlyObjectWrapper<Shown> shown = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper queueWords = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper judgesText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper judgesShown = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper voteText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<ReasonPrompt> reasonPrompt = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper otherReason = new ReadOnlyBooleanWrapper();
    private final ObjectProperty<Side> editing = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper choosingEditSide = new ReadOnlyBooleanWrapper();

    private final Latest queueRead = new Latest();
    /** A read of the queue from its start is in flight; a change elsewhere meanwhile sets {@link #elsewhereAgain}. */
    private boolean queueReading;

    private boolean elsewhereAgain;
    private final Latest counting = new Latest();
    /** The queue as read so far (FX thread only). */
    private final List<QueueEntry> entries = new ArrayList<>();
    /** The battles in {@link #entries}. */
    private final Set<Long> queued = new HashSet<>();
    /** Bumped for a battle when a vote on it is given or withdrawn: a read started before is stale for it. */
    private final Map<Long, Integer> changes = new HashMap<>();

    private AdjudicationService.Position next = AdjudicationService.Position.START;
    private boolean more;
    private boolean readingMore;
    private int index = -1;
    /** Battles read, with the annotator's vote as it was read; votes given here since are in {@link #mine}. */
    private final Map<Long, Loaded> loaded = new HashMap<>();

    private final Set<Long> reading = new HashSet<>();
    /** The annotator's vote on each battle as given in this session (the latest edit), by battle. */
    private final Map<Long, VoteEdit> mine = new HashMap<>();
    /** Battles whose model names the annotator revealed. */
    private final Set<Long> revealed = new HashSet<>();
    /** The vote a reason is being asked for. */
    private ReasonTarget reasonFor;
    /** The battle the open editor edits an answer of; -1 when none. */
    private long editedBattle = -1;

    public AdjudicateViewModel(
            AdjudicationService service, BattleService battles, TaskExecutor tasks, StringProperty annotator) {
        this(service, battles, tasks, annotator, null);
    }

    /**
     * A queue whose annotator is {@code annotator} or, while no name is given, {@code storeUser} (the database user
     * of a PostgreSQL store; null for a folder store).
     */
    public AdjudicateViewModel(
            AdjudicationService service,
            BattleService battles,
            TaskExecutor tasks,
            StringProperty annotator,
            String storeUser) {
        this.storeUser = storeUser == null || storeUser.isBlank() ? null : storeUser;
        this.service = service;
        this.battles = battles;
        this.tasks = tasks;
        this.writes = tasks.serial();
        this.recounting = tasks.debounce(RECOUNT_AFTER, this::recountNow);
        this.annotator = annotator;
        for (var p : List.of(category, modelA, modelB, judge, votedBy)) {
            p.addListener((obs, o, n) -> reload());
        }
        fewerThan.addListener((obs, o, n) -> reload());
        notVotedByMe.addListener((obs, o, n) -> reload());
        annotator.addListener((obs, o, n) -> {
            String was = o == null || o.isBlank() ? this.storeUser : o;
            if (was != null) {
                releaseClaims(was);
            }
            history.clear();
            mine.clear();
            votedBefore.clear();
            loaded.clear();
            reload();
        });
        blind.addListener((obs, o, n) -> show(index));
        judgesWanted.addListener((obs, o, n) -> updateJudges());
        verdictsPerBattle.addListener((obs, o, n) -> {
            if (!settingK) {
                saveVerdictsPerBattle(n.intValue());
            }
        });
    }

    private void saveVerdictsPerBattle(int k) {
        writes.wrap(() -> {
                    service.setVerdictsPerBattle(k);
                    return null;
                })
                .onSuccess(x -> {
                    message.set("The queue asks for " + k + " verdict" + (k == 1 ? "" : "s") + " per battle.");
                    reload();
                })
                .onFailure(e -> message.set("Verdicts per battle not kept: " + e.getMessage()))
                .start();
    }

    // ---- the queue ----

    /** Who votes: the name given, else the store's database user; null when neither. */
    public String me() {
        String given = annotator.get();
        return given == null || given.isBlank() ? storeUser : given.strip();
    }

    public QueueFilter filter() {
        String me = me();
        return new QueueFilter(
                blank(category.get()),
                blank(modelA.get()),
                blank(modelB.get()),
                blank(judge.get()),
                blank(votedBy.get()),
                fewerThan.get(),
                notVotedByMe.get() && !needsName() ? me : null);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public boolean needsName() {
        return me() == null;
    }

    /** Takes the annotator's name (remembered with the settings); false with a message when it is refused. */
    public boolean setAnnotator(String name) {
        try {
            annotator.set(Annotators.require(name));
            message.set("Votes are saved as " + me() + ".");
            return true;
        } catch (IllegalArgumentException e) {
            message.set(AnswersViewModel.sentence(e.getMessage()));
            return false;
        }
    }

    /** Reads the queue from its start for the filters, with its counts and the filters' choices. */
    public void reload() {
        reload(-1, 0);
    }

    /**
     * Another client voted or made battles (a team store): the queue and its counts are read again and the shown
     * battle stays shown while it is still in the queue's first page (else the one now in its place). While the
     * annotator gives a reason or edits an answer only the counts are read again, so nothing under their keys moves.
     */
    public void changedElsewhere() {
        if (needsName()) {
            return;
        }
        if (editing.get() != null || choosingEditSide.get() || reasonPrompt.get() != null || otherReason.get()) {
            recountNow();
            return;
        }
        if (queueReading) {
            // one read at a time: a team voting fast changes the queue many times a second
            elsewhereAgain = true;
            return;
        }
        long keep = index >= 0 && index < entries.size() ? entries.get(index).battleId() : -1;
        reload(keep, Math.max(index, 0));
    }

    /** The queue's read ended: a change elsewhere told meanwhile reads it once more. */
    private void queueRead() {
        queueReading = false;
        if (elsewhereAgain) {
            elsewhereAgain = false;
            changedElsewhere();
        }
    }

    /** Reads the queue from its start, then shows battle {@code keep} if it is there, else the one at {@code at}. */
    private void reload(long keep, int at) {
        if (needsName()) {
            entries.clear();
            shown.set(null);
            queueWords.set("");
            return;
        }
        QueueFilter f = filter();
        String me = me();
        loading.set(true);
        queueReading = true;
        readingMore = false;
        unsaved = null;
        // reads in flight are dropped by the new read: their battles must be asked for again
        reading.clear();
        writes.wrap(() -> {
                    int k = service.verdictsPerBattle();
                    return new QueueRead(
                            k,
                            service.counts(f),
                            service.queue(f, me, k, AdjudicationService.Position.START, PAGE),
                            battles.models(),
                            battles.categories(),
                            judgesAndJuries(),
                            battles.voters(VerdictSource.HUMAN));
                })
                .latestOnly(queueRead)
                .onSuccess(r -> {
                    loading.set(false);
                    settingK = true;
                    verdictsPerBattle.set(r.k());
                    settingK = false;
                    QueueCounts counts = r.counts();
                    AdjudicationService.Page page = r.page();
                    queueWords.set(words(counts, f));
                    setChoices(models, r.models());
                    setChoices(categories, r.categories());
                    setChoices(judges, r.judges());
                    setChoices(annotators, r.annotators());
                    entries.clear();
                    queued.clear();
                    append(page.entries());
                    next = page.next();
                    more = page.more();
                    loaded.clear();
                    show(entries.isEmpty() ? -1 : position(keep, at));
                    queueRead();
                })
                .onFailure(e -> {
                    loading.set(false);
                    message.set("Cannot read the queue: " + e.getMessage());
                    queueRead();
                })
                .start();
    }

    /** Where battle {@code keep} is in the queue as read; else {@code at}, within the queue. */
    private int position(long keep, int at) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).battleId() == keep) {
                return i;
            }
        }
        return Math.min(at, entries.size() - 1);
    }

    /**
     * The queue's counts read again once the annotator pauses (the battles ahead stay as they are): counting 100,000
     * battles takes most of a second, and one count per vote would take the cores the next battles are read with.
     */
    private void recount() {
        recounting.trigger();
    }

    private void recountNow() {
        if (needsName()) {
            return;
        }
        QueueFilter f = filter();
        tasks.wrap(() -> service.counts(f))
                .latestOnly(counting)
                .onSuccess(counts -> queueWords.set(words(counts, f)))
                .start();
    }

    private static String words(QueueCounts counts, QueueFilter f) {
        List<String> only = new ArrayList<>();
        if (f.category() != null) {
            only.add("in " + f.category());
        }
        if (f.modelA() != null || f.modelB() != null) {
            only.add(
                    f.modelA() != null && f.modelB() != null
                            ? f.modelA() + " against " + f.modelB()
                            : "of " + (f.modelA() != null ? f.modelA() : f.modelB()));
        }
        if (f.judge() != null) {
            only.add("judged by " + f.judge());
        }
        if (f.votedBy() != null) {
            only.add("voted on by " + f.votedBy());
        }
        if (f.fewerThan() > 0) {
            only.add(f.fewerThan() == 1 ? "with no vote yet" : "with fewer than " + f.fewerThan() + " votes");
        }
        if (f.notVotedBy() != null) {
            only.add("not yet voted on by you");
        }
        String filters = only.isEmpty() ? "" : ", " + String.join(", ", only);
        return counts.total() == 0 ? "No battles in the queue" + filters : counts.words() + filters;
    }

    private static void setChoices(ObservableList<String> list, List<String> values) {
        if (!list.equals(values)) {
            list.setAll(values);
        }
    }

    private List<String> judgesAndJuries() {
        Set<String> all = new TreeSet<>(battles.voters(VerdictSource.JUDGE));
        all.addAll(battles.voters(VerdictSource.JURY));
        return List.copyOf(all);
    }

    private void readMore() {
        if (!more || readingMore) {
            return;
        }
        readingMore = true;
        QueueFilter f = filter();
        String me = me();
        int k = verdictsPerBattle.get();
        AdjudicationService.Position from = next;
        tasks.wrap(() -> service.queue(f, me, k, from, PAGE))
                .whileCurrent(queueRead)
                .onSuccess(page -> {
                    readingMore = false;
                    append(page.entries());
                    next = page.next();
                    more = page.more();
                    if (index >= 0 && shown.get() == null && index < entries.size()) {
                        show(index);
                    }
                })
                .onFailure(e -> readingMore = false)
                .start();
    }

    /**
     * Adds battles to the queue, each once: a battle voted on in this pass changes its part of the queue and would
     * come up again in a later part.
     */
    private void append(List<QueueEntry> more) {
        for (QueueEntry e : more) {
            if (queued.add(e.battleId())) {
                entries.add(e);
            }
        }
    }

    /** Shows the battle at this place in the queue (read ahead, or read now) and reads the ones after it. */
    private void show(int at) {
        index = at;
        if (editing.get() != null || choosingEditSide.get()) {
            long id = at >= 0 && at < entries.size() ? entries.get(at).battleId() : -1;
            if (id != editedBattle || choosingEditSide.get()) {
                cancelEdit();
            }
        }
        if (unsaved != null
                && (at < 0 || at >= entries.size() || entries.get(at).battleId() != unsaved.vote.battleId())) {
            // the annotator moved on from a vote that was not saved: it is given up
            unsaved = null;
        }
        if (at < 0 || at >= entries.size()) {
            releaseClaimsExcept(-1);
            shown.set(null);
            updateJudges();
            if (at >= entries.size() && more) {
                readMore();
            }
            return;
        }
        long id = entries.get(at).battleId();
        releaseClaimsExcept(id);
        if (!claimed.contains(id) && !votedBefore.contains(id) && myVote(id).isEmpty()) {
            // shown only once it is this annotator's: with K verdicts wanted, no more than K decide it at once
            shown.set(null);
            loading.set(true);
            updateJudges();
            claim(id);
            return;
        }
        Loaded l = loaded.get(id);
        if (l == null) {
            shown.set(null);
            loading.set(true);
        } else {
            shown.set(present(at, l.detail()));
            loading.set(false);
        }
        updateJudges();
        readAhead(at);
        if (at >= entries.size() - AHEAD * 2) {
            readMore();
        }
    }

    private enum Claim {
        TAKEN,
        /** The annotator voted on it before: shown without a claim, their vote replaced if they vote again. */
        VOTED,
        /** Others are deciding it or have given its verdicts: it leaves this annotator's queue. */
        REFUSED
    }

    private void claim(long id) {
        if (!claiming.add(id)) {
            return;
        }
        String me = me();
        int k = verdictsPerBattle.get();
        writes.wrap(() -> service.claim(id, me, k)
                        ? Claim.TAKEN
                        : service.myVote(id, me).isPresent() ? Claim.VOTED : Claim.REFUSED)
                .onSuccess(c -> {
                    claiming.remove(id);
                    int at = entries.indexOf(entries.stream()
                            .filter(e -> e.battleId() == id)
                            .findFirst()
                            .orElse(null));
                    boolean current = at >= 0 && at == index;
                    if (!me.equals(me()) || at < 0) {
                        if (c == Claim.TAKEN) {
                            releaseLater(id, me);
                        }
                        return;
                    }
                    switch (c) {
                        case TAKEN -> {
                            if (current) {
                                claimed.add(id);
                            } else {
                                // the annotator moved on while it was claimed
                                releaseLater(id, me);
                            }
                        }
                        case VOTED -> votedBefore.add(id);
                        case REFUSED -> {
                            entries.remove(at);
                            queued.remove(id);
                            if (index > at) {
                                index--;
                            }
                        }
                    }
                    if (index >= 0 && (current || c == Claim.REFUSED)) {
                        show(index);
                    }
                })
                .onFailure(e -> {
                    claiming.remove(id);
                    loading.set(false);
                    message.set("Cannot claim the battle: " + e.getMessage() + " (move on and back to try again)");
                })
                .start();
    }

    /** Gives up the claims on battles the annotator moved away from without voting. */
    private void releaseClaimsExcept(long keep) {
        String me = me();
        for (var it = claimed.iterator(); it.hasNext(); ) {
            long id = it.next();
            if (id != keep) {
                it.remove();
                releaseLater(id, me);
            }
        }
    }

    private void releaseLater(long id, String who) {
        writes.wrap(() -> {
                    service.release(id, who);
                    return null;
                })
                .start();
    }

    private void releaseClaims(String who) {
        claimed.clear();
        writes.wrap(() -> {
                    service.releaseAll(who);
                    return null;
                })
                .start();
    }

    private void readAhead(int from) {
        List<Long> wanted = new ArrayList<>();
        for (int i = from; i < Math.min(entries.size(), from + AHEAD + 1); i++) {
            long id = entries.get(i).battleId();
            if (!loaded.containsKey(id) && reading.add(id)) {
                wanted.add(id);
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        String me = me();
        Map<Long, Integer> asOf = new HashMap<>();
        wanted.forEach(id -> asOf.put(id, changes.getOrDefault(id, 0)));
        writes.wrap(() -> {
                    Map<Long, Loaded> out = new HashMap<>();
                    for (long id : wanted) {
                        service.detail(id)
                                .ifPresent(d -> out.put(
                                        id, new Loaded(d, service.myVote(id, me).orElse(null))));
                    }
                    return out;
                })
                .whileCurrent(queueRead)
                .onSuccess(out -> {
                    reading.removeAll(wanted);
                    // a vote given or withdrawn on a battle since this read began makes what it read stale
                    out.forEach((id, l) -> {
                        if (changes.getOrDefault(id, 0).equals(asOf.get(id))) {
                            loaded.put(id, l);
                        }
                    });
                    if (index >= 0 && index < entries.size() && shown.get() == null) {
                        long id = entries.get(index).battleId();
                        if (out.containsKey(id)) {
                            show(index);
                        }
                    }
                })
                .onFailure(e -> {
                    reading.removeAll(wanted);
                    message.set("Cannot read battle: " + e.getMessage());
                })
                .start();
    }

    private Shown present(int at, BattleService.Detail d) {
        long id = d.battle().id();
        boolean swapped = AdjudicationService.shownSwapped(id, me());
        boolean names = namesShown(id);
        String a = d.responseA() == null ? "(no answer text)" : d.responseA().text();
        String b = d.responseB() == null ? "(no answer text)" : d.responseB().text();
        String nameA = d.battle().modelA();
        String nameB = d.battle().modelB();
        String title = "Battle " + (at + 1) + " of " + entries.size() + (more ? "+" : "") + " · "
                + entries.get(at).segment().name().toLowerCase(Locale.ROOT);
        return new Shown(
                id,
                at,
                d,
                swapped,
                title,
                d.instruction() == null
                        ? "(this battle has no instruction text)"
                        : BattleText.instruction(d.instruction()),
                swapped ? b : a,
                swapped ? a : b,
                names ? (swapped ? nameB : nameA) : "Left answer",
                names ? (swapped ? nameA : nameB) : "Right answer",
                d.battle().category() == null ? "" : d.battle().category());
    }

    private boolean namesShown(long battleId) {
        return !blind.get() || revealed.contains(battleId);
    }

    /** The judges show once the annotator voted on the battle (always when not blind), unless H hid them. */
    private void updateJudges() {
        Shown s = shown.get();
        if (s == null) {
            judgesShown.set(false);
            judgesText.set("");
            voteText.set("");
            return;
        }
        Optional<HumanVote> vote = myVote(s.battleId());
        voteText.set(vote.map(v -> "You said " + AdjudicateText.side(v.outcome(), v.label(), s.swapped())
                        + (v.preferredResponse() != null ? " (your edit)" : ""))
                .orElse("Not voted yet"));
        boolean show = judgesWanted.get() && (!blind.get() || vote.isPresent());
        judgesShown.set(show);
        List<Verdict> verdicts = s.detail().verdicts();
        String people = AdjudicateText.people(verdicts, s.swapped());
        judgesText.set(
                show
                        ? AdjudicateText.judges(verdicts, s.swapped())
                                + (people.isEmpty() ? "" : "\n\nPeople: " + people)
                        : judgesWanted.get()
                                ? "The judges are shown after your vote (blind review)."
                                : "The judges are hidden (H shows them).");
    }

    private Optional<HumanVote> myVote(long battleId) {
        VoteEdit e = mine.get(battleId);
        if (e != null) {
            return e.applied ? Optional.of(e.vote) : Optional.empty();
        }
        Loaded l = loaded.get(battleId);
        return l == null || l.mine() == null
                ? Optional.empty()
                : Optional.of(l.mine().vote());
    }

    // ---- keys ----

    /** Votes on the battle shown, by what the annotator sees (null: both are bad), and shows the next one. */
    public void vote(GradedLabel shownLabel) {
        Shown s = shown.get();
        if (s == null || needsName()) {
            return;
        }
        HumanVote vote = HumanVote.shown(s.battleId(), me(), shownLabel, s.swapped(), namesShown(s.battleId()));
        record(vote, s);
    }

    private void record(HumanVote vote, Shown s) {
        save(new VoteEdit(vote, entries.get(s.position())), s);
    }

    /**
     * Enter after a vote was not saved: sends it again under its key, so a vote whose first send was committed
     * after all is not stored twice. False when no vote waits.
     */
    public boolean retry() {
        Shown s = shown.get();
        if (unsaved == null || s == null || s.battleId() != unsaved.vote.battleId()) {
            return false;
        }
        save(unsaved, s);
        return true;
    }

    /** Whether a vote that was not saved waits on screen for Enter. */
    public boolean unsaved() {
        return unsaved != null;
    }

    private void save(VoteEdit edit, Shown s) {
        HumanVote vote = edit.vote;
        closeReason();
        try {
            history.perform(edit);
            unsaved = null;
        } catch (VerdictsComplete e) {
            unsaved = null;
            claimed.remove(vote.battleId());
            message.set("Not saved: " + AnswersViewModel.sentence(e.getMessage())
                    + " Another annotator gave it while you looked; this battle leaves your queue.");
            entries.remove(s.position());
            queued.remove(vote.battleId());
            show(s.position());
            return;
        } catch (RuntimeException e) {
            // the vote stays on screen, not advanced: the annotator knows it is not stored and can send it again
            unsaved = edit;
            message.set("Not saved: the store could not be reached (" + e.getMessage()
                    + "). Your vote is still here; press Enter to try again.");
            return;
        }
        Optional<Verdict> judgesVerdict =
                AdjudicationService.judgesVerdict(s.detail().verdicts());
        String said = AdjudicateText.side(vote.outcome(), vote.label(), s.swapped());
        if (judgesVerdict.isPresent()
                && AdjudicationService.overrides(
                        vote.outcome(), judgesVerdict.get().outcome())) {
            reasonFor = edit;
            reasonPrompt.set(new ReasonPrompt(
                    s.battleId(),
                    "You said " + said + "; "
                            + AdjudicateText.judgesSaid(s.detail().verdicts(), s.swapped()) + ". Why?"));
        }
        message.set("Saved: " + said + " (Ctrl+Z undoes).");
        show(s.position() + 1);
    }

    /**
     * Where a battle is in the queue as it is now (it may have been read again since the vote): its place, or, when
     * the queue no longer holds it, put back at the place shown so an undo or redo shows the battle it acts on.
     */
    private int place(QueueEntry entry) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).battleId() == entry.battleId()) {
                return i;
            }
        }
        int at = Math.max(0, Math.min(index, entries.size()));
        entries.add(at, entry);
        queued.add(entry.battleId());
        return at;
    }

    private void changed(long battleId) {
        changes.merge(battleId, 1, Integer::sum);
    }

    /** S: the next battle without a vote. */
    public void skip() {
        if (shown.get() != null) {
            closeReason();
            show(index + 1);
        }
    }

    public void next() {
        if (index + 1 < entries.size() || more) {
            show(index + 1);
        }
    }

    public void previous() {
        if (index > 0) {
            show(index - 1);
        }
    }

    /** H: the judges shown or hidden. */
    public void toggleJudges() {
        judgesWanted.set(!judgesWanted.get());
    }

    /** N: the model names of the battle shown (recorded with the vote). */
    public void revealNames() {
        Shown s = shown.get();
        if (s != null && revealed.add(s.battleId())) {
            show(index);
        }
    }

    // ---- override reasons ----

    /** O: asks why the annotator's vote on the battle shown overrides the judges. */
    public void askReason() {
        Shown s = shown.get();
        if (s == null) {
            return;
        }
        VoteEdit edit = mine.get(s.battleId());
        Loaded l = loaded.get(s.battleId());
        if (edit != null && edit.applied) {
            reasonFor = edit;
        } else if (edit == null && l != null && l.mine() != null) {
            long id = l.mine().verdictId();
            reasonFor = () -> id;
        } else {
            message.set("Vote on this battle first; the reason says why your vote differs from the judges'.");
            return;
        }
        String judgesSaid = AdjudicateText.judgesSaid(s.detail().verdicts(), s.swapped());
        reasonPrompt.set(new ReasonPrompt(
                s.battleId(), (judgesSaid == null ? "No judge decided this battle" : judgesSaid) + ". Why?"));
    }

    /** A reason key (F, I, U, V, M, O) while the chooser shows; false when the key chooses nothing. */
    public boolean chooseReason(String key) {
        if (reasonPrompt.get() == null || reasonFor == null) {
            return false;
        }
        Optional<OverrideReason> r = OverrideReason.byKey(key);
        if (r.isEmpty()) {
            return false;
        }
        if (r.get() == OverrideReason.OTHER) {
            otherReason.set(true);
            return true;
        }
        giveReason(r.get(), null);
        return true;
    }

    /** The words of an "other" reason (Enter in its field). */
    public void otherReason(String words) {
        if (words == null || words.isBlank()) {
            message.set("Say in a few words why, or press Esc.");
            return;
        }
        giveReason(OverrideReason.OTHER, words);
    }

    private void giveReason(OverrideReason reason, String words) {
        ReasonTarget target = reasonFor;
        try {
            history.perform(new ReasonEdit(target, reason, words));
        } catch (RuntimeException e) {
            message.set("The reason was not saved: " + e.getMessage());
            return;
        }
        message.set("Reason kept: " + reason.words() + (words == null ? "" : " (" + words.strip() + ")") + ".");
        closeReason();
    }

    /** Esc: the chooser closes without a reason. */
    public void closeReason() {
        reasonPrompt.set(null);
        otherReason.set(false);
        reasonFor = null;
    }

    // ---- edit-then-prefer ----

    /** E: asks which answer to edit (1 or A left, 2 or B right). */
    public void startEdit() {
        if (shown.get() != null && !needsName()) {
            closeReason();
            choosingEditSide.set(true);
        }
    }

    public void editSide(Side side) {
        choosingEditSide.set(false);
        Shown s = shown.get();
        editedBattle = s == null ? -1 : s.battleId();
        editing.set(s == null ? null : side);
    }

    public void cancelEdit() {
        choosingEditSide.set(false);
        editedBattle = -1;
        editing.set(null);
    }

    /**
     * Ctrl+Enter in the editor: the edited text becomes a new response derived from the shown one (which stays) and
     * the vote prefers it. An edit that changes nothing stores nothing.
     */
    public void saveEdit(String text) {
        Shown s = shown.get();
        Side side = editing.get();
        if (s == null || side == null || s.battleId() != editedBattle) {
            // the battle changed under the editor (a reload, an undo): the edit is not this battle's
            cancelEdit();
            return;
        }
        boolean battleA = (side == Side.LEFT) != s.swapped();
        ArenaResponse original = battleA ? s.detail().responseA() : s.detail().responseB();
        cancelEdit();
        if (original == null || text == null || sameText(text, original.text())) {
            message.set("The answer is unchanged; nothing was stored.");
            return;
        }
        String me = me();
        GradedLabel label = side == Side.LEFT ? GradedLabel.A_BETTER : GradedLabel.B_BETTER;
        HumanVote base = HumanVote.shown(s.battleId(), me, label, s.swapped(), namesShown(s.battleId()));
        try {
            service.edit(original, text, me)
                    .ifPresentOrElse(
                            id -> record(base.preferring(id), s),
                            () -> message.set("The answer is unchanged; nothing was stored."));
        } catch (RuntimeException e) {
            message.set("The edit was not saved: " + e.getMessage());
        }
    }

    /**
     * Whether an edited text is the original: a text area drops carriage returns and other control characters, so
     * an answer with them comes back without them even when no key was typed.
     */
    static boolean sameText(String edited, String original) {
        return controlsDropped(edited).equals(controlsDropped(original));
    }

    private static String controlsDropped(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints()
                .filter(c -> c == '\n' || c == '\t' || !Character.isISOControl(c))
                .forEach(b::appendCodePoint);
        return b.toString();
    }

    // ---- undo ----

    public UndoSupport undoSupport() {
        return undoSupport;
    }

    /** What a reason is recorded on: the vote's verdict as it is now (undo and redo give a vote a new row). */
    private interface ReasonTarget {
        long verdictId();
    }

    /** A vote as a command: written at once, withdrawn on undo (the vote it replaced comes back), given again. */
    private final class VoteEdit implements UndoableEdit, ReasonTarget {
        private final HumanVote vote;
        private final QueueEntry entry;
        /** Made once: every send of this vote carries it, so the store keeps it once. */
        private final String key = AdjudicationService.voteKey();

        private VoteWrite write;
        /** On the FX thread: whether the vote stands (for what the tab shows). */
        private boolean applied;

        VoteEdit(HumanVote vote, QueueEntry entry) {
            this.vote = vote;
            this.entry = entry;
        }

        @Override
        public String description() {
            return "vote";
        }

        @Override
        public void apply() {
            // Written here, at the key, before the next battle shows: one small transaction (decision 0011).
            write = service.vote(vote, key, verdictsPerBattle.get());
            claimed.remove(vote.battleId());
            applied = true;
            changed(vote.battleId());
            mine.put(vote.battleId(), this);
            recount();
            int at = place(entry);
            if (index != at) {
                // a redo: the battle after the one voted on, as when the vote was first given
                show(at + 1);
            }
            updateJudges();
        }

        @Override
        public void revert() {
            service.withdraw(write);
            applied = false;
            votedBefore.remove(vote.battleId());
            changed(vote.battleId());
            if (mine.get(vote.battleId()) == this) {
                mine.remove(vote.battleId());
            }
            // read again: the vote it replaced, if any, is back
            loaded.remove(vote.battleId());
            closeReason();
            recount();
            show(place(entry));
            message.set("Vote withdrawn (Ctrl+Shift+Z gives it again).");
        }

        @Override
        public long verdictId() {
            return write.verdictId();
        }
    }

    /** An override reason as a command; undo clears it. */
    private final class ReasonEdit implements UndoableEdit {
        private final ReasonTarget target;
        private final OverrideReason reason;
        private final String words;

        ReasonEdit(ReasonTarget target, OverrideReason reason, String words) {
            this.target = target;
            this.reason = reason;
            this.words = words;
        }

        @Override
        public String description() {
            return "override reason";
        }

        @Override
        public void apply() {
            service.reason(target.verdictId(), reason, words);
        }

        @Override
        public void revert() {
            service.reason(target.verdictId(), null, null);
        }
    }

    /** Waits for the votes given so far to be written (the store closes after). */
    public void close() {
        recounting.stop();
        String me = me();
        if (me != null) {
            releaseClaims(me);
        }
        writes.awaitIdle(10, TimeUnit.SECONDS);
    }

    // ---- properties ----

    public ReadOnlyObjectProperty<Shown> shown() {
        return shown.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty queueWords() {
        return queueWords.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty judgesText() {
        return judgesText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty judgesShown() {
        return judgesShown.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty voteText() {
        return voteText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loading() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ReasonPrompt> reasonPrompt() {
        return reasonPrompt.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty otherReasonAsked() {
        return otherReason.getReadOnlyProperty();
    }

    public ObjectProperty<Side> editing() {
        return editing;
    }

    public ReadOnlyBooleanProperty choosingEditSide() {
        return choosingEditSide.getReadOnlyProperty();
    }

    public StringProperty annotator() {
        return annotator;
    }

    /** How many human verdicts the queue asks for per battle; setting it keeps it in the workspace and rereads. */
    public IntegerProperty verdictsPerBattle() {
        return verdictsPerBattle;
    }

    public StringProperty category() {
        return category;
    }

    public StringProperty modelA() {
        return modelA;
    }

    public StringProperty modelB() {
        return modelB;
    }

    public StringProperty judge() {
        return judge;
    }

    public StringProperty votedBy() {
        return votedBy;
    }

    public IntegerProperty fewerThan() {
        return fewerThan;
    }

    public BooleanProperty notVotedByMe() {
        return notVotedByMe;
    }

    public BooleanProperty blind() {
        return blind;
    }

    public ObservableList<String> models() {
        return models;
    }

    public ObservableList<String> categories() {
        return categories;
    }

    public ObservableList<String> judges() {
        return judges;
    }

    public ObservableList<String> annotators() {
        return annotators;
    }
}
