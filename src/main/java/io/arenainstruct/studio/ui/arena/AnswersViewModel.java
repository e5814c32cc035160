package io.arenainstruct.studio.ui.arena;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.arenainstruct.studio.domain.arena.ArenaDataset;
import io.arenainstruct.studio.domain.arena.ArenaJob;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.service.arena.ArenaJobService;
import io.arenainstruct.studio.service.arena.ArenaJobService.AnswerRequest;
import io.arenainstruct.studio.service.arena.ArenaJobService.Estimate;
import io.arenainstruct.studio.service.arena.DatasetService;
import io.arenainstruct.studio.service.job.JobProgress;
import io.arenainstruct.studio.service.llm.EndpointService;
import io.arenainstruct.studio.ui.common.DialogService;
import io.arenainstruct.studio.ui.task.Debouncer;
import io.arenainstruct.studio.ui.task.JobEventBridge;
import io.arenainstruct.studio.ui.task.Latest;
import io.arenainstruct.studio.ui.task.TaskExecutor;

/**
 * The Answers tab's state and actions: a form choosing the endpoints whose models answer and the instructions
 * they answer, checked and estimated in the background after each burst of edits (calls, tokens, cost; answers
 * the store holds already are not asked again); Start (Ctrl+Enter); and the answering jobs with their progress,
 * failures, pause, cancel and resume ({@link AnswersJudgeJobs}).
 */
public final class AnswersViewModel {
    /** Which instructions to answer: the command line's {@code --instructions} forms. */
    public enum Source {
        ALL("All instructions", "all"),
        DATASET("Dataset", "dataset"),
        CATEGORY("Category", "category"),
        RUN("Run", "run");

        private final String label;
        private final String prefix;

        Source(String label, String prefix) {
            this.label = label;
            this.prefix = prefix;
        }

        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Answers per model per instruction, at most (the service's limit). */
    public static final int MAX_PER_MODEL = 16;

    /** How long the form waits after the last edit before it is estimated against the store. */
    static final Duration FORM_DELAY = Duration.ofMillis(250);

    private final ArenaJobService service;
    private final EndpointService endpoints;
    private final DatasetService datasets;
    private final TaskExecutor tasks;
    private final DialogService dialogs;

    private final AnswersJudgeForm form = new AnswersJudgeForm(this::edited);
    private final AnswersJudgeJobs jobs;
    private final ObjectProperty<Source> source = new SimpleObjectProperty<>(Source.ALL);
    private final StringProperty value = new SimpleStringProperty("");
    private final IntegerProperty perModel = new SimpleIntegerProperty(1);
    private final ObservableList<String> datasetNames = FXCollections.observableArrayList();
    private final Debouncer check;
    private final Latest checked = new Latest();
    private boolean closed;

    public AnswersViewModel(
            ArenaJobService service,
            EndpointService endpoints,
            DatasetService datasets,
            JobEventBridge<JobProgress<String>> jobEvents,
            TaskExecutor tasks,
            DialogService dialogs) {
        this.service = service;
        this.endpoints = endpoints;
        this.datasets = datasets;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.check = tasks.debounce(FORM_DELAY, this::checkNow);
        this.jobs = new AnswersJudgeJobs(service, ArenaJob.Kind.ANSWER, jobEvents, tasks, dialogs);
        jobs.onFinished(this::edited);
        source.addListener((obs, o, n) -> edited());
        value.addListener((obs, o, n) -> edited());
        perModel.addListener((obs, o, n) -> edited());
    }

    /** Reads the endpoints, datasets and jobs again. */
    public void refresh() {
        if (closed) {
            return;
        }
        record Loaded(List<Endpoint> endpoints, List<ArenaDataset> datasets) {}
        tasks.wrap(() -> new Loaded(endpoints.list(), datasets.list()))
                .onSuccess(l -> {
                    form.setEndpoints(l.endpoints());
                    datasetNames.setAll(
                            l.datasets().stream().map(ArenaDataset::name).toList());
                    edited();
                })
                .onFailure(e -> dialogs.showError("Cannot read the endpoints and datasets", e.getMessage()))
                .start();
        jobs.refresh();
    }

    // ---- the form ----

    private void edited() {
        checked.invalidate();
        form.checking();
        check.trigger();
    }

    /** What {@code --instructions} the form names. */
    String selection() {
        Source s = source.get() == null ? Source.ALL : source.get();
        return s == Source.ALL ? "all" : s.prefix + ":" + value.get().strip();
    }

    /** The problems the form has before the store is asked. */
    List<String> problems() {
        List<String> out = new ArrayList<>();
        if (form.chosen().isEmpty()) {
            out.add("Tick at least one endpoint to answer with.");
        }
        Source s = source.get() == null ? Source.ALL : source.get();
        String v = value.get() == null ? "" : value.get().strip();
        switch (s) {
            case DATASET -> {
                if (v.isEmpty()) {
                    out.add("Choose the dataset whose instructions are answered.");
                }
            }
            case CATEGORY -> {
                if (v.isEmpty()) {
                    out.add("Name the category whose instructions are answered.");
                }
            }
            case RUN -> {
                if (v.isEmpty()) {
                    out.add("Give the number of the run whose instructions are answered.");
                } else if (!v.matches("\\d{1,18}")) {
                    out.add("A run is named by its number, not '" + v + "'.");
                }
            }
            default -> {}
        }
        if (perModel.get() < 1 || perModel.get() > MAX_PER_MODEL) {
            out.add("Answers per model must be from 1 to " + MAX_PER_MODEL + ".");
        }
        return out;
    }

    private AnswerRequest request() {
        return new AnswerRequest(form.chosen(), selection(), perModel.get());
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
        AnswerRequest request = request();
        tasks.wrap(() -> service.estimate(request))
                .onSuccess(e -> {
                    if (e.items() == 0) {
                        form.showProblems(List.of("No instructions match " + request.instructions() + "."));
                    } else {
                        form.showEstimate(estimateText(request, e));
                    }
                })
                .onFailure(e -> form.showProblems(List.of(sentence(e.getMessage()))))
                .latestOnly(checked)
                .start();
    }

    /**
     * "80 answers: 40 instructions × 2 endpoints, 1 each; 0 held already. 80 calls, about 9,000 tokens in and
     * 48,000 out; no price set".
     */
    static String estimateText(AnswerRequest r, Estimate e) {
        int models = r.endpoints().size();
        int instructions = e.items() / Math.max(1, models * r.perModel());
        return String.format(
                "%,d %s: %,d %s × %d %s, %d each; %,d held already. %,d %s, %s",
                e.items(),
                e.items() == 1 ? "answer" : "answers",
                instructions,
                instructions == 1 ? "instruction" : "instructions",
                models,
                models == 1 ? "endpoint" : "endpoints",
                r.perModel(),
                e.done(),
                e.calls(),
                e.calls() == 1 ? "call" : "calls",
                AnswersJudgeForm.tokensAndCost(e));
    }

    /** A service message as a sentence. */
    static String sentence(String message) {
        if (message == null || message.isBlank()) {
            return "The store could not be read.";
        }
        String m = message.strip();
        return Character.toUpperCase(m.charAt(0)) + m.substring(1) + (m.endsWith(".") ? "" : ".");
    }

    /** Ctrl+Enter: starts the job the form describes; it runs in the background to its end. */
    public void start() {
        if (!form.canStart().get()) {
            return;
        }
        AnswerRequest request = request();
        form.starting(true);
        jobs.execute(
                "Starting answers",
                () -> service.answer(request),
                () -> form.starting(false),
                refused -> form.showProblems(List.of(sentence(refused))));
    }

    /** Stops listening; the jobs go on. */
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

    public ObjectProperty<Source> source() {
        return source;
    }

    /** The dataset's or category's name, or the run's number. */
    public StringProperty value() {
        return value;
    }

    public IntegerProperty perModel() {
        return perModel;
    }

    public ObservableList<String> datasetNames() {
        return datasetNames;
    }
}
