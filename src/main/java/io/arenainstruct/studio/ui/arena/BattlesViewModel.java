package io.arenainstruct.studio.ui.arena;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

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

import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.BattleLinks;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.service.arena.BattleService;
import io.arenainstruct.studio.service.job.JobEvent;
import io.arenainstruct.studio.service.job.JobProgress;
import io.arenainstruct.studio.service.job.StageCount;
import io.arenainstruct.studio.ui.common.DialogService;
import io.arenainstruct.studio.ui.task.Latest;
import io.arenainstruct.studio.ui.task.TaskExecutor;

/**
 * The Battles tab: filters, one page of battles read from the store by key (the id after the last one shown; never
 * an offset, never every battle), and the selected battle in full. Pages already passed are remembered by the key
 * they started after, so going back reads the same page again. Verdicts stored by a judging job reach it as job
 * events (read again, one read at a time, while the tab shows); F5 reads again too.
 */
public final class BattlesViewModel {
    /** Battles per page. */
    public static final int PAGE_SIZE = 100;

    /** Characters of an instruction's prompt a row shows. */
    static final int PREVIEW = 200;

    /** The judging job's stage: its progress means verdicts were stored. */
    private static final String JUDGE_STAGE = "judge";

    /** One row: the battle, the start of its instruction, its verdicts in a line. */
    public record Row(Battle battle, String instruction, String verdicts) {
        public long id() {
            return battle.id();
        }
    }

    /**
     * The selected battle as the detail shows it: the texts are plain text, model output as it came; {@code links}:
     * the both-bad battle it redoes and the battles that redo it (decision 0019).
     */
    public record Detail(
            BattleService.Detail battle,
            String title,
            String instruction,
            String answerA,
            String answerB,
            String verdicts,
            BattleLinks links) {}

    private final BattleService battles;
    private final TaskExecutor tasks;
    private final DialogService dialogs;

    private final ObjectProperty<BattleStatus> status = new SimpleObjectProperty<>();
    private final StringProperty model = new SimpleStringProperty();
    private final StringProperty category = new SimpleStringProperty();
    private final StringProperty judge = new SimpleStringProperty();

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<String> models = FXCollections.observableArrayList();
    private final ObservableList<String> categories = FXCollections.observableArrayList();
    private final ObservableList<String> judges = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper page = new ReadOnlyIntegerWrapper();
    private final ReadOnlyBooleanWrapper hasNext = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Detail> detail = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty showing = new SimpleBooleanProperty(true);
    private final Latest listing = new Latest();
    private final Latest detailAsked = new Latest();

    /** The key each page before the shown one started after (FX thread only). */
    private final Deque<Long> before = new ArrayDeque<>();
    /** The key the shown page starts after: 0 for the first page. */
    private long after;
    /** Judged games (done and failed) each judging job had at its last progress event. */
    private final Map<Long, Integer> judged = new HashMap<>();
    /** News arrived while a read was under way: read once more after it. */
    private boolean stale;

    private boolean closed;

    public BattlesViewModel(BattleService battles, TaskExecutor tasks, DialogService dialogs) {
        this.battles = battles;
        this.tasks = tasks;
        this.dialogs = dialogs;
        status.addListener((obs, o, n) -> firstPage());
        model.addListener((obs, o, n) -> firstPage());
        category.addListener((obs, o, n) -> firstPage());
        judge.addListener((obs, o, n) -> firstPage());
    }

    public BattleFilter filter() {
        return new BattleFilter(
                status.get(), blankToNull(model.get()), blankToNull(category.get()), blankToNull(judge.get()));
    }

    /** What one read brings back; the count (-1: not counted) and the choices only when asked for. */
    private record Listing(List<Row> rows, boolean more, int count, Choices choices) {}

    private record Choices(List<String> models, List<String> categories, List<String> judges) {}

    /** Reads the first page for the filters. */
    public void firstPage() {
        before.clear();
        after = 0;
        load(false, true);
    }

    /** Reads the shown page, the count and the filters' choices again (F5, a job stored verdicts). */
    public void refresh() {
        load(true, true);
    }

    public boolean hasPreviousPage() {
        return !before.isEmpty();
    }

    /** The page after the shown one, read from the key of its last battle. Ignored while a page is read. */
    public void nextPage() {
        if (loading.get() || !hasNext.get() || rows.isEmpty()) {
            return;
        }
        before.push(after);
        after = rows.get(rows.size() - 1).id();
        load(false, false);
    }

    /** The page before the shown one. Ignored while a page is read. */
    public void previousPage() {
        if (loading.get() || before.isEmpty()) {
            return;
        }
        after = before.pop();
        load(false, false);
    }

    /** Reads the page after {@link #after}; {@code recount}: count the filter's battles too (a page turn does not). */
    private void load(boolean withChoices, boolean recount) {
        if (closed) {
            return;
        }
        BattleFilter filter = filter();
        long from = after;
        int index = before.size();
        // The first page reads the filters' choices too: a new filter may follow a job that added models.
        boolean choices = withChoices || index == 0;
        loading.set(true);
        tasks.wrap(() -> read(filter, from, choices, recount))
                .onSuccess(read -> {
                    page.set(index);
                    if (read.count() >= 0) {
                        total.set(read.count());
                    }
                    hasNext.set(read.more());
                    rows.setAll(read.rows());
                    if (read.choices() != null) {
                        setIfChanged(models, read.choices().models());
                        setIfChanged(categories, read.choices().categories());
                        setIfChanged(judges, read.choices().judges());
                    }
                    loading.set(false);
                    if (stale) {
                        stale = false;
                        refresh();
                    }
                })
                .onFailure(e -> {
                    loading.set(false);
                    stale = false;
                    dialogs.showError("Cannot read the battles", e.getMessage());
                })
                .latestOnly(listing)
                .start();
    }

    private Listing read(BattleFilter filter, long from, boolean withChoices, boolean recount) {
        // One more than a page tells whether a next page exists without counting past it.
        List<Battle> found = battles.page(filter, from, PAGE_SIZE + 1);
        boolean more = found.size() > PAGE_SIZE;
        List<Battle> shown = more ? found.subList(0, PAGE_SIZE) : found;
        List<Long> ids = shown.stream().map(Battle::id).toList();
        Map<Long, List<Verdict>> verdicts = battles.verdicts(ids);
        Map<Long, String> prompts = battles.promptStarts(
                shown.stream()
                        .map(Battle::instructionId)
                        .filter(i -> i != null)
                        .distinct()
                        .toList(),
                PREVIEW);
        List<Row> out = shown.stream()
                .map(b -> new Row(
                        b,
                        b.instructionId() == null ? "(no instruction)" : prompts.getOrDefault(b.instructionId(), ""),
                        BattleText.summary(b, verdicts.getOrDefault(b.id(), List.of()))))
                .toList();
        Choices choices = null;
        if (withChoices) {
            TreeSet<String> voters = new TreeSet<>(battles.voters(VerdictSource.JUDGE));
            voters.addAll(battles.voters(VerdictSource.JURY));
            choices = new Choices(battles.models(), battles.categories(), List.copyOf(voters));
        }
        return new Listing(out, more, recount ? battles.count(filter) : -1, choices);
    }

    /** Loads the battle in full for the detail; null clears it. */
    public void select(Row row) {
        if (row == null) {
            detailAsked.invalidate();
            detail.set(null);
            return;
        }
        show(row.id());
    }

    /**
     * Loads battle {@code id} in full for the detail, whether or not the shown page holds it: where a regeneration
     * link leads (the battle it redoes, or one that redoes it).
     */
    public void show(long id) {
        tasks.wrap(() -> battles.detail(id)
                        .map(d -> detailOf(d, battles.links(List.of(id)).getOrDefault(id, BattleLinks.NONE)))
                        .orElse(null))
                .onSuccess(detail::set)
                .onFailure(e -> dialogs.showError("Cannot read the battle", e.getMessage()))
                .latestOnly(detailAsked)
                .start();
    }

    static Detail detailOf(BattleService.Detail d, BattleLinks links) {
        Battle b = d.battle();
        return new Detail(
                d,
                BattleText.title(b),
                BattleText.instruction(d.instruction()),
                BattleText.answer(d.responseA()),
                BattleText.answer(d.responseB()),
                BattleText.verdicts(b, d.verdicts()),
                links);
    }

    /**
     * Another client changed verdicts or battles (a team store): read again as a job's news makes it, while the tab
     * shows (a visit reads anyway), one read at a time.
     */
    void changedElsewhere() {
        if (closed || !showing.get()) {
            return;
        }
        if (loading.get()) {
            stale = true;
        } else {
            refresh();
        }
    }

    /**
     * What an arena job did (on the UI thread): a judging job that judged more games since its last event, an item a
     * job says it stored, or any arena job that ended, makes the shown page (and the selected battle) read again, one
     * read at a time.
     */
    void jobEvent(JobEvent<JobProgress<String>> event) {
        if (event instanceof JobEvent.Progressed<JobProgress<String>> p) {
            int games = judgedGames(p.progress());
            Integer before = judged.put(p.jobId(), games);
            if (games < 0 || before != null && before >= games) {
                return;
            }
        } else if (event instanceof JobEvent.Finished<?>) {
            judged.remove(event.jobId());
        } else if (!(event instanceof JobEvent.ItemChanged<?>)) {
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

    /** Games judged (done or failed), or -1 when the job is not a judging job. */
    static int judgedGames(JobProgress<String> progress) {
        if (progress == null) {
            return -1;
        }
        for (StageCount<String> s : progress.stages()) {
            if (JUDGE_STAGE.equals(s.stage())) {
                return s.done() + s.failed();
            }
        }
        return -1;
    }

    /** Stops reading: the store is about to close. */
    void close() {
        closed = true;
        listing.invalidate();
        detailAsked.invalidate();
    }

    private static <T> void setIfChanged(ObservableList<T> list, List<T> values) {
        if (!list.equals(values)) {
            list.setAll(values);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Only battles with this status; null for any. */
    public ObjectProperty<BattleStatus> status() {
        return status;
    }

    /** Only battles of this model (as A or B); null for any. */
    public StringProperty model() {
        return model;
    }

    public StringProperty category() {
        return category;
    }

    /** Only battles this judge (or jury, or person) gave a verdict on; null for any. */
    public StringProperty judge() {
        return judge;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObservableList<String> models() {
        return models;
    }

    public ObservableList<String> categories() {
        return categories;
    }

    /** The judges and juries with verdicts. */
    public ObservableList<String> judges() {
        return judges;
    }

    /** Battles matching the filters. */
    public ReadOnlyIntegerProperty total() {
        return total.getReadOnlyProperty();
    }

    /** The shown page, counted from 0. */
    public ReadOnlyIntegerProperty page() {
        return page.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasNextPage() {
        return hasNext.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loading() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Detail> detail() {
        return detail.getReadOnlyProperty();
    }

    /** Whether the tab shows; the view binds it. News from jobs is read only while it does. */
    public BooleanProperty showing() {
        return showing;
    }

    /** "Battles 101–200 of 1,234", or why there are none. */
    static String pageText(int page, int shown, int total, boolean loading) {
        if (loading && total == 0 && shown == 0) {
            return "Loading…";
        }
        if (shown == 0) {
            return total == 0 ? "No battles match" : "No battles on this page";
        }
        if (total == 1 && shown == 1) {
            return "1 battle";
        }
        int first = page * PAGE_SIZE + 1;
        return String.format("Battles %,d–%,d of %,d", first, first + shown - 1, total);
    }
}
