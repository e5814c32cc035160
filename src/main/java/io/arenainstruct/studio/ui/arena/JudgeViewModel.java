package io.arenainstruct.studio.ui.arena;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.arenainstruct.studio.domain.arena.ArenaJob;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.JudgeAgent;
import io.arenainstruct.studio.domain.arena.JudgeStyle;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.service.arena.ArenaJobService;
import io.arenainstruct.studio.service.arena.ArenaJobService.Estimate;
import io.arenainstruct.studio.service.arena.ArenaJobService.JudgeRequest;
import io.arenainstruct.studio.service.arena.BattleService;
import io.arenainstruct.studio.service.job.JobProgress;
import io.arenainstruct.studio.service.llm.EndpointService;
import io.arenainstruct.studio.ui.common.DialogService;
import io.arenainstruct.studio.ui.task.Debouncer;
import io.arenainstruct.studio.ui.task.JobEventBridge;
import io.arenainstruct.studio.ui.task.Latest;
import io.arenainstruct.studio.ui.task.TaskExecutor;

/**
 * The Judge tab's state and actions: a form choosing the judge endpoints (several make a jury), the judge prompt,
 * how a jury pools its verdicts, one game or two with the positions swapped, and which battles; estimated in the
 * background after each burst of edits (calls and cost of the whole jury; games the store holds are not played
 * again); Start (Ctrl+Enter); and the judging jobs with their progress, failures, pause, cancel and resume.
 */
public final class JudgeViewModel {
    /** Which battles to judge: the command line's {@code --battles} forms. */
    public enum Battles {
        UNJUDGED("Unjudged", "unjudged"),
        ALL("All battles", "all"),
        STATUS("With status", "status"),
        MODEL("With model", "model"),
        CATEGORY("In category", "category");

        private final String label;
        private final String prefix;

        Battles(String label, String prefix) {
            this.label = label;
            this.prefix = prefix;
        }

        /** Whether the choice needs a value (a status, a model, a category). */
        public boolean named() {
            return this == STATUS || this == MODEL || this == CATEGORY;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** How a jury pools its judges' verdicts. */
    public enum Pool {
        MAJORITY("Majority vote"),
        MEAN("Mean score");

        private final String label;

        Pool(String label) {
            this.label = label;
        }

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    static final Duration FORM_DELAY = Duration.ofMillis(250);

    private final ArenaJobService service;
    private final EndpointService endpoints;
    private final BattleService battles;
    private final TaskExecutor tasks;
    private final DialogService dialogs;

    private final AnswersJudgeForm form = new AnswersJudgeForm(this::edited);
    private final AnswersJudgeJobs jobs;
    private final ObservableList<JudgeAgent> prompts = FXCollections.observableArrayList();
    private final ObjectProperty<JudgeAgent> prompt = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper promptInfo = new ReadOnlyStringWrapper("");
    private final ObjectProperty<Pool> pool = new SimpleObjectProperty<>(Pool.MAJORITY);
    private final IntegerProperty games = new SimpleIntegerProperty(2);
    private final ObjectProperty<Battles> which = new SimpleObjectProperty<>(Battles.UNJUDGED);
    private final StringProperty value = new SimpleStringProperty("");
    /** The values offered for the chosen kind of selection: statuses, models or categories. */
    private final ObservableList<String> values = FXCollections.observableArrayList();

    private List<String> models = List.of();
    private List<String> categories = List.of();
    private final Debouncer check;
    private final Latest checked = new Latest();
    private boolean closed;

    public JudgeViewModel(
            ArenaJobService service,
            EndpointService endpoints,
            BattleService battles,
            JobEventBridge<JobProgress<String>> jobEvents,
            TaskExecutor tasks,
            DialogService dialogs) {
        this.service = service;
        this.endpoints = endpoints;
        this.battles = battles;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.check = tasks.debounce(FORM_DELAY, this::checkNow);
        this.jobs = new AnswersJudgeJobs(service, ArenaJob.Kind.JUDGE, jobEvents, tasks, dialogs);
        jobs.onFinished(this::edited);
        prompt.addListener((obs, o, n) -> {
            promptInfo.set(promptText(n));
            edited();
        });
        pool.addListener((obs, o, n) -> edited());
        games.addListener((obs, o, n) -> edited());
        which.addListener((obs, o, n) -> {
            offerValues();
            edited();
        });
        value.addListener((obs, o, n) -> edited());
    }

    /** Reads the endpoints, judge prompts, the battles' models and categories, and the jobs again. */
    public void refresh() {
        if (closed) {
            return;
        }
        record Loaded(List<Endpoint> endpoints, List<JudgeAgent> prompts, List<String> models, List<String> cats) {}
        tasks.wrap(() -> new Loaded(endpoints.list(), service.judges().all(), battles.models(), battles.categories()))
                .onSuccess(l -> {
                    form.setEndpoints(l.endpoints());
                    String keep = prompt.get() == null ? "graded" : prompt.get().id();
                    prompts.setAll(l.prompts());
                    prompt.set(l.prompts().stream()
                            .filter(p -> p.id().equals(keep))
                            .findFirst()
                            .orElse(l.prompts().isEmpty() ? null : l.prompts().get(0)));
                    models = l.models();
                    categories = l.cats();
                    offerValues();
                    edited();
                })
                .onFailure(e -> dialogs.showError("Cannot read the judges and battles", e.getMessage()))
                .start();
        jobs.refresh();
    }

    private void offerValues() {
        Battles w = which.get() == null ? Battles.UNJUDGED : which.get();
        values.setAll(
                switch (w) {
                    case STATUS ->
                        Arrays.stream(BattleStatus.values())
                                .map(BattleStatus::id)
                                .toList();
                    case MODEL -> models;
                    case CATEGORY -> categories;
                    default -> List.of();
                });
    }

    /** "Graded judge: a graded verdict, [[A>>B]] to [[B>>A]]; sees the reference answer". */
    static String promptText(JudgeAgent a) {
        if (a == null) {
            return "";
        }
        String style = a.style() == JudgeStyle.GRADED
                ? "a graded verdict, [[A>>B]] to [[B>>A]]"
                : "a 1–10 score for each answer, the verdict from the gap";
        return a.name() + " (" + a.id() + ", version " + a.version() + "): " + style
                + (a.useReference() ? "; sees the reference answer when there is one" : "")
                + (a.description().isBlank() ? "" : ". " + a.description());
    }

    // ---- the form ----

    private void edited() {
        checked.invalidate();
        form.checking();
        check.trigger();
    }

    /** What {@code --battles} the form names. */
    String selection() {
        Battles w = which.get() == null ? Battles.UNJUDGED : which.get();
        return w.named() ? w.prefix + ":" + value.get().strip() : w.prefix;
    }

    List<String> problems() {
        List<String> out = new ArrayList<>();
        if (form.chosen().isEmpty()) {
            out.add("Tick at least one judge endpoint (several make a jury).");
        }
        if (prompt.get() == null) {
            out.add("Choose a judge prompt.");
        }
        Battles w = which.get() == null ? Battles.UNJUDGED : which.get();
        if (w.named() && (value.get() == null || value.get().isBlank())) {
            out.add(
                    switch (w) {
                        case STATUS -> "Choose the status of the battles to judge.";
                        case MODEL -> "Choose a model: its battles are judged.";
                        default -> "Choose the category of the battles to judge.";
                    });
        }
        if (games.get() != 1 && games.get() != 2) {
            out.add("A battle is judged in 2 games (positions swapped) or 1.");
        }
        return out;
    }

    private JudgeRequest request() {
        Pool p = pool.get() == null ? Pool.MAJORITY : pool.get();
        return new JudgeRequest(form.chosen(), prompt.get().id(), p.id(), selection(), games.get());
    }

    private void checkNow() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            form.showProblems(problems);
            return;
        }
        if (closed) {
            return;
        }
        JudgeRequest request = request();
        tasks.wrap(() -> service.estimate(request))
                .onSuccess(e -> {
                    if (e.items() == 0) {
                        form.showProblems(List.of("No battles match " + request.battles() + "."));
                    } else {
                        form.showEstimate(estimateText(request, e));
                    }
                })
                .onFailure(e -> form.showProblems(List.of(AnswersViewModel.sentence(e.getMessage()))))
                .latestOnly(checked)
                .start();
    }

    /**
     * "240 games: 40 battles × 3 judges (a jury, majority vote) × 2 games; 0 played already. 240 calls, about …
     * tokens in and … out; no price set".
     */
    static String estimateText(JudgeRequest r, Estimate e) {
        int judges = r.judges().size();
        int battles = e.items() / Math.max(1, judges * r.games());
        String who = judges == 1
                ? "1 judge"
                : judges + " judges (a jury, " + ("mean".equals(r.pool()) ? "mean score" : "majority vote") + ")";
        return String.format(
                "%,d %s: %,d %s × %s × %d %s; %,d played already. %,d %s, %s",
                e.items(),
                e.items() == 1 ? "game" : "games",
                battles,
                battles == 1 ? "battle" : "battles",
                who,
                r.games(),
                r.games() == 1 ? "game" : "games (positions swapped)",
                e.done(),
                e.calls(),
                e.calls() == 1 ? "call" : "calls",
                AnswersJudgeForm.tokensAndCost(e));
    }

    /** Ctrl+Enter: starts judging as the form says; it runs in the background to its end. */
    public void start() {
        if (!form.canStart().get()) {
            return;
        }
        JudgeRequest request = request();
        form.starting(true);
        jobs.execute(
                "Starting judging",
                () -> service.judge(request),
                () -> form.starting(false),
                refused -> form.showProblems(List.of(AnswersViewModel.sentence(refused))));
    }

    public void close() {
        closed = true;
        check.stop();
        jobs.close();
    }

    // ---- properties ----

    public AnswersJudgeForm form() {
        return form;
    }

    public AnswersJudgeJobs jobs() {
        return jobs;
    }

    public ObservableList<JudgeAgent> prompts() {
        return prompts;
    }

    public ObjectProperty<JudgeAgent> prompt() {
        return prompt;
    }

    /** The chosen prompt's name, style and description. */
    public ReadOnlyStringProperty promptInfo() {
        return promptInfo.getReadOnlyProperty();
    }

    public ObjectProperty<Pool> pool() {
        return pool;
    }

    /** 2 (positions swapped) or 1. */
    public IntegerProperty games() {
        return games;
    }

    public ObjectProperty<Battles> which() {
        return which;
    }

    /** The status, model or category the battles are chosen by. */
    public StringProperty value() {
        return value;
    }

    public ObservableList<String> values() {
        return values;
    }
}
