package io.arenainstruct.studio.ui.instructions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.arenainstruct.studio.domain.provenance.AgentCall;
import io.arenainstruct.studio.domain.provenance.Failure;
import io.arenainstruct.studio.domain.run.FinalText;
import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.domain.run.InstructionRow;
import io.arenainstruct.studio.domain.run.Round;
import io.arenainstruct.studio.domain.run.RunSummary;
import io.arenainstruct.studio.domain.run.Stage;
import io.arenainstruct.studio.service.flow.FlowService;
import io.arenainstruct.studio.service.job.JobEvent;
import io.arenainstruct.studio.service.run.InstructionService;
import io.arenainstruct.studio.service.run.RunService;
import io.arenainstruct.studio.ui.common.DialogService;
import io.arenainstruct.studio.ui.task.Latest;
import io.arenainstruct.studio.ui.task.TaskExecutor;

/**
 * State of the Instructions area. The table's items are a fixed-size list of {@link Slot}s, one per matching
 * instruction; a slot's row is read from the store only when the table shows it, a page at a time, and only
 * the few most recently used pages are kept, so 100,000 instructions cost 100,000 tiny slots and a handful of
 * pages of rows. Store reads run in the background; rows land on the FX thread.
 */
public final class InstructionsViewModel {
    /** Rows read at once. */
    public static final int PAGE_SIZE = 200;
    /** Pages kept in memory; the least recently shown one is dropped first. */
    static final int PAGES_KEPT = 5;

    /** One line of the table; its row arrives when its page is read. */
    public static final class Slot {
        private final int index;
        private final ObjectProperty<InstructionRow> row = new SimpleObjectProperty<>();

        Slot(int index) {
            this.index = index;
        }

        public int index() {
            return index;
        }

        public ReadOnlyObjectProperty<InstructionRow> row() {
            return row;
        }
    }

    /** The selected instruction in full: the texts and where they came from. */
    public record Detail(Instruction instruction, FinalText finalText, String text, String provenance) {}

    private final InstructionService instructions;
    private final RunService runs;
    private final FlowService flows;
    private final TaskExecutor tasks;
    private final DialogService dialogs;

    private final ObjectProperty<Long> runId = new SimpleObjectProperty<>();
    private final StringProperty skill = new SimpleStringProperty();
    private final StringProperty category = new SimpleStringProperty();
    private final StringProperty status = new SimpleStringProperty();
    private final ObjectProperty<Boolean> hasAnswer = new SimpleObjectProperty<>();
    private final ObjectProperty<Boolean> edited = new SimpleObjectProperty<>();

    private final ObservableList<Slot> slots = FXCollections.observableArrayList();
    private final ObservableList<Slot> slotsView = FXCollections.unmodifiableObservableList(slots);
    private final ObservableList<Long> runIds = FXCollections.observableArrayList();
    private final ObservableList<String> skills = FXCollections.observableArrayList();
    /** Skill names by id (from the flows), read with the filters' choices. */
    private final Map<String, String> skillNames = new ConcurrentHashMap<>();

    private final ObservableList<String> categories = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Detail> detail = new ReadOnlyObjectWrapper<>();
    private final Latest listing = new Latest();
    private final Latest detailAsked = new Latest();
    /** Moves on only when the filter changes: pages read for an older filter are dropped. */
    private final Latest filterChanged = new Latest();
    /** A run stored instructions while the list was being read: it is read again once that ends. */
    private boolean stale;
    /** Whether the area shows; the view binds it. Runs' news is read only while it does (a visit reads anyway). */
    private final BooleanProperty showing = new SimpleBooleanProperty(true);

    private boolean closed;
    /** Pages held, in the order they were last shown (FX thread only). */
    private final LinkedHashMap<Integer, Integer> loadedPages = new LinkedHashMap<>(16, 0.75f, true);
    /** Pages being read (FX thread only). */
    private final Set<Integer> requested = new HashSet<>();

    public InstructionsViewModel(
            InstructionService instructions,
            RunService runs,
            FlowService flows,
            TaskExecutor tasks,
            DialogService dialogs) {
        this.instructions = instructions;
        this.runs = runs;
        this.flows = flows;
        this.tasks = tasks;
        this.dialogs = dialogs;
        runId.addListener((obs, o, n) -> reload());
        skill.addListener((obs, o, n) -> reload());
        category.addListener((obs, o, n) -> reload());
        status.addListener((obs, o, n) -> reload());
        hasAnswer.addListener((obs, o, n) -> reload());
        edited.addListener((obs, o, n) -> reload());
    }

    public InstructionFilter filter() {
        return new InstructionFilter(
                runId.get(),
                blankToNull(skill.get()),
                blankToNull(category.get()),
                blankToNull(status.get()),
                hasAnswer.get(),
                edited.get());
    }

    /** Counts again with new filters and starts from the top (the shown pages are read as the table asks). */
    public void reload() {
        load(true);
    }

    /** Reads the count, the filter choices and the shown pages again (F5, and while a run produces). */
    public void refresh() {
        load(false);
    }

    /** What one reading of the list brings back. */
    private record Listing(
            int count,
            List<Long> runIds,
            Map<String, String> skillNames,
            List<String> skills,
            List<String> categories,
            Map<Integer, List<InstructionRow>> pages) {}

    private void load(boolean fromTop) {
        if (closed) {
            return;
        }
        if (fromTop) {
            filterChanged.invalidate();
        }
        InstructionFilter filter = filter();
        loading.set(true);
        Set<Integer> wanted = new TreeSet<>(loadedPages.keySet());
        wanted.addAll(requested);
        List<Integer> pages = fromTop ? List.of() : List.copyOf(wanted);
        tasks.wrap(() -> read(filter, pages))
                .onSuccess(read -> {
                    skillNames.putAll(read.skillNames());
                    setIfChanged(runIds, read.runIds());
                    setIfChanged(skills, read.skills());
                    setIfChanged(categories, read.categories());
                    int count = read.count();
                    if (fromTop) {
                        loadedPages.clear();
                        requested.clear();
                        List<Slot> fresh = new ArrayList<>(count);
                        for (int i = 0; i < count; i++) {
                            fresh.add(new Slot(i));
                        }
                        slots.setAll(fresh);
                    } else {
                        resize(count);
                        requested.clear();
                        read.pages().forEach(this::fill);
                    }
                    total.set(count);
                    loading.set(false);
                    readAgainIfStale();
                })
                .onFailure(e -> {
                    loading.set(false);
                    stale = false;
                    dialogs.showError("Cannot read the instructions", e.getMessage());
                })
                .latestOnly(listing)
                .start();
    }

    private Listing read(InstructionFilter filter, List<Integer> pages) {
        int count = instructions.count(filter);
        List<Long> runList = runs.list().stream().map(RunSummary::id).toList();
        Map<String, String> names = new LinkedHashMap<>();
        flows.all()
                .forEach(f -> names.put(f.skill(), f.name() == null || f.name().isBlank() ? f.skill() : f.name()));
        List<String> skillIds = instructions.skills();
        List<String> categoryNames = instructions.categories();
        Map<Integer, List<InstructionRow>> read = new LinkedHashMap<>();
        for (int p : pages) {
            if ((long) p * PAGE_SIZE < count) {
                read.put(p, instructions.page(filter, p * PAGE_SIZE, PAGE_SIZE));
            }
        }
        return new Listing(count, runList, names, skillIds, categoryNames, read);
    }

    /** Grows or shrinks the list at its end, keeping the slots (and so the selection) that stay. */
    private void resize(int count) {
        int now = slots.size();
        if (count > now) {
            List<Slot> more = new ArrayList<>(count - now);
            for (int i = now; i < count; i++) {
                more.add(new Slot(i));
            }
            slots.addAll(more);
        } else if (count < now) {
            slots.remove(count, now);
            loadedPages.keySet().removeIf(p -> (long) p * PAGE_SIZE >= count);
        }
    }

    /**
     * Called for every row the table shows: reads its page unless it is held or being read. Marks the page as
     * recently shown.
     */
    void shown(Slot slot) {
        int page = slot.index / PAGE_SIZE;
        if (loadedPages.containsKey(page)) {
            loadedPages.get(page);
            return;
        }
        if (!requested.add(page)) {
            return;
        }
        InstructionFilter filter = filter();
        tasks.wrap(() -> instructions.page(filter, page * PAGE_SIZE, PAGE_SIZE))
                .onSuccess(rows -> {
                    requested.remove(page);
                    fill(page, rows);
                })
                .onFailure(e -> requested.remove(page))
                .whileCurrent(filterChanged)
                .start();
    }

    private void fill(int page, List<InstructionRow> rows) {
        int from = page * PAGE_SIZE;
        for (int i = 0; i < rows.size() && from + i < slots.size(); i++) {
            slots.get(from + i).row.set(rows.get(i));
        }
        loadedPages.put(page, rows.size());
        while (loadedPages.size() > PAGES_KEPT) {
            Integer eldest = loadedPages.keySet().iterator().next();
            loadedPages.remove(eldest);
            int start = eldest * PAGE_SIZE;
            for (int i = start; i < Math.min(start + PAGE_SIZE, slots.size()); i++) {
                slots.get(i).row.set(null);
            }
        }
    }

    /** Rows held in memory now (at most {@link #PAGES_KEPT} pages). */
    int loadedRows() {
        return (int) slots.stream().filter(s -> s.row.get() != null).count();
    }

    /**
     * What a running job did (on the UI thread): the list is read again when a run stored an instruction it may
     * list, or a run ended (its counts). One read at a time: news arriving during a read is read once after it.
     */
    void jobEvent(JobEvent<?> event) {
        if (event instanceof JobEvent.ItemChanged<?> item) {
            Long shownRun = runId.get();
            if (item.kind() != JobEvent.Item.INSTRUCTION || shownRun != null && shownRun != item.jobId()) {
                return;
            }
        } else if (!(event instanceof JobEvent.Finished)) {
            return;
        }
        if (closed || !showing.get()) {
            return;
        }
        if (loading.get()) {
            stale = true;
        } else {
            refresh();
        }
    }

    private void readAgainIfStale() {
        if (stale) {
            stale = false;
            refresh();
        }
    }

    public BooleanProperty showing() {
        return showing;
    }

    /** Stops reading: the store is about to close. */
    void close() {
        closed = true;
    }

    /** Loads the instruction in full for the detail pane; null clears it. */
    public void select(InstructionRow row) {
        if (row == null) {
            detailAsked.invalidate();
            detail.set(null);
            return;
        }
        tasks.wrap(() -> {
                    Instruction i = instructions.find(row.id()).orElse(null);
                    FinalText f = i == null ? null : InstructionService.finalText(i, instructions.humanEdits(i.id()));
                    return i == null ? null : new Detail(i, f, text(i, f), provenance(i));
                })
                .onSuccess(detail::set)
                .onFailure(e -> dialogs.showError("Cannot read the instruction", e.getMessage()))
                .latestOnly(detailAsked)
                .start();
    }

    /**
     * The final texts (what a dataset takes), then, when a hand edit changed them, the models' own, then the rounds.
     */
    static String text(Instruction i, FinalText f) {
        StringBuilder s = new StringBuilder();
        s.append("Final text: ").append(f.source()).append("\n\n");
        s.append("Instruction\n").append(orNone(f.instruction()));
        s.append("\n\nInput\n").append(orNone(f.input()));
        s.append("\n\nResponse\n").append(f.response() == null ? "(not answered yet)" : f.response());
        if (f.edited()) {
            s.append("\n\nThe models' instruction\n")
                    .append(orNone(i.instruction() != null ? i.instruction() : i.generated()));
            s.append("\n\nThe models' input\n").append(orNone(i.input() != null ? i.input() : i.generatedInput()));
            s.append("\n\nThe models' response\n").append(i.response() == null ? "(not answered yet)" : i.response());
        }
        if (!i.rounds().isEmpty()) {
            s.append("\n\nAs generated\n").append(orNone(i.generated()));
            for (Round r : i.rounds()) {
                s.append("\n\nRound ").append(r.round()).append(" suggestion\n").append(orNone(r.suggestion()));
                s.append("\n\nRound ")
                        .append(r.round())
                        .append(" edit\n")
                        .append(r.edited() == null ? "(not edited yet)" : r.edited());
            }
        }
        return s.toString();
    }

    static String provenance(Instruction i) {
        List<String> lines = new ArrayList<>();
        lines.add(
                "Run " + i.runId() + " · seed " + i.seedId() + " · passage " + i.passageId() + " · skill " + i.skill());
        lines.add("Category: " + i.category() + (i.subcategory() == null ? "" : " / " + i.subcategory()));
        AgentCall gen = i.generator();
        AgentCall ans = i.answerer();
        lines.add("Generator: " + orNone(gen.agent()) + ", prompt version " + gen.promptVersion()
                + (ans.present() ? " · answerer: " + ans.agent() + ", prompt version " + ans.promptVersion() : ""));
        lines.add("Endpoint: " + orNone(gen.endpoint()) + " · model: " + orNone(gen.model()));
        List<String> calls = new ArrayList<>();
        List<AgentCall> made = new ArrayList<>();
        made.add(gen);
        for (Round r : i.rounds()) {
            made.add(r.suggester());
            made.add(r.editor());
        }
        made.add(ans);
        for (AgentCall c : made) {
            if (c.called()) {
                calls.add(String.valueOf(c.callId()));
            }
        }
        lines.add("Ledger calls: " + (calls.isEmpty() ? "none" : String.join(", ", calls)));
        lines.add("Status: " + i.displayStatus() + " · rounds " + i.roundsDone() + " of " + i.roundsPlanned()
                + (i.review().by() == null ? "" : " · reviewed by " + i.review().by()));
        Failure<Stage> f = i.failure();
        if (f != null && (f.errorClass() != null || f.message() != null)) {
            lines.add("Error: " + f.stage().label() + " failed, " + orNone(f.errorClass())
                    + (f.message() == null ? "" : ": " + f.message()));
        }
        return lines.stream().collect(Collectors.joining("\n"));
    }

    private static String orNone(String s) {
        return s == null || s.isEmpty() ? "(none)" : s;
    }

    private static <T> void setIfChanged(ObservableList<T> list, List<T> values) {
        if (!list.equals(values)) {
            list.setAll(values);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public ObjectProperty<Long> runId() {
        return runId;
    }

    public StringProperty skill() {
        return skill;
    }

    public StringProperty category() {
        return category;
    }

    public StringProperty status() {
        return status;
    }

    public ObjectProperty<Boolean> hasAnswer() {
        return hasAnswer;
    }

    /** null: any; true: only those with a hand edit; false: only those without. */
    public ObjectProperty<Boolean> edited() {
        return edited;
    }

    public ObservableList<Slot> slots() {
        return slotsView;
    }

    public ObservableList<Long> runIds() {
        return runIds;
    }

    /** A skill's name as lists show it (its flow's name), or the id when no flow names it. */
    public String skillName(String skill) {
        return skill == null ? null : skillNames.getOrDefault(skill, skill);
    }

    public ObservableList<String> skills() {
        return skills;
    }

    public ObservableList<String> categories() {
        return categories;
    }

    public ReadOnlyIntegerProperty total() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loading() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Detail> detail() {
        return detail.getReadOnlyProperty();
    }
}
