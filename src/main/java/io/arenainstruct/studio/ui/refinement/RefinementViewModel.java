package io.arenainstruct.studio.ui.refinement;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.arenainstruct.studio.domain.Counts;
import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.run.FinalText;
import io.arenainstruct.studio.domain.run.HumanEdit;
import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.domain.run.Passage;
import io.arenainstruct.studio.domain.run.Review;
import io.arenainstruct.studio.domain.run.RunSummary;
import io.arenainstruct.studio.service.job.JobEvent;
import io.arenainstruct.studio.service.run.InstructionService;
import io.arenainstruct.studio.service.run.RunService;
import io.arenainstruct.studio.service.undo.UndoHistory;
import io.arenainstruct.studio.service.undo.UndoableEdit;
import io.arenainstruct.studio.ui.common.DialogService;
import io.arenainstruct.studio.ui.shell.HistoryUndoSupport;
import io.arenainstruct.studio.ui.shell.UndoSupport;
import io.arenainstruct.studio.ui.task.Latest;
import io.arenainstruct.studio.ui.task.SerialTasks;
import io.arenainstruct.studio.ui.task.TaskExecutor;

/**
 * State and actions of the Refinement area: the instructions the filters select, the one shown (with its seed,
 * passage and hand edits), moving between them, and the curator's accept, reject and hand edits. Store reads
 * and writes run in the background; results land on the FX thread.
 */
public final class RefinementViewModel {
    /** One instruction with everything its columns show. */
    public record Shown(
            Instruction instruction,
            String skillName,
            String seedName,
            String seedText,
            Passage passage,
            List<HumanEdit> edits) {
        /** The texts a dataset takes from it (hand edit, else accepted round, else last round). */
        public FinalText finalText() {
            return InstructionService.finalText(instruction, edits);
        }

        /** The newest hand edit of a target, if any. */
        public Optional<HumanEdit> edit(String target) {
            return edits.stream()
                    .filter(e -> e.target().equals(target))
                    .reduce((a, b) -> a.editedAt() != null
                                    && b.editedAt() != null
                                    && a.editedAt().isAfter(b.editedAt())
                            ? a
                            : b);
        }
    }

    private final InstructionService instructions;
    private final RunService runService;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    /** The curator's remembered choice (Preferences), shared with the other areas. */
    private final BooleanProperty moveOnAfterDecision;

    /** Decisions and edits in the order made, and the reads that must come before what they write. */
    private final SerialTasks writes;

    private final UndoHistory history = new UndoHistory();
    private final HistoryUndoSupport undoSupport = new HistoryUndoSupport(history);
    private final ObservableList<RunSummary> runs = FXCollections.observableArrayList();
    private final ObservableList<String> skills = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<InstructionFilter> filter = new ReadOnlyObjectWrapper<>(InstructionFilter.ALL);
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyStringWrapper position = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Shown> shown = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    /** Moves on when the curator filters or moves: a read of what was shown before is dropped. */
    private final Latest moved = new Latest();

    private final Latest choicesRead = new Latest();
    private final Map<Long, Seed> seedCache = new HashMap<>();
    private final Map<Long, String> seedTextCache = new HashMap<>();
    private final Map<String, String> skillNames = new HashMap<>();
    private List<Long> ids = List.of();

    private final ColumnFocus focus = new ColumnFocus();
    /** A read of the list for runs' news is under way / news came during it (FX thread only). */
    private boolean listReading;

    private boolean listStale;
    private final BooleanProperty showing = new SimpleBooleanProperty(true);

    /**
     * @param moveOnAfterDecision whether accept and reject move on (the preferences' property, so it is remembered)
     */
    public RefinementViewModel(
            InstructionService instructions,
            RunService runs,
            BooleanProperty moveOnAfterDecision,
            TaskExecutor tasks,
            DialogService dialogs) {
        this.instructions = instructions;
        this.runService = runs;
        this.moveOnAfterDecision = moveOnAfterDecision;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.writes = tasks.serial();
    }

    /** What the filters offer: the runs and the skills instructions have. */
    private record Choices(List<RunSummary> runs, List<String> skills) {}

    /** Reloads the runs and skills for the filters. */
    public void loadChoices() {
        tasks.wrap(() -> {
                    List<RunSummary> all = runService.list();
                    List<String> names = instructions.skills();
                    // names looked up here, off the FX thread, so the filters can show them (knownSkillName)
                    names.forEach(this::skillName);
                    all.forEach(r -> r.config().skills().forEach(this::skillName));
                    return new Choices(all, names);
                })
                .onSuccess(c -> {
                    runs.setAll(c.runs());
                    skills.setAll(c.skills());
                })
                .onFailure(e -> dialogs.showError("Cannot list the runs", e.getMessage()))
                .latestOnly(choicesRead)
                .start();
    }

    /** The instructions a filter selects and the one of them shown first (null when none). */
    private record Listing(List<Long> ids, int at, Shown shown) {}

    /** Selects the instructions of the filter and shows the first (or the one with {@code keepId}). */
    public void applyFilter(InstructionFilter newFilter, Long keepId) {
        filter.set(newFilter);
        loading.set(true);
        tasks.wrap(() -> {
                    List<Long> found = instructions.ids(newFilter);
                    int at = found.isEmpty() ? -1 : Math.max(0, keepId == null ? 0 : found.indexOf(keepId));
                    return new Listing(found, at, at < 0 ? null : read(found.get(at)));
                })
                .onSuccess(l -> {
                    ids = l.ids();
                    count.set(l.ids().size());
                    index.set(l.at());
                    shown.set(l.shown());
                    loading.set(false);
                    updatePosition();
                })
                .onFailure(e -> {
                    loading.set(false);
                    dialogs.showError("Cannot list the instructions", e.getMessage());
                })
                .latestOnly(moved)
                .start();
    }

    public void next() {
        go(index.get() + 1);
    }

    /**
     * Shows the instruction with this id, if the list holds it. Read after the writes queued so far, so it shows
     * before what a decision queued after it writes.
     */
    private void goTo(long id) {
        int at = ids.indexOf(id);
        if (at >= 0) {
            go(at, writes);
        }
    }

    public void previous() {
        go(index.get() - 1);
    }

    private void go(int at) {
        go(at, tasks);
    }

    private void go(int at, TaskExecutor reader) {
        if (at < 0 || at >= ids.size() || at == index.get()) {
            return;
        }
        long id = ids.get(at);
        index.set(at);
        updatePosition();
        reader.wrap(() -> read(id))
                .onSuccess(shown::set)
                .onFailure(e -> dialogs.showError("Cannot read instruction " + id, e.getMessage()))
                .latestOnly(moved)
                .start();
    }

    /** Reads the shown instruction again (a run may be refining it); cheap when nothing changed. */
    public void refresh() {
        Shown current = shown.get();
        if (current == null) {
            return;
        }
        long id = current.instruction().id();
        tasks.wrap(() -> read(id))
                .onSuccess(s -> {
                    Shown now = shown.get();
                    if (now != null && now.instruction().id() == id && !s.equals(now)) {
                        shown.set(s);
                    }
                })
                .onFailure(e -> {
                    // the next news tries again; a store that went away is reported elsewhere
                })
                .whileCurrent(moved)
                .start();
    }

    /**
     * What a running job did (on the FX thread): the shown instruction is read again when a run stored it, the
     * list when a run stored any instruction or ended. Only while the area shows; a visit reads both again.
     */
    public void jobEvent(JobEvent<?> event) {
        if (!showing.get()) {
            return;
        }
        if (event instanceof JobEvent.ItemChanged<?> item) {
            if (item.kind() != JobEvent.Item.INSTRUCTION) {
                return;
            }
            Shown s = shown.get();
            if (s != null && s.instruction().id() == item.itemId()) {
                refresh();
            }
            listChanged();
        } else if (event instanceof JobEvent.Finished) {
            refresh();
            listChanged();
        }
    }

    /** Reads the list again, one read at a time: news arriving during a read is read once after it. */
    private void listChanged() {
        if (listReading) {
            listStale = true;
            return;
        }
        listReading = true;
        pollList(() -> {
            listReading = false;
            if (listStale) {
                listStale = false;
                listChanged();
            }
        });
    }

    /** Whether the area shows; the view binds it. */
    public BooleanProperty showing() {
        return showing;
    }

    /** Picks up instructions a run made since the list was read (a visit to the area). */
    public void pollList() {
        pollList(() -> {});
    }

    /** The list read again: null when its count had not changed; the first instruction when none was shown. */
    private record Polled(List<Long> ids, Shown first) {}

    /**
     * Picks up instructions a run made since the list was read (a cheap count first; the ids only when it
     * changed), keeping the shown one; with none shown yet, shows the first. {@code done} runs on the FX thread
     * once the list is known, changed or not, so it is not dropped like a stale read: it checks itself that the
     * curator has not filtered or moved meanwhile.
     */
    private void pollList(Runnable done) {
        InstructionFilter f = filter.get();
        int known = ids.size();
        int atStart = index.get();
        Shown shownAtStart = shown.get();
        tasks.wrap(() -> {
                    if (instructions.count(f) == known) {
                        return null;
                    }
                    List<Long> found = instructions.ids(f);
                    return new Polled(found, shownAtStart == null && !found.isEmpty() ? read(found.get(0)) : null);
                })
                .onSuccess(p -> {
                    done.run();
                    boolean moved = !f.equals(filter.get())
                            || loading.get()
                            || index.get() != atStart
                            || idOf(shown.get()) != idOf(shownAtStart);
                    if (p == null || moved) {
                        return; // unchanged, or the curator filtered or moved meanwhile
                    }
                    ids = p.ids();
                    count.set(p.ids().size());
                    Shown now = shown.get();
                    if (now != null) {
                        index.set(p.ids().indexOf(now.instruction().id()));
                    } else if (p.first() != null) {
                        index.set(0);
                        shown.set(p.first());
                    }
                    updatePosition();
                })
                .onFailure(e -> done.run()) // the next news or visit tries again
                .start();
    }

    /** The id of a shown instruction, -1 for none; a read of the same one again (refresh) is no move. */
    private static long idOf(Shown s) {
        return s == null ? -1 : s.instruction().id();
    }

    /** Reads an instruction with its seed (cached), passage and hand edits; off the FX thread. */
    private Shown read(long id) {
        Instruction i =
                instructions.find(id).orElseThrow(() -> new IllegalArgumentException("there is no instruction " + id));
        Seed seed;
        String seedText;
        synchronized (seedCache) {
            seed = seedCache.get(i.seedId());
            seedText = seedTextCache.get(i.seedId());
        }
        if (seed == null) {
            seed = runService.seed(i.seedId()).orElse(null);
            seedText = runService.seedText(i.seedId()).orElse("");
            if (seed != null) {
                synchronized (seedCache) {
                    seedCache.put(i.seedId(), seed);
                    seedTextCache.put(i.seedId(), seedText);
                }
            }
        }
        Passage passage = runService.passage(i.passageId()).orElse(null);
        List<HumanEdit> edits = instructions.humanEdits(id);
        return new Shown(
                i,
                skillName(i.skill()),
                seed == null ? "seed " + i.seedId() : seed.name(),
                seedText == null ? "" : seedText,
                passage,
                edits);
    }

    /** A skill's name once {@link #loadChoices} has looked it up, else its id; for the filters, on the FX thread. */
    public String knownSkillName(String skill) {
        synchronized (skillNames) {
            return skillNames.getOrDefault(skill, skill);
        }
    }

    /** The skill's name as its flow gives it (the id when the flow has none or is gone); off the FX thread. */
    private String skillName(String skill) {
        synchronized (skillNames) {
            String known = skillNames.get(skill);
            if (known != null) {
                return known;
            }
        }
        String name = runService.skillName(skill);
        synchronized (skillNames) {
            skillNames.put(skill, name);
        }
        return name;
    }

    // ------------------------------------------------------------------------------------------ decisions

    /** Which column is chosen and whether it is being edited. */
    public ColumnFocus focus() {
        return focus;
    }

    /**
     * Accepts the shown instruction with the chosen column's round as final (the last edited round when the column
     * has none); says so when that round has no instruction yet. Nothing while an edit is open.
     */
    public void acceptChosen() {
        Shown s = shown.get();
        if (s == null || focus.isEditing()) {
            return;
        }
        Optional<Integer> round =
                ColumnFocus.roundToAccept(s.instruction(), focus.chosen().orElse(null));
        if (round.isEmpty()) {
            tell("That round has no edited instruction yet; choose another round");
            return;
        }
        accept(round.get());
    }

    /** Accepts the shown instruction with the round's text as final. */
    public void accept(int round) {
        Shown s = shown.get();
        if (s == null) {
            return;
        }
        long id = s.instruction().id();
        review(
                s,
                "accept of instruction " + id,
                () -> instructions.accept(id, round, InstructionService.currentUser()),
                "Accepted instruction " + id + " with round " + round + " (Ctrl+Z undoes it)",
                "Cannot accept instruction " + id);
        moveOnIfAsked();
    }

    private void moveOnIfAsked() {
        if (moveOnAfterDecision.get()) {
            next();
        }
    }

    public void reject() {
        Shown s = shown.get();
        if (s == null) {
            return;
        }
        long id = s.instruction().id();
        review(
                s,
                "reject of instruction " + id,
                () -> instructions.reject(id, InstructionService.currentUser()),
                "Rejected instruction " + id + " (Ctrl+Z undoes it)",
                "Cannot reject instruction " + id);
        moveOnIfAsked();
    }

    /** A decision as an undoable edit: undo puts back the decision the instruction had before. */
    private void review(Shown s, String what, Runnable write, String done, String failed) {
        long id = s.instruction().id();
        Review before = s.instruction().review().decision();
        Integer beforeRound = s.instruction().review().acceptedRound();
        String beforeWho = s.instruction().review().by();
        history.perform(new UndoableEdit() {
            @Override
            public String description() {
                return what;
            }

            @Override
            public void apply() {
                decide(id, write, done, failed);
            }

            @Override
            public void revert() {
                decide(
                        id,
                        () -> instructions.restoreReview(id, before, beforeRound, beforeWho),
                        "Undid the " + what,
                        "Cannot undo the " + what);
            }
        });
    }

    /**
     * Keeps a hand edit of one text of the shown instruction; the model's text stays. Undo takes it back.
     *
     * @param input with an instruction target its input (blank: none), else null
     */
    public void edit(String target, String text, String input, Runnable kept) {
        Shown s = shown.get();
        if (s == null) {
            return;
        }
        long id = s.instruction().id();
        AtomicLong editId = new AtomicLong();
        history.perform(new UndoableEdit() {
            private boolean first = true;

            @Override
            public String description() {
                return "edit of " + what(target) + " of instruction #" + id;
            }

            @Override
            public void apply() {
                Runnable then = first ? kept : () -> {};
                first = false;
                decide(
                        id,
                        () -> editId.set(instructions
                                .edit(id, target, text, input, InstructionService.currentUser())
                                .id()),
                        "Kept your edit of " + what(target) + " of instruction #" + id + "; Ctrl+Z undoes it",
                        "Cannot keep the edit",
                        then);
            }

            @Override
            public void revert() {
                decide(
                        id,
                        () -> instructions.removeEdit(editId.get()),
                        "Took back your edit of " + what(target) + " of instruction #" + id,
                        "Cannot take the edit back");
            }
        });
    }

    /** An edit target ({@code round.2.edited}, {@code response}, …) in the curator's words. */
    static String what(String target) {
        if (target.equals("round.0.edited") || target.equals("instruction")) {
            return "the generated instruction";
        }
        if (target.startsWith("round.")) {
            String[] parts = target.split("\\.");
            String round = parts.length > 1 ? parts[1] : "?";
            return parts.length > 2 && parts[2].equals("suggestion")
                    ? "round " + round + "'s suggestion"
                    : "round " + round + "'s edited instruction";
        }
        return switch (target) {
            case "response" -> "the response";
            case "input" -> "the input";
            default -> "the text";
        };
    }

    /**
     * Whether accept and reject move on to the next instruction (on by default: reviewing is a walk down a list);
     * remembered with the curator's settings.
     */
    public BooleanProperty moveOnAfterDecision() {
        return moveOnAfterDecision;
    }

    public UndoSupport undoSupport() {
        return undoSupport;
    }

    private void decide(long id, Runnable write, String done, String failed) {
        decide(id, write, done, failed, () -> {});
    }

    /**
     * Writes a decision or edit of instruction {@code id}, bringing it on screen first (undo and redo may change one
     * shown earlier).
     */
    private void decide(long id, Runnable write, String done, String failed, Runnable then) {
        goTo(id);
        writes.wrap(() -> {
                    write.run();
                    return read(id);
                })
                .onSuccess(s -> {
                    if (index.get() >= 0 && index.get() < ids.size() && ids.get(index.get()) == id) {
                        shown.set(s);
                    }
                    tell(done);
                    then.run();
                })
                .onFailure(e -> dialogs.showError(failed, e.getMessage()))
                .start();
    }

    /** The status bar shows every notice, also one equal to the last (the same decision undone twice). */
    private void tell(String text) {
        notice.set("");
        notice.set(text);
    }

    private void updatePosition() {
        int at = index.get();
        position.set(
                ids.isEmpty()
                        ? "No instructions match"
                        : at < 0 || at >= ids.size()
                                ? Counts.of(ids.size(), "instructions")
                                : (at + 1) + " of " + ids.size() + " · #" + ids.get(at));
    }

    public void close() {
        writes.awaitIdle(10, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------------------------------ properties

    public ObservableList<RunSummary> runs() {
        return runs;
    }

    public ObservableList<String> skills() {
        return skills;
    }

    public ReadOnlyObjectProperty<InstructionFilter> filter() {
        return filter.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty count() {
        return count.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty index() {
        return index.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty position() {
        return position.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Shown> shown() {
        return shown.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loading() {
        return loading.getReadOnlyProperty();
    }

    /** What was just done or refused, for the status bar (empty in between, so a repeated notice is seen). */
    public ReadOnlyStringProperty notice() {
        return notice.getReadOnlyProperty();
    }
}
