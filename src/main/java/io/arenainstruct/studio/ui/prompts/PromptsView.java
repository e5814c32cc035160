package io.arenainstruct.studio.ui.prompts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.util.StringConverter;

import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.arena.JudgeAgent;
import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.flow.AgentRole;
import io.arenainstruct.studio.domain.flow.Flow;
import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.domain.flow.PromptVersion;
import io.arenainstruct.studio.domain.flow.Template;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.common.Controls;
import io.arenainstruct.studio.ui.common.LiveReply;
import io.arenainstruct.studio.ui.common.LiveReply.State;
import io.arenainstruct.studio.ui.common.LongText;
import io.arenainstruct.studio.ui.common.ReadOnlyText;
import io.arenainstruct.studio.ui.prompts.PromptsViewModel.Settings;
import io.arenainstruct.studio.ui.shell.ModelAreaView;

/**
 * The Agents &amp; Prompts area: a tree of skills, stages and agents; the chosen agent's settings and its two
 * templates with variables highlighted and checked; its prompt versions with a diff between any two and
 * revert; and "Try on a seed", which renders the agent (as edited) on a seed and streams the reply.
 */
public final class PromptsView extends ModelAreaView<PromptsViewModel> {
    private static final KeyCombination SAVE = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination TRY = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination STOP = new KeyCodeCombination(KeyCode.ESCAPE);
    private static final KeyCombination REVERT =
            new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    private static final KeyCombination VARIABLES = new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination TREE = new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN);
    // Not Ctrl+H: a text field takes Ctrl+H as a backspace before the area sees it.
    private static final KeyCombination HISTORY =
            new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    private static final String RUNS_ENDPOINT = "the run's endpoint";

    /**
     * A row of the tree: a skill, a stage of its flow, or an agent; or the arena judges ({@code judge} empty) or one
     * of them ({@code judge} its id).
     */
    record Entry(String label, String skill, Agent agent, String judge) {
        Entry(String label, String skill, Agent agent) {
            this(label, skill, agent, null);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final AppContext context;
    private final PromptTryViewModel trial;
    private final TreeView<Entry> tree = new TreeView<>();

    private final Label title = new Label("Choose an agent on the left");
    private final Label role = new Label();
    private final Label description = new Label();
    private final Label categories = new Label();
    private final ComboBox<String> endpointBox = new ComboBox<>();
    private final TextField temperatureField = new TextField();
    private final TextField maxTokensField = new TextField();
    private final TextArea systemArea = new TextArea();
    private final TextArea userArea = new TextArea();
    private final TextFlow systemPreview = new TextFlow();
    private final TextFlow userPreview = new TextFlow();
    private final ListView<String> variables = new ListView<>();
    private final Label problems = new Label();
    private final TextField noteField = new TextField();
    private final Button saveButton = new Button("Save");
    private final VBox editor = new VBox(8);
    /** Shown instead of the agent editor when a flow's Refinement stage is chosen: its rounds and goals. */
    private final VBox refinementForm = new VBox(8);

    private final Label refinementTitle = new Label();
    private final Spinner<Integer> roundsSpinner = new Spinner<>(0, 10, 2);
    private final TextArea goalsArea = new TextArea();
    private final Label refinementProblem = new Label();
    private String refinementSkill;
    private ScrollPane editorScroll;
    private final FlowFilePane flowFile;
    private final JudgePane judgePane;
    private final SplitPane split;
    private final SplitPane right;
    private double[] dividersWithAgentPanes;

    private final ListView<PromptVersion> historyList = new ListView<>();
    private final Label diffTitle = new Label("Choose one version to see what it changed, or two to compare them");
    private final TextFlow diff = new TextFlow();
    private final Button revertButton = new Button("Revert to this version");

    private final TextField seedSearch = new TextField();
    private final ComboBox<Seed> seedBox = new ComboBox<>();
    private final ComboBox<Endpoint> trialEndpoint = new ComboBox<>();
    private final TextArea renderedArea = new TextArea();
    private final TextArea outputArea = new TextArea();
    private final ReadOnlyText outputAreaText = new ReadOnlyText(outputArea);
    private final Label trialStatus = new Label();

    private TextArea lastEditor = systemArea;
    private boolean filling;
    private boolean revertingSelection;

    public PromptsView(AppContext context) {
        super(
                "prompts-area",
                new PromptsViewModel(
                        context.workspace().flows(),
                        context.workspace().endpoints(),
                        context.taskExecutor(),
                        context.dialogs()),
                PromptsViewModel::close);
        this.context = context;
        this.trial = new PromptTryViewModel(
                context.workspace().seedService(),
                context.workspace().runs(),
                context.workspace().gateway(),
                context.taskExecutor(),
                context.dialogs());
        model.notice().addListener((obs, o, n) -> {
            if (!n.isEmpty()) {
                context.notice().set(n);
            }
        });
        this.flowFile = new FlowFilePane(context, this::flowFileSaved);
        this.judgePane = new JudgePane(context, model.endpoints());
        root.setTop(toolbar());
        right = new SplitPane(historyPane(), tryPane());
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.4);
        StackPane center = new StackPane(editorPane(), refinementPane(), flowFile.node(), judgePane.node());
        Node treePane = treePane();
        split = new SplitPane(treePane, center, right);
        // The tree shows whole agent names at 1400 px; in a 1024 px window no pane collapses.
        split.setDividerPositions(0.26, 0.63);
        ((Region) treePane).setMinWidth(160);
        center.setMinWidth(300);
        right.setMinWidth(260);
        root.setCenter(split);
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && trial.state().get() == State.STREAMING) {
                trial.cancel();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && judgePane.running()) {
                judgePane.cancel();
                e.consume();
            }
        });
        fill(null);
    }

    @Override
    public void shown() {
        if (firstShowing()) {
            model.load(() -> judgePane.load(this::buildTree));
        } else {
            model.refreshEndpoints();
            judgePane.refresh();
        }
        // The seeds may have changed in another area meanwhile.
        trial.searchSeeds(seedSearch.getText());
        tree.requestFocus();
    }

    @Override
    public Map<KeyCombination, Runnable> shortcuts() {
        // While a judge is shown, the same keys act on it.
        return Map.of(
                SAVE,
                this::save,
                TRY,
                () -> onJudgeOr(judgePane::tryOnBattle, this::tryOnSeed),
                STOP,
                () -> {
                    trial.cancel();
                    judgePane.cancel();
                },
                REVERT,
                () -> onJudgeOr(judgePane::revert, this::revert),
                VARIABLES,
                () -> onJudgeOr(judgePane::focusVariables, variables::requestFocus),
                TREE,
                tree::requestFocus,
                HISTORY,
                () -> onJudgeOr(judgePane::focusHistory, historyList::requestFocus));
    }

    private void onJudgeOr(Runnable onJudge, Runnable otherwise) {
        (judgePane.isShowing() ? onJudge : otherwise).run();
    }

    @Override
    public void close() {
        trial.close();
        judgePane.close();
        super.close();
    }

    // ------------------------------------------------------------------------------------------ layout

    private Node toolbar() {
        Label keys =
                new Label("Ctrl+S saves · Ctrl+Enter tries the agent on a seed (a judge on a battle) · Esc stops it"
                        + " · Ctrl+I variables · Ctrl+Shift+H versions · Ctrl+Shift+R reverts · Ctrl+L agents"
                        + " · a skill opens its flow file");
        keys.getStyleClass().add("inline-status");
        keys.setWrapText(true);
        HBox bar = new HBox(8, keys);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("area-toolbar");
        bar.setPadding(new Insets(8));
        return bar;
    }

    private Node treePane() {
        tree.setId("prompts-tree");
        tree.setShowRoot(false);
        tree.setTooltip(new Tooltip("Skills, the stages of their flows, and the agents (Ctrl+L)"));
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (revertingSelection) {
                return;
            }
            Entry entry = item == null ? null : item.getValue();
            Agent current = model.agent().get();
            if (current != null
                    && entry != null
                    && entry.agent() != null
                    && entry.agent().id().equals(current.id())
                    && entry.skill().equals(model.skill().get())) {
                return;
            }
            if (!confirmDiscard()) {
                revertingSelection = true;
                tree.getSelectionModel().select(old);
                revertingSelection = false;
                return;
            }
            if (entry != null && entry.judge() != null) {
                showJudge(entry.judge());
                return;
            }
            judgePane.hide();
            showRefinement(
                    entry != null && entry.agent() == null && entry.label().startsWith("Refinement")
                            ? entry.skill()
                            : null);
            boolean skillNode = item != null && item.getParent() == tree.getRoot();
            flowFile.show(skillNode ? entry.skill() : null, skillNode ? entry.label() : null);
            editorScroll.setVisible(!refinementForm.isVisible() && !flowFile.isShowing());
            showAgentPanes(!flowFile.isShowing());
            if (entry == null || entry.agent() == null) {
                model.clearSelection();
                fill(null);
            } else {
                model.select(entry.skill(), entry.agent().id(), this::fill);
            }
        });
        return tree;
    }

    private void buildTree() {
        TreeItem<Entry> top = new TreeItem<>(new Entry("flows", null, null));
        for (Flow f : model.flows()) {
            TreeItem<Entry> skill = new TreeItem<>(
                    new Entry(f.name() == null || f.name().isBlank() ? f.skill() : f.name(), f.skill(), null));
            stage(skill, f, "Transformation", f.transformers());
            stage(skill, f, "Generation", f.generators());
            stage(
                    skill,
                    f,
                    "Refinement (" + f.rounds() + (f.rounds() == 1 ? " round)" : " rounds)"),
                    List.of(f.suggester(), f.editor()));
            stage(skill, f, "Answer", List.of(f.answerer()));
            top.getChildren().add(skill);
        }
        TreeItem<Entry> judges = new TreeItem<>(new Entry("Arena judges", null, null, ""));
        for (JudgeAgent j : judgePane.judges()) {
            judges.getChildren()
                    .add(new TreeItem<>(new Entry(j.name() + " (" + j.style().id() + ")", null, null, j.id())));
        }
        judges.setExpanded(true);
        top.getChildren().add(judges);
        tree.setRoot(top);
    }

    /** Shows the judges' pane with a judge (empty: the group); it takes the room of the agent's panes. */
    private void showJudge(String judgeId) {
        showRefinement(null);
        flowFile.show(null, null);
        editorScroll.setVisible(false);
        showAgentPanes(false);
        model.clearSelection();
        fill(null);
        judgePane.show(judgeId.isEmpty() ? null : judgeId);
    }

    private static void stage(TreeItem<Entry> skill, Flow f, String name, List<Agent> agents) {
        TreeItem<Entry> stage = new TreeItem<>(new Entry(name, f.skill(), null));
        for (Agent a : agents) {
            stage.getChildren()
                    .add(new TreeItem<>(new Entry(a.name() + " (" + a.role().id() + ")", f.skill(), a)));
        }
        stage.setExpanded(true);
        skill.getChildren().add(stage);
    }

    private Node refinementPane() {
        refinementTitle.getStyleClass().add("title-4");
        refinementTitle.setId("refinement-settings-title");
        Label explain = new Label("How many suggester–editor rounds a run does (unless it asks for another number),"
                + " and the goals the suggester works towards, one per line. Runs already started keep theirs.");
        explain.setWrapText(true);
        roundsSpinner.setId("flow-rounds");
        roundsSpinner.setEditable(true);
        roundsSpinner.setTooltip(new Tooltip("Rounds of suggestion and edit, 0 to 10 (saved with Ctrl+S)"));
        goalsArea.setId("flow-goals");
        LongText.wrapUnlessShaped(goalsArea);
        goalsArea.setPrefRowCount(8);
        goalsArea.setTooltip(new Tooltip("One goal per line; the suggester gets them as a list (saved with Ctrl+S)"));
        refinementProblem.setId("flow-refinement-problem");
        refinementProblem.getStyleClass().addAll("inline-status", "problem");
        refinementProblem.setWrapText(true);
        Button saveRefinement = new Button("Save refinement");
        saveRefinement.setId("flow-refinement-save");
        saveRefinement.setTooltip(new Tooltip("Save the rounds and goals of this flow (Ctrl+S)"));
        saveRefinement.setOnAction(e -> saveRefinement());
        HBox rounds = new HBox(8, new Label("Rounds"), roundsSpinner);
        rounds.setAlignment(Pos.CENTER_LEFT);
        refinementForm
                .getChildren()
                .addAll(
                        refinementTitle,
                        explain,
                        rounds,
                        section("Goals"),
                        goalsArea,
                        refinementProblem,
                        saveRefinement);
        refinementForm.setPadding(new Insets(8));
        refinementForm.setId("flow-refinement-form");
        refinementForm.getStyleClass().add("prompt-editor");
        refinementForm.setVisible(false);
        return refinementForm;
    }

    /** Shows the refinement form of a skill's flow (null: the agent editor again). */
    private void showRefinement(String skill) {
        refinementSkill = skill;
        refinementForm.setVisible(skill != null);
        editorScroll.setVisible(skill == null);
        refinementProblem.setText("");
        if (skill == null) {
            return;
        }
        model.flows().stream().filter(f -> f.skill().equals(skill)).findFirst().ifPresent(f -> {
            refinementTitle.setText(
                    "Refinement · " + (f.name() == null || f.name().isBlank() ? f.skill() : f.name()));
            roundsSpinner.getValueFactory().setValue(f.rounds());
            goalsArea.setText(String.join("\n", f.goals()));
        });
    }

    private void saveRefinement() {
        String skill = refinementSkill;
        roundsSpinner.commitValue();
        int rounds = roundsSpinner.getValue();
        List<String> goals = goalsArea.getText().lines().toList();
        model.saveRefinement(skill, rounds, goals, refinementProblem::setText, () -> {
            buildTree();
            selectRefinementNode(skill);
        });
    }

    /** Versions and Try belong to an agent; the flow file gets their room while it is shown. */
    private void showAgentPanes(boolean show) {
        boolean shown = split.getItems().contains(right);
        if (show && !shown) {
            split.getItems().add(right);
            split.setDividerPositions(dividersWithAgentPanes);
        } else if (!show && shown) {
            dividersWithAgentPanes = split.getDividerPositions();
            split.getItems().remove(right);
        }
    }

    /** After the flow file was saved: the tree shows the new flow, with the skill still chosen. */
    private void flowFileSaved(String skill) {
        model.load(() -> {
            revertingSelection = true;
            try {
                buildTree();
                tree.getRoot().getChildren().stream()
                        .filter(i -> skill.equals(i.getValue().skill()))
                        .findFirst()
                        .ifPresent(i -> tree.getSelectionModel().select(i));
            } finally {
                revertingSelection = false;
            }
        });
    }

    private void selectRefinementNode(String skill) {
        for (TreeItem<Entry> skillItem : tree.getRoot().getChildren()) {
            if (skill.equals(skillItem.getValue().skill())) {
                skillItem.setExpanded(true);
                skillItem.getChildren().stream()
                        .filter(i -> i.getValue().label().startsWith("Refinement"))
                        .findFirst()
                        .ifPresent(i -> tree.getSelectionModel().select(i));
            }
        }
    }

    private Node editorPane() {
        title.getStyleClass().add("title-4");
        title.setId("agent-title");
        role.setId("agent-role");
        description.setId("agent-description");
        description.setWrapText(true);
        categories.setId("agent-categories");
        categories.setWrapText(true);

        endpointBox.setId("agent-endpoint");
        endpointBox.setTooltip(new Tooltip("Which endpoint this agent calls; \"" + RUNS_ENDPOINT + "\" uses the one"
                + " chosen when a run starts (saved with Ctrl+S)"));
        endpointBox.setMaxWidth(Double.MAX_VALUE);
        temperatureField.setId("agent-temperature");
        temperatureField.setPromptText("endpoint's default");
        temperatureField.setTooltip(new Tooltip("0 to 2; empty: the endpoint's default (saved with Ctrl+S)"));
        maxTokensField.setId("agent-max-tokens");
        maxTokensField.setPromptText("endpoint's default");
        maxTokensField.setTooltip(
                new Tooltip("The longest reply in tokens; empty: the endpoint's default (saved with" + " Ctrl+S)"));
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.getStyleClass().add("form-grid");
        grid.addRow(0, new Label("Role"), role);
        grid.addRow(1, new Label("Endpoint"), endpointBox);
        grid.addRow(2, new Label("Temperature"), temperatureField);
        grid.addRow(3, new Label("Max tokens"), maxTokensField);
        Controls.labelledColumns(grid);

        template(systemArea, systemPreview, "system-prompt", "The system prompt: who the agent is and how it answers");
        template(
                userArea,
                userPreview,
                "user-message",
                "The user message: the task, with {{variables}} filled in" + " per seed");
        systemArea.setPrefRowCount(8);
        userArea.setPrefRowCount(5);

        variables.setId("variables");
        variables.setPrefHeight(150);
        variables.setTooltip(new Tooltip("The variables this agent's role can use: click one, or press Enter, to"
                + " insert it at the cursor (Ctrl+I comes here)"));
        variables.setOnMouseClicked(e -> insertVariable());
        variables.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && !e.isShortcutDown()) {
                insertVariable();
                e.consume();
            }
        });

        problems.setId("prompt-problems");
        problems.setWrapText(true);
        problems.getStyleClass().addAll("inline-status", "problem");

        noteField.setId("version-note");
        noteField.setPromptText("What changed (optional, kept with the version)");
        noteField.setTooltip(new Tooltip("A note kept with the new version; Ctrl+S saves"));
        saveButton.setId("save-prompt");
        saveButton.setTooltip(new Tooltip("Save the prompt as a new version and the settings (Ctrl+S)"));
        saveButton.setOnAction(e -> save());
        saveButton.setMinWidth(Region.USE_PREF_SIZE);
        HBox saveRow = new HBox(8, noteField, saveButton);
        HBox.setHgrow(noteField, Priority.ALWAYS);
        saveRow.setAlignment(Pos.CENTER_LEFT);

        Label varTitle = new Label("Variables");
        varTitle.getStyleClass().add("form-section");
        editor.getChildren()
                .addAll(
                        title,
                        description,
                        categories,
                        grid,
                        section("System prompt"),
                        systemArea,
                        previewCaption(systemPreview),
                        systemPreview,
                        section("User message"),
                        userArea,
                        previewCaption(userPreview),
                        userPreview,
                        varTitle,
                        variables,
                        problems,
                        saveRow);
        editor.setPadding(new Insets(8));
        editor.getStyleClass().add("prompt-editor");

        temperatureField.textProperty().addListener((obs, o, n) -> check());
        maxTokensField.textProperty().addListener((obs, o, n) -> check());
        endpointBox.valueProperty().addListener((obs, o, n) -> check());
        editorScroll = new ScrollPane(editor);
        editorScroll.setFitToWidth(true);
        return editorScroll;
    }

    private void template(TextArea area, TextFlow preview, String id, String tooltip) {
        area.setId(id);
        LongText.wrapUnlessShaped(area);
        area.getStyleClass().add("template-editor");
        area.setTooltip(new Tooltip(tooltip));
        area.focusedProperty().addListener((obs, o, focused) -> {
            if (focused) {
                lastEditor = area;
            }
        });
        area.textProperty().addListener((obs, o, n) -> {
            highlight(preview, n);
            check();
        });
        preview.setId(id + "-preview");
        preview.getStyleClass().add("template-preview");
    }

    private Node historyPane() {
        historyList.setId("prompt-history");
        historyList.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        historyList.setItems(model.history());
        historyList.setPrefHeight(140);
        historyList.setMinHeight(120); // three versions stay in sight while a diff fills the pane below
        historyList.setTooltip(new Tooltip("The saved versions (Ctrl+Shift+H): choose one to see what it changed, two"
                + " (Ctrl+click) to compare them"));
        historyList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(PromptVersion v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : PromptVersionText.label(v));
            }
        });
        historyList.getSelectionModel().getSelectedItems().addListener((ListChangeListener<PromptVersion>)
                c -> showDiff());
        diffTitle.setId("diff-title");
        diffTitle.setWrapText(true);
        diffTitle.setMinHeight(Region.USE_PREF_SIZE); // both lines, not "Choose one version to see what it …"
        diffTitle.getStyleClass().add("inline-status");
        diff.setId("version-diff");
        diff.getStyleClass().add("diff-text");
        ScrollPane diffScroll = new ScrollPane(diff);
        diffScroll.setFitToWidth(true);
        revertButton.setId("revert-version");
        revertButton.setTooltip(
                new Tooltip("Make the chosen version the newest again, as a new version" + " (Ctrl+Shift+R)"));
        revertButton.setOnAction(e -> revert());
        revertButton
                .disableProperty()
                .bind(historyList.getSelectionModel().selectedItemProperty().isNull());
        VBox box = new VBox(8, section("Versions"), historyList, revertButton, diffTitle, diffScroll);
        VBox.setVgrow(diffScroll, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return fillOrScroll(box);
    }

    private Node tryPane() {
        seedSearch.setId("trial-seed-search");
        seedSearch.setPromptText("Search seeds by words in name or text");
        seedSearch.setTooltip(new Tooltip("Narrows the seeds to choose from"));
        seedSearch.textProperty().addListener((obs, o, n) -> trial.searchSeeds(n));
        seedBox.setId("trial-seed");
        seedBox.setItems(trial.seeds());
        seedBox.setMaxWidth(Double.MAX_VALUE);
        seedBox.setPromptText("choose a seed");
        seedBox.setTooltip(new Tooltip("The seed the agent is rendered on"));
        seedBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Seed s) {
                return s == null ? "" : LongText.visible(s.name());
            }

            @Override
            public Seed fromString(String s) {
                return null;
            }
        });
        trial.seeds().addListener((ListChangeListener<Seed>) c -> {
            if (seedBox.getValue() == null || !trial.seeds().contains(seedBox.getValue())) {
                seedBox.setValue(trial.seeds().isEmpty() ? null : trial.seeds().get(0));
            }
        });
        trialEndpoint.setId("trial-endpoint");
        trialEndpoint.setItems(model.endpoints());
        trialEndpoint.setMaxWidth(Double.MAX_VALUE);
        trialEndpoint.setTooltip(new Tooltip("Where to send it; the dry run only shows what would be sent"));
        trialEndpoint.setConverter(new StringConverter<>() {
            @Override
            public String toString(Endpoint e) {
                return e == null
                        ? ""
                        : e.provider() == Provider.DRY_RUN
                                ? "Dry run (no model is asked)"
                                : e.name() + " · " + e.model();
            }

            @Override
            public Endpoint fromString(String s) {
                return null;
            }
        });
        model.endpoints().addListener((ListChangeListener<Endpoint>) c -> {
            if (trialEndpoint.getValue() == null && !model.endpoints().isEmpty()) {
                trialEndpoint.setValue(model.endpoints().get(0));
            }
        });
        Button tryButton = Controls.button(
                "Try on a seed",
                "Render this agent, as edited (saved or not), on the" + " seed and stream the reply (Ctrl+Enter)",
                this::tryOnSeed);
        tryButton.setId("try-on-seed");
        tryButton
                .disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> model.agent().get() == null
                                || trial.state().get() == State.STREAMING
                                || seedBox.getValue() == null,
                        model.agent(),
                        trial.state(),
                        seedBox.valueProperty()));
        Button stop = Controls.button("Stop", "Stop the reply; what arrived stays (Esc)", trial::cancel);
        stop.setId("stop-trial");
        stop.disableProperty().bind(trial.state().isNotEqualTo(State.STREAMING));
        FlowPane buttons = new FlowPane(8, 6, tryButton, stop);

        renderedArea.setId("trial-messages");
        renderedArea.setEditable(false);
        LongText.wrapUnlessShaped(renderedArea);
        renderedArea.setPrefRowCount(6);
        renderedArea.setMinHeight(90); // four lines at least, however tall the reply grows
        renderedArea.setPromptText("The rendered messages appear here");
        renderedArea.textProperty().bind(trial.rendered());
        outputArea.setId("trial-output");
        trialStatus.setId("trial-status");
        LiveReply.show(outputAreaText, trialStatus, trial.output(), trial.status(), trial.state());

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, new Label("Seed"), seedSearch);
        grid.add(seedBox, 1, 1);
        // The endpoint's label goes above it, so a name such as "Dry run (no model is asked)" has the pane's width.
        grid.add(new Label("Endpoint"), 0, 2, 2, 1);
        grid.add(trialEndpoint, 0, 3, 2, 1);
        Controls.labelledColumns(grid);
        VBox box = new VBox(
                8,
                section("Try on a seed"),
                grid,
                buttons,
                new Label("Rendered messages"),
                renderedArea,
                new Label("Reply"),
                outputAreaText,
                trialStatus);
        VBox.setVgrow(outputAreaText, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        box.getStyleClass().add("try-prompt");
        return fillOrScroll(box);
    }

    /** Fills the pane when it is tall enough; scrolls in a 700 px window rather than squeezing its boxes. */
    private static ScrollPane fillOrScroll(Region content) {
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("edge-to-edge");
        return scroll;
    }

    static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("form-section");
        return l;
    }

    // ------------------------------------------------------------------------------------------ content

    /** Shows an agent as stored (null: nothing chosen). */
    private void fill(Agent a) {
        filling = true;
        try {
            editor.setDisable(a == null);
            if (a == null) {
                title.setText("Choose an agent on the left");
                role.setText("");
                description.setText("");
                categories.setText("");
                systemArea.setText("");
                userArea.setText("");
                variables.getItems().clear();
                endpointBox.getItems().setAll(RUNS_ENDPOINT);
                endpointBox.setValue(RUNS_ENDPOINT);
                temperatureField.setText("");
                maxTokensField.setText("");
            } else {
                title.setText(a.name() + " · version " + a.version());
                role.setText(a.role().id());
                description.setText(a.description());
                categories.setText(
                        a.role() != AgentRole.GENERATOR
                                ? ""
                                : "Writes for: "
                                        + (a.categories().isEmpty()
                                                ? "every category"
                                                : String.join(", ", a.categories())));
                List<String> names = new ArrayList<>();
                names.add(RUNS_ENDPOINT);
                model.endpoints().stream()
                        .filter(e -> e.provider() != Provider.DRY_RUN)
                        .map(Endpoint::name)
                        .forEach(names::add);
                if (a.endpoint() != null && !names.contains(a.endpoint())) {
                    names.add(a.endpoint());
                }
                endpointBox.getItems().setAll(names);
                endpointBox.setValue(a.endpoint() == null ? RUNS_ENDPOINT : a.endpoint());
                temperatureField.setText(a.temperature() == null ? "" : String.valueOf(a.temperature()));
                maxTokensField.setText(a.maxTokens() == null ? "" : String.valueOf(a.maxTokens()));
                systemArea.setText(a.prompt().system());
                userArea.setText(a.prompt().user());
                variables.getItems().setAll(a.role().variables());
            }
            noteField.setText("");
        } finally {
            filling = false;
        }
        check();
        showDiff();
    }

    /** Says what the read-only copy under an editor is, so it is not taken for a second prompt. */
    private static Label previewCaption(TextFlow preview) {
        Label caption = new Label("Read-only copy, variables marked (unknown ones in red):");
        caption.setWrapText(true);
        caption.setId(preview.getId() + "-caption");
        caption.getStyleClass().add("field-caption");
        caption.setLabelFor(preview);
        return caption;
    }

    /** Colours each {{variable}} of the text in the preview; unknown ones as errors. */
    private void highlight(TextFlow preview, String text) {
        Agent a = model.agent().get();
        List<Node> nodes = new ArrayList<>();
        int at = 0;
        for (Template.Occurrence o : Template.occurrences(text)) {
            if (o.start() > at) {
                nodes.add(new Text(text.substring(at, o.start())));
            }
            Text v = new Text(text.substring(o.start(), o.end()));
            v.getStyleClass().add("template-variable");
            if (a != null && !a.role().knows(o.name())) {
                v.getStyleClass().add("template-variable-unknown");
            }
            nodes.add(v);
            at = o.end();
        }
        if (at < text.length()) {
            nodes.add(new Text(text.substring(at)));
        }
        preview.getChildren().setAll(nodes);
    }

    /** Updates the problems and whether Save is possible. */
    private void check() {
        if (filling) {
            return;
        }
        Agent a = model.agent().get();
        highlight(systemPreview, systemArea.getText());
        highlight(userPreview, userArea.getText());
        if (a == null) {
            problems.setText("");
            saveButton.setDisable(true);
            return;
        }
        List<String> found =
                new ArrayList<>(PromptsViewModel.problems(a.role(), systemArea.getText(), userArea.getText()));
        try {
            settings();
        } catch (IllegalArgumentException e) {
            found.add(e.getMessage());
        }
        problems.setText(String.join("\n", found));
        saveButton.setDisable(!found.isEmpty() || !dirty());
    }

    /** The settings as typed; an IllegalArgumentException names what is wrong. */
    private Settings settings() {
        String ep = endpointBox.getValue() == null || endpointBox.getValue().equals(RUNS_ENDPOINT)
                ? null
                : endpointBox.getValue();
        Double temperature = null;
        String t = temperatureField.getText().strip();
        if (!t.isEmpty()) {
            try {
                temperature = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Temperature: type a number from 0 to 2, or leave it empty");
            }
            if (temperature < 0 || temperature > 2) {
                throw new IllegalArgumentException("Temperature: type a number from 0 to 2, or leave it empty");
            }
        }
        Integer maxTokens = null;
        String m = maxTokensField.getText().strip();
        if (!m.isEmpty()) {
            try {
                maxTokens = Integer.parseInt(m);
            } catch (NumberFormatException e) {
                maxTokens = 0;
            }
            if (maxTokens < 1) {
                throw new IllegalArgumentException("Max tokens: type a whole number of 1 or more, or leave it empty");
            }
        }
        return new Settings(ep, temperature, maxTokens);
    }

    private Prompt editedPrompt() {
        return new Prompt(systemArea.getText(), userArea.getText());
    }

    private boolean dirty() {
        Agent a = model.agent().get();
        if (a == null) {
            return false;
        }
        if (!a.prompt().equals(editedPrompt())) {
            return true;
        }
        try {
            return !Settings.of(a).equals(settings());
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private boolean confirmDiscard() {
        if (judgePane.dirty()) {
            return context.dialogs()
                    .confirm(
                            "Discard changes?",
                            "The changes to " + judgePane.judge().name() + " are not saved.",
                            "Discard changes");
        }
        if (flowFile.dirty()) {
            return context.dialogs()
                    .confirm(
                            "Discard changes?",
                            "The changes to the flow file of " + flowFile.skill() + " are not saved.",
                            "Discard changes");
        }
        if (!dirty()) {
            return true;
        }
        return context.dialogs()
                .confirm(
                        "Discard changes?",
                        "The changes to " + model.agent().get().name() + " are not saved.",
                        "Discard changes");
    }

    private void showDiff() {
        PromptsViewModel.Comparison c =
                model.compare(historyList.getSelectionModel().getSelectedItems());
        diffTitle.setText(c.title());
        diff.getChildren().setAll(PromptVersionText.diff(c));
    }

    // ------------------------------------------------------------------------------------------ actions

    private void insertVariable() {
        String name = variables.getSelectionModel().getSelectedItem();
        if (name == null || model.agent().get() == null) {
            return;
        }
        lastEditor.replaceSelection("{{" + name + "}}");
        lastEditor.requestFocus();
    }

    private void save() {
        if (judgePane.isShowing()) {
            judgePane.save();
            return;
        }
        if (flowFile.isShowing()) {
            flowFile.save();
            return;
        }
        if (refinementSkill != null) {
            saveRefinement();
            return;
        }
        if (model.agent().get() == null || saveButton.isDisabled()) {
            return;
        }
        Settings s;
        try {
            s = settings();
        } catch (IllegalArgumentException e) {
            return;
        }
        model.save(editedPrompt(), noteField.getText(), s, this::fill);
    }

    private void revert() {
        PromptVersion v = historyList.getSelectionModel().getSelectedItem();
        Agent a = model.agent().get();
        if (v == null || a == null) {
            return;
        }
        String unsaved = dirty() ? " Your unsaved edits are discarded." : "";
        if (context.dialogs()
                .confirm(
                        "Revert to version " + v.version() + "?",
                        "The prompt of " + a.name()
                                + " becomes version " + v.version()
                                + "'s text again, saved as a new version; no version is lost."
                                + unsaved,
                        "Revert")) {
            model.revert(v.version(), this::fill);
        }
    }

    private void tryOnSeed() {
        if (model.agent().get() == null) {
            return;
        }
        trial.tryOnSeed(
                model.skill().get(), model.agent().get(), editedPrompt(), seedBox.getValue(), trialEndpoint.getValue());
    }
}
