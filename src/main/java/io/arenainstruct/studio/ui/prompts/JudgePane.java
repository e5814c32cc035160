package io.arenainstruct.studio.ui.prompts;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextFlow;
import javafx.util.StringConverter;

import io.arenainstruct.studio.domain.arena.JudgeAgent;
import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.domain.flow.PromptVersion;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.arena.JudgeRequests;
import io.arenainstruct.studio.service.arena.JudgeTrials.BattleChoice;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.common.Controls;
import io.arenainstruct.studio.ui.common.LiveReply;
import io.arenainstruct.studio.ui.common.LongText;
import io.arenainstruct.studio.ui.common.ReadOnlyText;
import io.arenainstruct.studio.ui.prompts.PromptsViewModel.Comparison;

/**
 * The arena judges' pane of Agents &amp; Prompts, shown when a judge (or the "Arena judges" group) is chosen in the
 * tree: the judge's style and what it sees, its two prompts with the variables it is given, saved as versions with
 * a note; its versions with a diff and revert; and "Try on a battle", which plays the judge as edited on a battle in
 * one or two games and shows each request, reply and verdict, and the combined verdict.
 */
final class JudgePane {
    private static final String EVERY_MODEL = "";

    private final AppContext context;
    private final JudgesViewModel model;
    private final JudgeTryViewModel trial;
    private final SplitPane root;
    private final TabPane right;
    private final Tab versionsTab = new Tab("Versions");

    private final Label title = new Label("Choose a judge");
    private final Label description = new Label();
    private final Label style = new Label();
    private final Label reference = new Label();
    private final Label structured = new Label();
    private final Label settings = new Label();
    private final TextArea systemArea = new TextArea();
    private final TextArea userArea = new TextArea();
    private final ListView<String> variables = new ListView<>();
    private final Label problems = new Label();
    private final TextField noteField = new TextField();
    private final Button saveButton = new Button("Save");
    private final VBox editor = new VBox(8);

    private final ListView<PromptVersion> historyList = new ListView<>();
    private final Label diffTitle = new Label();
    private final TextFlow diff = new TextFlow();

    private final ComboBox<String> battleModel = new ComboBox<>();
    private final ListView<BattleChoice> battleList = new ListView<>();
    private final ComboBox<Endpoint> endpointBox = new ComboBox<>();
    private final CheckBox bothGames = new CheckBox("Game 2 too (answers swapped)");
    private final Label combined = new Label();

    private TextArea lastEditor = systemArea;
    private boolean filling;
    private boolean loaded;

    /** {@code endpoints}: those Try offers (the dry run among them), as the area reads them. */
    JudgePane(AppContext context, ObservableList<Endpoint> endpoints) {
        this.context = context;
        this.model =
                new JudgesViewModel(context.workspace().arena().judges(), context.taskExecutor(), context.dialogs());
        this.trial = new JudgeTryViewModel(
                context.workspace().judgeTrials(),
                context.workspace().gateway(),
                context.taskExecutor(),
                context.dialogs());
        model.notice().addListener((obs, o, n) -> {
            if (!n.isEmpty()) {
                context.notice().set(n);
            }
        });
        // Try gets the whole height of a 700 px window; the versions are a tab away (Ctrl+Shift+H).
        Tab tryTab = new Tab("Try on a battle", tryPane(endpoints));
        tryTab.setId("judge-try-tab");
        versionsTab.setContent(historyPane());
        versionsTab.setId("judge-versions-tab");
        right = new TabPane(tryTab, versionsTab);
        right.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Node left = editorPane();
        root = new SplitPane(left, right);
        root.setId("judge-pane");
        root.setDividerPositions(0.5);
        ((Region) left).setMinWidth(260);
        right.setMinWidth(260);
        root.setVisible(false);
        fill(null);
    }

    Node node() {
        return root;
    }

    /** Reads the judges; {@code then} runs once they are there (the tree lists them). */
    void load(Runnable then) {
        model.load(then);
    }

    List<JudgeAgent> judges() {
        return model.judges();
    }

    /** Shows the pane with a judge (null: the group, no judge chosen yet); hides it with {@link #hide()}. */
    void show(String judgeId) {
        root.setVisible(true);
        if (!loaded) {
            loaded = true;
            trial.load(null);
        }
        if (judgeId == null) {
            model.clearSelection();
            fill(null);
        } else {
            model.select(judgeId, this::fill);
        }
    }

    void hide() {
        root.setVisible(false);
        model.clearSelection();
        fill(null);
    }

    boolean isShowing() {
        return root.isVisible();
    }

    /** The area is shown again: battles may have been made meanwhile. */
    void refresh() {
        if (loaded) {
            trial.load(battleModel.getValue());
        }
    }

    JudgeAgent judge() {
        return model.judge().get();
    }

    boolean running() {
        return trial.running().get();
    }

    void close() {
        trial.close();
        model.close();
    }

    // ------------------------------------------------------------------------------------------ layout

    private Node editorPane() {
        title.getStyleClass().add("title-4");
        title.setId("judge-title");
        description.setId("judge-description");
        description.setWrapText(true);
        for (Label l : List.of(style, reference, structured, settings)) {
            l.setWrapText(true);
        }
        style.setId("judge-style");
        reference.setId("judge-reference");
        structured.setId("judge-structured");
        settings.setId("judge-settings");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.getStyleClass().add("form-grid");
        grid.addRow(0, new Label("Verdict"), style);
        grid.addRow(1, new Label("Reference"), reference);
        grid.addRow(2, new Label("Structured"), structured);
        grid.addRow(3, new Label("Settings"), settings);
        Controls.labelledColumns(grid);

        template(systemArea, "judge-system", "The judge's system prompt: how it judges and how it gives its verdict");
        template(userArea, "judge-user", "The user message: the question and both answers, as {{variables}}");
        systemArea.setPrefRowCount(10);
        userArea.setPrefRowCount(8);

        variables.setId("judge-variables");
        variables.getItems().setAll(JudgeRequests.VARIABLES.keySet());
        variables.setPrefHeight(150);
        variables.setTooltip(new Tooltip("The variables a judge is given: click one, or press Enter, to insert it at"
                + " the cursor (Ctrl+I comes here)"));
        variables.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(String name, boolean empty) {
                super.updateItem(name, empty);
                setText(empty || name == null ? null : "{{" + name + "}} · " + JudgeRequests.VARIABLES.get(name));
            }
        });
        variables.setOnMouseClicked(e -> insertVariable());
        variables.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && !e.isShortcutDown()) {
                insertVariable();
                e.consume();
            }
        });

        problems.setId("judge-problems");
        problems.setWrapText(true);
        problems.getStyleClass().addAll("inline-status", "problem");
        noteField.setId("judge-note");
        noteField.setPromptText("What changed (optional, kept with the version)");
        noteField.setTooltip(new Tooltip("A note kept with the new version; Ctrl+S saves"));
        saveButton.setId("judge-save");
        saveButton.setTooltip(new Tooltip("Save the prompt as the judge's next version (Ctrl+S)"));
        saveButton.setOnAction(e -> save());
        saveButton.setMinWidth(Region.USE_PREF_SIZE);
        HBox saveRow = new HBox(8, noteField, saveButton);
        HBox.setHgrow(noteField, Priority.ALWAYS);
        saveRow.setAlignment(Pos.CENTER_LEFT);

        editor.getChildren()
                .addAll(
                        title,
                        description,
                        grid,
                        PromptsView.section("System prompt"),
                        systemArea,
                        PromptsView.section("User message"),
                        userArea,
                        PromptsView.section("Variables"),
                        variables,
                        problems,
                        saveRow);
        editor.setPadding(new Insets(8));
        editor.getStyleClass().add("prompt-editor");
        ScrollPane scroll = new ScrollPane(editor);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private void template(TextArea area, String id, String tooltip) {
        area.setId(id);
        LongText.wrapUnlessShaped(area);
        area.getStyleClass().add("template-editor");
        area.setTooltip(new Tooltip(tooltip));
        area.focusedProperty().addListener((obs, o, focused) -> {
            if (focused) {
                lastEditor = area;
            }
        });
        area.textProperty().addListener((obs, o, n) -> check());
    }

    private Node historyPane() {
        historyList.setId("judge-history");
        historyList.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        historyList.setItems(model.history());
        historyList.setPrefHeight(160);
        historyList.setMinHeight(100);
        historyList.setTooltip(
                new Tooltip("The judge's saved versions (Ctrl+Shift+H): choose one to see what it changed,"
                        + " two (Ctrl+click) to compare them"));
        historyList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(PromptVersion v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : PromptVersionText.label(v));
            }
        });
        historyList.getSelectionModel().getSelectedItems().addListener((ListChangeListener<PromptVersion>)
                c -> showDiff());
        diffTitle.setId("judge-diff-title");
        diffTitle.setWrapText(true);
        diffTitle.setMinHeight(Region.USE_PREF_SIZE);
        diffTitle.getStyleClass().add("inline-status");
        diff.setId("judge-diff");
        diff.getStyleClass().add("diff-text");
        ScrollPane diffScroll = new ScrollPane(diff);
        diffScroll.setFitToWidth(true);
        Button revert = Controls.button(
                "Revert to this version",
                "Make the chosen version the newest again, as a new version (Ctrl+Shift+R)",
                this::revert);
        revert.setId("judge-revert");
        revert.disableProperty()
                .bind(historyList.getSelectionModel().selectedItemProperty().isNull());
        VBox box = new VBox(8, historyList, revert, diffTitle, diffScroll);
        VBox.setVgrow(diffScroll, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return scrolled(box);
    }

    private Node tryPane(ObservableList<Endpoint> endpoints) {
        battleModel.setId("judge-battle-model");
        battleModel.setMaxWidth(Double.MAX_VALUE);
        battleModel.setTooltip(new Tooltip("Only the battles this model plays in"));
        battleModel.getItems().setAll(EVERY_MODEL);
        battleModel.setValue(EVERY_MODEL);
        battleModel.setConverter(new StringConverter<>() {
            @Override
            public String toString(String m) {
                return m == null || m.isEmpty() ? "every model" : m;
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        trial.models().addListener((ListChangeListener<String>) c -> {
            String chosen = battleModel.getValue();
            List<String> all = new ArrayList<>();
            all.add(EVERY_MODEL);
            all.addAll(trial.models());
            battleModel.getItems().setAll(all);
            battleModel.setValue(all.contains(chosen) ? chosen : EVERY_MODEL);
        });
        battleModel.valueProperty().addListener((obs, o, n) -> {
            if (n != null && loaded && !n.equals(o)) {
                trial.showBattles(n);
            }
        });

        battleList.setId("judge-battles");
        battleList.setItems(trial.battles());
        battleList.setPrefHeight(120);
        battleList.setMinHeight(100);
        battleList.setPlaceholder(new Label("No battles"));
        battleList.setTooltip(new Tooltip("The battle to judge: its instruction, then its two models"));
        battleList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(BattleChoice b, boolean empty) {
                super.updateItem(b, empty);
                // Wrapped to the list's width: the models at the end of a name stay in sight.
                setPrefWidth(0);
                setWrapText(true);
                setText(empty || b == null ? null : LongText.visible(b.name()));
            }
        });
        trial.battles().addListener((ListChangeListener<BattleChoice>) c -> {
            if (!trial.battles().isEmpty() && battleList.getSelectionModel().getSelectedItem() == null) {
                battleList.getSelectionModel().select(0);
            }
        });
        Label page = new Label();
        page.setId("judge-battle-page");
        page.getStyleClass().add("inline-status");
        page.textProperty().bind(trial.pageText());
        Button previous = Controls.button("Previous", "The battles before these", trial::previousPage);
        previous.setId("judge-battles-previous");
        previous.disableProperty().bind(trial.hasPrevious().not());
        Button next = Controls.button("Next", "The battles after these", trial::nextPage);
        next.setId("judge-battles-next");
        next.disableProperty().bind(trial.hasNext().not());
        FlowPane paging = new FlowPane(8, 6, previous, next, page);
        paging.setAlignment(Pos.CENTER_LEFT);

        endpointBox.setId("judge-endpoint");
        endpointBox.setItems(endpoints);
        endpointBox.setMaxWidth(Double.MAX_VALUE);
        endpointBox.setTooltip(new Tooltip("The judge's endpoint; the dry run only shows what would be sent"));
        endpointBox.setConverter(new StringConverter<>() {
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
        endpoints.addListener((ListChangeListener<Endpoint>) c -> {
            if (endpointBox.getValue() == null && !endpoints.isEmpty()) {
                endpointBox.setValue(endpoints.get(0));
            }
        });
        if (!endpoints.isEmpty()) {
            endpointBox.setValue(endpoints.get(0));
        }
        bothGames.setId("judge-both-games");
        bothGames.setSelected(true);
        bothGames.setWrapText(true);
        bothGames.setTooltip(new Tooltip("A judging job plays every battle twice, the answers swapped in game 2;"
                + " without it only game 1 is played"));

        Button tryButton = Controls.button(
                "Try on the battle",
                "Play the judge, as edited (saved or not), on the chosen battle (Ctrl+Enter)",
                this::tryOnBattle);
        tryButton.setId("judge-try");
        tryButton
                .disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> model.judge().get() == null
                                || trial.running().get()
                                || battleList.getSelectionModel().getSelectedItem() == null
                                || endpointBox.getValue() == null,
                        model.judge(),
                        trial.running(),
                        battleList.getSelectionModel().selectedItemProperty(),
                        endpointBox.valueProperty()));
        Button stop = Controls.button("Stop", "Stop both games; what arrived stays (Esc)", trial::cancel);
        stop.setId("judge-stop");
        stop.disableProperty().bind(trial.running().not());
        FlowPane buttons = new FlowPane(8, 6, tryButton, stop);

        combined.setId("judge-combined");
        combined.setWrapText(true);
        combined.setMinHeight(Region.USE_PREF_SIZE);
        combined.getStyleClass().add("form-section");
        combined.textProperty().bind(trial.combined());

        TabPane games = new TabPane(game(trial.game1(), "game1", "Game 1"), game(trial.game2(), "game2", "Game 2"));
        games.setId("judge-games");
        games.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        games.setMinHeight(260);
        VBox.setVgrow(games, Priority.ALWAYS);

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, new Label("Model"), battleModel);
        grid.add(new Label("Endpoint"), 0, 1);
        grid.add(endpointBox, 1, 1);
        Controls.labelledColumns(grid);
        VBox box = new VBox(8, grid, battleList, paging, bothGames, buttons, combined, games);
        box.setPadding(new Insets(8));
        box.getStyleClass().add("try-prompt");
        return scrolled(box);
    }

    /** One game's tab: the rendered request, the reply as plain text, its status and the verdict read from it. */
    private Tab game(JudgeTryViewModel.Game game, String id, String name) {
        TextArea requestArea = new TextArea();
        requestArea.setId("judge-" + id + "-request");
        requestArea.setPromptText("The request the judge is sent appears here");
        LongText.wrapUnlessShaped(requestArea);
        requestArea.setPrefRowCount(5);
        ReadOnlyText request = new ReadOnlyText(requestArea);
        request.setMinHeight(80);
        game.rendered().addListener((obs, o, n) -> request.setText(n));
        TextArea replyArea = new TextArea();
        replyArea.setId("judge-" + id + "-reply");
        replyArea.setPrefRowCount(6);
        ReadOnlyText reply = new ReadOnlyText(replyArea);
        reply.setMinHeight(90);
        Label status = new Label();
        status.setId("judge-" + id + "-status");
        LiveReply.show(reply, status, game.output(), game.status(), game.state());
        Label verdict = new Label();
        verdict.setId("judge-" + id + "-verdict");
        verdict.setWrapText(true);
        verdict.setMinHeight(Region.USE_PREF_SIZE);
        verdict.textProperty().bind(game.verdict());
        // The verdict first: in a 700 px window it is in sight without scrolling.
        VBox box = new VBox(6, verdict, status, new Label("Request"), request, new Label("Reply"), reply);
        VBox.setVgrow(reply, Priority.ALWAYS);
        box.setPadding(new Insets(6, 0, 0, 0));
        Tab tab = new Tab(name, box);
        tab.setId("judge-" + id + "-tab");
        return tab;
    }

    private static ScrollPane scrolled(Region content) {
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("edge-to-edge");
        return scroll;
    }

    // ------------------------------------------------------------------------------------------ content

    /** Shows a judge as stored (null: none chosen). */
    private void fill(JudgeAgent j) {
        filling = true;
        try {
            editor.setDisable(j == null);
            if (j == null) {
                title.setText("Choose a judge on the left");
                description.setText("Judges compare two answers to one instruction in the arena. Their prompts are"
                        + " versioned like every agent's; a judging job names the version each verdict came from.");
                style.setText("");
                reference.setText("");
                structured.setText("");
                settings.setText("");
                systemArea.setText("");
                userArea.setText("");
            } else {
                title.setText(j.name() + " · version " + j.version());
                description.setText(j.description());
                style.setText(JudgesViewModel.style(j.style()));
                reference.setText(
                        j.useReference()
                                ? "sees the instruction's reference answer when it has one ({{reference_block}})"
                                : "never sees a reference answer");
                structured.setText(
                        switch (j.structured()) {
                            case AUTO ->
                                "auto: asks for its verdict as JSON where the endpoint enforces a schema"
                                        + " (OpenAI, OpenAI-compatible, Ollama), else reads it from the text";
                            case ALWAYS ->
                                "always: asks for its verdict as JSON (in words where the endpoint"
                                        + " enforces no schema)";
                            case NEVER -> "never: the verdict is read from the reply's text";
                        });
                settings.setText("temperature "
                        + (j.temperature() == null ? "the endpoint's" : j.temperature())
                        + " · at most "
                        + (j.maxTokens() == null ? "the endpoint's" : j.maxTokens())
                        + " tokens (set in arena/judges.yaml)");
                systemArea.setText(j.prompt().system());
                userArea.setText(j.prompt().user());
            }
            noteField.setText("");
        } finally {
            filling = false;
        }
        check();
        showDiff();
    }

    private void check() {
        if (filling) {
            return;
        }
        if (model.judge().get() == null) {
            problems.setText("");
            saveButton.setDisable(true);
            return;
        }
        List<String> found = JudgesViewModel.problems(systemArea.getText(), userArea.getText());
        problems.setText(String.join("\n", found));
        saveButton.setDisable(!found.isEmpty() || !dirty());
    }

    private Prompt edited() {
        return new Prompt(systemArea.getText(), userArea.getText());
    }

    boolean dirty() {
        JudgeAgent j = model.judge().get();
        return j != null && !j.prompt().equals(edited());
    }

    private void showDiff() {
        Comparison c = model.compare(historyList.getSelectionModel().getSelectedItems());
        diffTitle.setText(c.title());
        diff.getChildren().setAll(PromptVersionText.diff(c));
    }

    // ------------------------------------------------------------------------------------------ actions

    void focusVariables() {
        variables.requestFocus();
    }

    void focusHistory() {
        right.getSelectionModel().select(versionsTab);
        historyList.requestFocus();
    }

    private void insertVariable() {
        String name = variables.getSelectionModel().getSelectedItem();
        if (name == null || model.judge().get() == null) {
            return;
        }
        lastEditor.replaceSelection("{{" + name + "}}");
        lastEditor.requestFocus();
    }

    void save() {
        if (model.judge().get() == null || !dirty()) {
            return;
        }
        // Refused prompts are not sent: the reasons are on the form already, and the view model says them again.
        model.save(edited(), noteField.getText(), problems::setText, this::fill);
    }

    void revert() {
        PromptVersion v = historyList.getSelectionModel().getSelectedItem();
        JudgeAgent j = model.judge().get();
        if (v == null || j == null) {
            return;
        }
        String unsaved = dirty() ? " Your unsaved edits are discarded." : "";
        if (context.dialogs()
                .confirm(
                        "Revert to version " + v.version() + "?",
                        "The prompt of " + j.name() + " becomes version " + v.version()
                                + "'s text again, saved as a new version; no version is lost." + unsaved,
                        "Revert")) {
            model.revert(v.version(), this::fill);
        }
    }

    void tryOnBattle() {
        trial.tryOn(
                model.judge().get(),
                edited(),
                battleList.getSelectionModel().getSelectedItem(),
                endpointBox.getValue(),
                bothGames.isSelected());
    }

    void cancel() {
        trial.cancel();
    }
}
