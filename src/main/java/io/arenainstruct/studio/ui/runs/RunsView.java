package io.arenainstruct.studio.ui.runs;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import io.arenainstruct.studio.domain.Counts;
import io.arenainstruct.studio.domain.StoreChange.Kind;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunProgress;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.RunSummary;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.domain.run.Stage;
import io.arenainstruct.studio.domain.run.StageProgress;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.common.Controls;
import io.arenainstruct.studio.ui.shell.ModelAreaView;
import io.arenainstruct.studio.ui.task.Subscriptions;

/** The Runs area: the runs on the left; the New run form or the selected run's progress on the right. */
public final class RunsView extends ModelAreaView<RunsViewModel> {
    static final KeyCombination NEW_RUN = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination START = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination PAUSE = new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination CANCEL = new KeyCodeCombination(KeyCode.ESCAPE);
    static final KeyCombination RESUME = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination RETRY =
            new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    static final KeyCombination REFRESH = new KeyCodeCombination(KeyCode.F5);
    static final String SAME_AS_RUN = "Same as the run";
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final AppContext context;
    private final ListView<RunSummary> runList = new ListView<>();
    private final ListView<RunsViewModel.Failure> failureList = new ListView<>();
    private final ComboBox<String> endpointBox = new ComboBox<>();
    private final Map<Stage, ProgressBar> bars = new LinkedHashMap<>();
    private final Map<Stage, Label> counts = new LinkedHashMap<>();
    private final Map<Stage, Label> failedCounts = new LinkedHashMap<>();
    private final Label runTitle = new Label();
    private final Label runStatus = new Label();
    private final Label runStats = new Label();
    private final Label runSummary = new Label();
    private final Button pauseButton = new Button();
    private boolean syncingSelection;
    private final AutoCloseable elsewhere;

    /** The one place the Runs area unpacks the context: its view model takes only the services it uses. */
    private static RunsViewModel newModel(AppContext context) {
        Workspace workspace = context.workspace();
        return new RunsViewModel(
                workspace.runs(),
                workspace.instructions(),
                context.jobEvents(),
                context.taskExecutor(),
                context.dialogs());
    }

    public RunsView(AppContext context) {
        super("runs-area", newModel(context), RunsViewModel::close);
        this.context = context;
        // runs other processes execute on a team store: their progress shows without a refresh
        this.elsewhere = context.storeChanges().subscribe(EnumSet.of(Kind.RUN), kinds -> model.changedElsewhere());
        root.setTop(top());
        SplitPane split = new SplitPane(listPane(), right());
        split.setDividerPositions(0.3);
        root.setCenter(split);
        model.refresh();
    }

    @Override
    public void shown() {
        model.refresh();
    }

    /** The subject that resumes the runs found interrupted (the offer made when the store opened). */
    static final Object RESUME_INTERRUPTED = new Object();

    /** From the Seeds area: a new run on the seeds the curator chose there. */
    @Override
    public void open(Object subject) {
        if (subject == RESUME_INTERRUPTED) {
            model.resumeInterrupted();
            return;
        }
        if (subject instanceof SeedSelection seeds && seeds.kind() == SeedSelection.Kind.IDS) {
            newRun();
            model.useSeeds(seeds.ids());
        }
    }

    @Override
    public Map<KeyCombination, Runnable> shortcuts() {
        return Map.of(
                NEW_RUN,
                this::newRun,
                START,
                model::start,
                PAUSE,
                model::togglePause,
                CANCEL,
                model::cancel,
                RESUME,
                model::resumeRun,
                RETRY,
                this::retrySelected,
                REFRESH,
                model::refresh);
    }

    private void newRun() {
        model.newRun();
        runList.getSelectionModel().clearSelection();
        endpointBox.requestFocus();
    }

    private void retrySelected() {
        List<RunsViewModel.Failure> chosen =
                new ArrayList<>(failureList.getSelectionModel().getSelectedItems());
        model.retry(chosen.isEmpty() ? List.copyOf(failureList.getItems()) : chosen);
    }

    // ---- top: the interrupted notice and the toolbar ----

    private Node top() {
        Label text = new Label();
        text.setId("runs-notice-text");
        text.setWrapText(true);
        text.textProperty().bind(model.notice());
        Button resume =
                Controls.button("Resume", "Continue the interrupted run where it stopped", model::resumeInterrupted);
        resume.setId("runs-notice-resume");
        Button dismiss = Controls.button(
                "Dismiss",
                "Hide this notice; the run stays interrupted and can be resumed" + " later (select it, then Ctrl+R)",
                model::dismissNotice);
        dismiss.setId("runs-notice-dismiss");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox notice = new HBox(8, text, spacer, resume, dismiss);
        notice.setId("runs-notice");
        notice.getStyleClass().add("runs-notice");
        notice.setAlignment(Pos.CENTER_LEFT);
        notice.visibleProperty().bind(model.notice().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());

        Button newRun = Controls.button("New run", "Fill in a new run (Ctrl+N)", this::newRun);
        newRun.setId("runs-new");
        Button refresh = Controls.button("Refresh", "Read the runs again (F5)", model::refresh);
        refresh.setId("runs-refresh");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox toolbar = new HBox(8, newRun, gap, refresh);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("area-toolbar");
        toolbar.setPadding(new Insets(8));
        return new VBox(notice, toolbar);
    }

    // ---- left: the runs ----

    private Node listPane() {
        runList.setId("runs-list");
        runList.setItems(model.runs());
        Label noRuns = new Label("No runs yet. Fill in the form on the right and press Start (Ctrl+Enter).");
        noRuns.setWrapText(true); // whole in a narrow list
        noRuns.setPadding(new Insets(12));
        runList.setPlaceholder(noRuns);
        runList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(RunSummary r, boolean empty) {
                super.updateItem(r, empty);
                getStyleClass().removeAll(statusClasses());
                if (empty || r == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                // skills by name; their ids on hover
                setTooltip(new Tooltip(model.skillsText(r.config().skills()) + "\nSkill ids: "
                        + String.join(", ", r.config().skills())));
                List<String> skills = r.config().skills();
                setText(runLine(r) + "\n" + (skills.size() <= 3 ? model.skillsText(skills) : skills.size() + " skills")
                        + " · seeds " + r.config().seeds()
                        + " · " + WHEN.format(r.createdAt()) + "\n" + Counts.of(r.instructions(), "instructions") + ": "
                        + r.complete()
                        + " done, " + r.failed() + " failed");
                getStyleClass().add("run-" + r.status().id());
            }
        });
        runList.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            if (n != null && !syncingSelection) {
                model.select(n);
            }
        });
        // After the list is read again, the shown run stays selected.
        model.runs().addListener((ListChangeListener<RunSummary>) c -> keepSelection());
        model.selected().addListener((obs, o, n) -> keepSelection());
        VBox box = new VBox(runList);
        VBox.setVgrow(runList, Priority.ALWAYS);
        return box;
    }

    private void keepSelection() {
        RunSummary s = model.selected().get();
        syncingSelection = true;
        try {
            if (s == null) {
                runList.getSelectionModel().clearSelection();
            } else {
                for (int i = 0; i < model.runs().size(); i++) {
                    if (model.runs().get(i).id() == s.id()) {
                        runList.getSelectionModel().select(i);
                        break;
                    }
                }
            }
        } finally {
            syncingSelection = false;
        }
    }

    private static List<String> statusClasses() {
        List<String> out = new ArrayList<>();
        for (RunStatus s : RunStatus.values()) {
            out.add("run-" + s.id());
        }
        return out;
    }

    static String runLine(RunSummary r) {
        return "Run " + r.id() + " · " + r.status().id();
    }

    private Node right() {
        Node form = form();
        Node run = runPane();
        form.visibleProperty().bind(model.pane().isEqualTo(RunsViewModel.Pane.FORM));
        run.visibleProperty().bind(model.pane().isEqualTo(RunsViewModel.Pane.RUN));
        return new StackPane(form, run);
    }

    // ---- the New run form ----

    private Node form() {
        Label title = new Label("New run");
        title.getStyleClass().add("title-3");

        ListView<RunFormModel.SkillChoice> skills = new ListView<>(model.form().skills());
        skills.setId("run-skills");
        skills.setPrefHeight(140);
        skills.setPlaceholder(new Label("No skill has a flow yet."));
        skills.setTooltip(new Tooltip("The skills to generate instructions for (Space ticks the selected one)"));
        StringConverter<RunFormModel.SkillChoice> names = new StringConverter<>() {
            @Override
            public String toString(RunFormModel.SkillChoice c) {
                return c == null ? "" : c.name();
            }

            @Override
            public RunFormModel.SkillChoice fromString(String s) {
                return null;
            }
        };
        skills.setCellFactory(list -> new CheckBoxListCell<>(RunFormModel.SkillChoice::chosen, names) {
            @Override
            public void updateItem(RunFormModel.SkillChoice item, boolean empty) {
                super.updateItem(item, empty);
                // the name in the list, the id (what the command line and flow files use) on hover
                setTooltip(empty || item == null ? null : new Tooltip("Skill id: " + item.skill()));
            }
        });

        ToggleGroup seedGroup = new ToggleGroup();
        RadioButton all = new RadioButton("All seeds");
        all.setId("run-seeds-all");
        RadioButton tagged = new RadioButton("Seeds tagged");
        tagged.setId("run-seeds-tag");
        RadioButton listed = new RadioButton("Chosen in Seeds");
        listed.setId("run-seeds-ids");
        for (RadioButton b : List.of(all, tagged, listed)) {
            b.setToggleGroup(seedGroup);
        }
        all.setUserData(RunFormModel.SeedMode.ALL);
        tagged.setUserData(RunFormModel.SeedMode.TAG);
        listed.setUserData(RunFormModel.SeedMode.IDS);
        all.setSelected(true);
        // the mode also changes from outside (seeds sent from the Seeds area)
        model.form()
                .seedMode()
                .addListener((obs, o, n) -> seedGroup.getToggles().stream()
                        .filter(t -> t.getUserData() == n)
                        .findFirst()
                        .ifPresent(t -> t.setSelected(true)));
        seedGroup
                .selectedToggleProperty()
                .addListener((obs, o, n) -> model.form()
                        .seedMode()
                        .set(n == null ? RunFormModel.SeedMode.ALL : (RunFormModel.SeedMode) n.getUserData()));
        ComboBox<String> tag = new ComboBox<>(model.form().tags());
        tag.setId("run-seed-tag");
        tag.setTooltip(new Tooltip("The tag of the seeds to use"));
        tag.valueProperty().addListener((obs, o, n) -> {
            model.form().seedTag().set(n);
            if (n != null) {
                tagged.setSelected(true);
            }
        });
        Label chosen = new Label();
        chosen.setId("run-seed-choice");
        chosen.textProperty()
                .bind(Bindings.when(model.form().chosenSeeds().isEmpty())
                        .then("none yet")
                        .otherwise(model.form().chosenSeeds()));
        Tooltip chosenIds = new Tooltip();
        chosenIds.textProperty().bind(model.form().chosenSeedIds());
        chosen.tooltipProperty()
                .bind(Bindings.when(model.form().chosenSeedIds().isEmpty())
                        .then((Tooltip) null)
                        .otherwise(chosenIds));
        Button choose = Controls.button(
                "Choose in Seeds…",
                "Go to the Seeds area: select seeds there, then Run on" + " these… (Ctrl+R) brings them here",
                () -> context.navigation().open("seeds", null));
        choose.setId("run-seeds-choose");
        FlowPane seeds = new FlowPane(8, 6, all, tagged, tag, listed, chosen, choose);
        seeds.setAlignment(Pos.CENTER_LEFT);
        List.of(all, tagged, listed).forEach(Controls::whole);

        endpointBox.setId("run-endpoint");
        endpointBox.setItems(model.form().endpointNames());
        endpointBox.setTooltip(new Tooltip("The endpoint every step asks unless a role below has its own"));
        endpointBox.valueProperty().bindBidirectional(model.form().endpoint());

        GridPane roles = new GridPane();
        roles.setHgap(8);
        roles.setVgap(4);
        int row = 0;
        for (RunFormModel.RoleGroup g : RunFormModel.RoleGroup.values()) {
            ComboBox<String> box = new ComboBox<>();
            box.setId("run-endpoint-" + g.name().toLowerCase(Locale.ROOT));
            box.setTooltip(new Tooltip(
                    "The endpoint for " + g.label().toLowerCase(Locale.ROOT) + "; same as the run unless chosen"));
            Runnable fill = () -> {
                String keep = box.getValue();
                List<String> items = new ArrayList<>();
                items.add(SAME_AS_RUN);
                items.addAll(model.form().endpointNames());
                box.getItems().setAll(items);
                box.setValue(items.contains(keep) ? keep : SAME_AS_RUN);
            };
            fill.run();
            model.form().endpointNames().addListener((ListChangeListener<String>) c -> fill.run());
            box.valueProperty()
                    .addListener((obs, o, n) ->
                            model.form().roleEndpoint(g).set(n == null || SAME_AS_RUN.equals(n) ? null : n));
            Label roleLabel = new Label(g.label());
            roleLabel.setWrapText(true); // "Refinement (suggester and editor)" takes two lines in a narrow form
            roleLabel.setMinWidth(90);
            roles.addRow(row++, roleLabel, box);
            box.setMinWidth(Region.USE_PREF_SIZE);
        }

        CheckBox flowRounds = new CheckBox("As each flow says");
        flowRounds.setId("run-flow-rounds");
        flowRounds.setTooltip(
                new Tooltip("Refinement rounds: each skill's flow has its own number; untick to set one" + " for all"));
        flowRounds.selectedProperty().bindBidirectional(model.form().flowRounds());
        Spinner<Integer> rounds =
                new Spinner<>(0, RunConfig.MAX_ROUNDS, model.form().rounds().get());
        rounds.setId("run-rounds");
        rounds.setEditable(true);
        rounds.setPrefWidth(80);
        rounds.disableProperty().bind(model.form().flowRounds());
        rounds.valueProperty().addListener((obs, o, n) -> model.form().rounds().set(n == null ? 0 : n));
        HBox roundsBox = new HBox(8, rounds, flowRounds);
        roundsBox.setAlignment(Pos.CENTER_LEFT);

        Spinner<Integer> perSeed =
                new Spinner<>(1, RunConfig.MAX_PER_SEED, model.form().perSeed().get());
        perSeed.setId("run-per-seed");
        perSeed.setEditable(true);
        perSeed.setPrefWidth(80);
        perSeed.setTooltip(new Tooltip("Instructions generated from each transformed seed"));
        perSeed.valueProperty()
                .addListener((obs, o, n) -> model.form().perSeed().set(n == null ? 1 : n));

        CheckBox fresh = new CheckBox("Ask again even for requests an earlier run made");
        fresh.setId("run-fresh");
        fresh.setTooltip(new Tooltip(
                "Unticked, a request an earlier run already sent is answered from the call" + " ledger at no cost"));
        fresh.selectedProperty().bindBidirectional(model.form().freshSamples());

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        grid.addRow(0, new Label("Skills"), skills);
        grid.addRow(1, new Label("Seeds"), seeds);
        grid.addRow(2, new Label("Endpoint"), endpointBox);
        grid.addRow(3, new Label("Per role"), roles);
        grid.addRow(4, new Label("Rounds"), roundsBox);
        grid.addRow(5, new Label("Instructions per seed"), perSeed);
        grid.add(fresh, 1, 6);
        Controls.labelledColumns(grid);
        Controls.whole(fresh);

        Label estimate = new Label();
        estimate.setId("run-estimate");
        estimate.getStyleClass().add("run-estimate");
        estimate.setWrapText(true);
        estimate.textProperty()
                .bind(Bindings.when(model.form().checking())
                        .then("Estimating…")
                        .otherwise(model.form().estimate()));
        estimate.managedProperty().bind(estimate.textProperty().isNotEmpty()); // no blank line above Start

        Label problems = new Label();
        problems.setId("run-problems");
        problems.getStyleClass().add("problem");
        problems.setWrapText(true);
        problems.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> String.join("\n", model.form().problems()),
                        model.form().problems()));
        problems.managedProperty().bind(problems.textProperty().isNotEmpty());

        Button start =
                Controls.button("Start", "Start the run; it goes on in the background (Ctrl+Enter)", model::start);
        start.setId("run-start");
        start.getStyleClass().add("accent");
        start.disableProperty().bind(model.form().canStart().not());

        VBox box = new VBox(12, title, grid);
        box.setPadding(new Insets(12));
        box.getStyleClass().add("run-form");
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setId("run-form-fields");
        // The estimate, the problems and Start stay in sight below the form, however small the window.
        VBox footer = new VBox(8, estimate, problems, start);
        footer.setPadding(new Insets(8, 12, 12, 12));
        footer.getStyleClass().add("run-form-footer");
        BorderPane pane = new BorderPane(scroll);
        pane.setId("run-form");
        pane.setBottom(footer);
        return pane;
    }

    // ---- the selected run ----

    private Node runPane() {
        runTitle.setId("run-title");
        runTitle.getStyleClass().add("title-3");
        runStatus.setId("run-status");
        runStatus.getStyleClass().add("run-status");
        runSummary.setId("run-summary");
        runSummary.setWrapText(true);
        runStats.setId("run-stats");
        runStats.setWrapText(true);

        GridPane stages = new GridPane();
        stages.setHgap(12);
        stages.setVgap(6);
        stages.setId("run-stages");
        int row = 0;
        for (Stage s : Stage.values()) {
            ProgressBar bar = new ProgressBar(0);
            bar.setPrefWidth(260);
            bar.setId("stage-" + s.id() + "-bar");
            Label count = new Label();
            count.setId("stage-" + s.id() + "-count");
            Label failed = new Label();
            failed.setId("stage-" + s.id() + "-failed");
            bars.put(s, bar);
            counts.put(s, count);
            failedCounts.put(s, failed);
            stages.addRow(row++, new Label(s.label() + (s == Stage.REFINEMENT ? " (rounds)" : "")), bar, count, failed);
        }

        pauseButton.setId("run-pause");
        pauseButton.setOnAction(e -> model.togglePause());
        pauseButton
                .textProperty()
                .bind(Bindings.when(model.selectedPaused()).then("Go on").otherwise("Pause"));
        pauseButton.setTooltip(
                new Tooltip("Pause: calls in flight finish, no new call starts; press again to go on" + " (Ctrl+P)"));
        pauseButton.disableProperty().bind(model.selectedActive().not());
        Button cancel = Controls.button(
                "Cancel", "Stop the run; what finished is kept and it can be resumed (Esc)", model::cancel);
        cancel.setId("run-cancel");
        cancel.disableProperty().bind(model.selectedActive().not());
        Button resume = Controls.button(
                "Resume run", "Continue a cancelled, interrupted or incomplete run (Ctrl+R)", model::resumeRun);
        resume.setId("run-resume");
        resume.disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> !model.canResume(), model.selected(), model.selectedActive()));
        HBox actions = new HBox(8, pauseButton, cancel, resume);
        actions.setAlignment(Pos.CENTER_LEFT);

        failureList.setId("run-failures");
        failureList.setItems(model.failures());
        failureList.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        failureList.setPlaceholder(new Label("Nothing failed."));
        failureList.setPrefHeight(160);
        failureList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(RunsViewModel.Failure f, boolean empty) {
                super.updateItem(f, empty);
                setText(empty || f == null ? null : f.text());
            }
        });
        Button retry = Controls.button(
                "Retry selected",
                "Retry the selected failed items, or all of them when none" + " is selected (Ctrl+Shift+R)",
                this::retrySelected);
        retry.setId("run-retry");
        retry.disableProperty().bind(Bindings.isEmpty(model.failures()).or(model.selectedActive()));
        Label failedTitle = new Label("Failed items");
        failedTitle.getStyleClass().add("title-4");
        Label reasons = new Label();
        reasons.setId("run-failure-reasons");
        reasons.getStyleClass().addAll("inline-status", "problem");
        reasons.setWrapText(true);
        reasons.textProperty().bind(model.failureReasons());
        reasons.managedProperty().bind(reasons.textProperty().isNotEmpty());
        reasons.visibleProperty().bind(reasons.managedProperty());

        model.selected().addListener((obs, o, n) -> showRun());
        model.progress().addListener((obs, o, n) -> showRun());
        model.selectedActive().addListener((obs, o, n) -> showRun());
        model.selectedPaused().addListener((obs, o, n) -> showRun());
        showRun();

        VBox box = new VBox(
                10,
                runTitle,
                runStatus,
                runSummary,
                stages,
                runStats,
                actions,
                failedTitle,
                reasons,
                failureList,
                retry);
        box.setPadding(new Insets(12));
        box.getStyleClass().add("run-progress");
        VBox.setVgrow(failureList, Priority.ALWAYS);
        return box;
    }

    private void showRun() {
        RunSummary s = model.selected().get();
        RunProgress p = model.progress().get();
        if (s == null) {
            runTitle.setText("");
            runStatus.setText("");
            runSummary.setText("");
            runStats.setText("");
            return;
        }
        runTitle.setText("Run " + s.id());
        String status = model.selectedPaused().get()
                ? "paused"
                : model.selectedActive().get() ? "running" : s.status().id();
        runStatus.setText(
                "Status: " + status + (s.message() == null || s.message().isBlank() ? "" : " · " + s.message()));
        runSummary.setText(
                model.skillsText(s.config().skills()) + " · seeds " + s.config().seeds() + " · endpoint "
                        + s.config().endpoint() + " · " + s.config().perSeed() + " per seed · "
                        + Counts.of(s.instructions(), "instructions") + ": " + s.complete() + " done, " + s.failed()
                        + " failed");
        for (Stage stage : Stage.values()) {
            StageProgress sp = p == null
                    ? null
                    : p.stages().stream()
                            .filter(x -> x.stage() == stage)
                            .findFirst()
                            .orElse(null);
            ProgressBar bar = bars.get(stage);
            if (sp == null) {
                bar.setProgress(0);
                counts.get(stage).setText("");
                failedCounts.get(stage).setText("");
                continue;
            }
            bar.setProgress(sp.planned() == 0 ? 0 : (double) (sp.done() + sp.failed()) / sp.planned());
            counts.get(stage).setText(sp.done() + " / " + sp.planned());
            failedCounts.get(stage).setText(sp.failed() == 0 ? "" : sp.failed() + " failed");
        }
        runStats.setText(
                p == null ? "Progress shows while the run executes in this window." : RunsViewModel.statsText(p));
    }

    @Override
    public void close() {
        Subscriptions.close(elsewhere);
        super.close();
    }
}
