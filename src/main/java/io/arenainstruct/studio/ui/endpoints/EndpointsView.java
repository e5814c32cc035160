package io.arenainstruct.studio.ui.endpoints;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;
import javafx.util.StringConverter;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.llm.EndpointService;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.common.Controls;
import io.arenainstruct.studio.ui.common.LiveReply;
import io.arenainstruct.studio.ui.common.LiveReply.State;
import io.arenainstruct.studio.ui.common.ReadOnlyText;
import io.arenainstruct.studio.ui.endpoints.EndpointForm.Field;
import io.arenainstruct.studio.ui.shell.ModelAreaView;

/**
 * The Endpoints area: the list of endpoints, a form to add or edit one (with model discovery, the key's
 * source and a connection test), and a box to try a prompt with the reply streamed live.
 */
public final class EndpointsView extends ModelAreaView<EndpointsViewModel> {
    private static final KeyCombination NEW = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination SAVE = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination TEST = new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination SEND = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination CANCEL = new KeyCodeCombination(KeyCode.ESCAPE);
    private static final KeyCombination DELETE = new KeyCodeCombination(KeyCode.DELETE);
    private static final String FIELD_ERROR = "field-error";

    private final AppContext context;
    private final ListView<Endpoint> list = new ListView<>();

    private final Label formTitle = new Label();
    private final ComboBox<EndpointService.Preset> preset = new ComboBox<>();
    private final TextField nameField = new TextField();
    private final ComboBox<Provider> providerBox = new ComboBox<>();
    private final TextField baseUrlField = new TextField();
    private final ComboBox<String> modelBox = new ComboBox<>();
    private final Label modelsStatus = new Label();
    private final TextField keyEnvField = new TextField();
    private final Label keySource = new Label();
    private final TextField maxConcurrentField = new TextField();
    private final TextField rpmField = new TextField();
    private final TextField tpmField = new TextField();
    private final TextField timeoutField = new TextField();
    private final TextField temperatureField = new TextField();
    private final TextField maxTokensField = new TextField();
    private final TextField seedField = new TextField();
    private final TextField priceInField = new TextField();
    private final TextField priceOutField = new TextField();
    private final Label priceSection = new Label();
    private final Label problem = new Label();
    private final Label testResult = new Label();
    private final Map<Field, Control> fields = new EnumMap<>(Field.class);

    private final TextArea promptArea = new TextArea();
    private final TextArea replyArea = new TextArea();
    private final ReadOnlyText replyAreaText = new ReadOnlyText(replyArea);
    private final CheckBox freshBox = new CheckBox("Skip the cache");
    private final Label streamStatus = new Label();

    private final PauseTransition keyDelay = new PauseTransition(Duration.millis(250));
    private final EndpointFormModel form;
    private boolean revertingSelection;

    public EndpointsView(AppContext context) {
        super(
                "endpoints-area",
                new EndpointsViewModel(
                        context.workspace().endpoints(),
                        context.workspace().gateway(),
                        context.taskExecutor(),
                        context.dialogs()),
                EndpointsViewModel::close);
        this.context = context;
        this.form = model.form();
        root.setTop(toolbar());
        Node formNode = formPane();
        SplitPane split = new SplitPane(listPane(), formNode, tryPane());
        split.setDividerPositions(0.15, 0.66);
        // The form keeps room for its label-field pairs in a 1024 px window; the prompt pane gives way.
        ((Region) formNode).setMinWidth(470);
        root.setCenter(split);
        model.notice().addListener((obs, o, n) -> context.notice().set(n));
        // Esc reaches the area even while the curator types in the prompt.
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && model.streamState().get() == State.STREAMING) {
                model.cancelStream();
                e.consume();
            }
        });
        keyDelay.setOnFinished(e -> model.describeKeySource(form.probe()));
        form.onKeyInputsEdited(keyDelay::playFromStart);
        model.newEndpoint();
    }

    @Override
    public void shown() {
        if (firstShowing()) {
            model.load(null, found -> {
                if (!model.endpoints().isEmpty() && !form.dirty().get()) {
                    list.getSelectionModel().selectFirst();
                }
            });
        }
        if (model.endpoints().isEmpty()) {
            nameField.requestFocus();
        } else {
            list.requestFocus();
        }
    }

    @Override
    public void close() {
        // A key lookup still waiting would be sent to an executor that is closing.
        keyDelay.stop();
        super.close();
    }

    @Override
    public Map<KeyCombination, Runnable> shortcuts() {
        return Map.of(
                NEW,
                this::newEndpoint,
                SAVE,
                this::save,
                TEST,
                this::testConnection,
                SEND,
                this::send,
                CANCEL,
                model::cancelStream,
                DELETE,
                () -> {
                    if (list.isFocused()) {
                        delete();
                    }
                });
    }

    // ------------------------------------------------------------------------------------------ layout

    private Node toolbar() {
        Button add = Controls.button("New endpoint", "Start a new endpoint in the form (Ctrl+N)", this::newEndpoint);
        add.setId("new-endpoint");
        Button delete = Controls.button(
                "Delete",
                "Delete the selected endpoint; its calls stay in the call ledger" + " (Delete in the list)",
                this::delete);
        delete.setId("delete-endpoint");
        delete.disableProperty()
                .bind(list.getSelectionModel().selectedItemProperty().isNull());
        Label keys = new Label(
                "Ctrl+S saves · Ctrl+T tests the connection · Ctrl+Enter sends the prompt" + " · Esc stops it");
        keys.getStyleClass().add("inline-status");
        for (Control c : List.of(add, delete)) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        return Controls.toolbar(add, delete, new Separator(Orientation.VERTICAL), keys);
    }

    private Node listPane() {
        list.setId("endpoint-list");
        list.setItems(model.endpoints());
        Label empty = new Label("No endpoints yet. Fill in the form and Save (Ctrl+S).");
        empty.setWrapText(true);
        empty.setTextAlignment(TextAlignment.CENTER);
        empty.setPadding(new Insets(12));
        list.setPlaceholder(empty);
        list.setCellFactory(l -> new ListCell<>() {
            private final Label name = new Label();
            private final Label detail = new Label();
            private final VBox box = new VBox(2, name, detail);

            {
                name.getStyleClass().add("endpoint-name");
                detail.getStyleClass().add("endpoint-detail");
                box.getStyleClass().add("endpoint-cell");
            }

            @Override
            protected void updateItem(Endpoint e, boolean empty) {
                super.updateItem(e, empty);
                if (empty || e == null) {
                    setGraphic(null);
                    setText(null);
                    setTooltip(null);
                } else {
                    name.setText(e.name());
                    detail.setText(EndpointForm.shortProviderLabel(e.provider()) + " · " + e.model());
                    setText(null);
                    setGraphic(box);
                    setTooltip(new Tooltip(e.name() + "\n" + EndpointForm.providerLabel(e.provider())
                            + (e.baseUrl().isEmpty() ? "" : " at " + e.baseUrl()) + "\nmodel " + e.model()));
                }
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, selected) -> {
            if (revertingSelection
                    || selected == null
                    || Objects.equals(selected.name(), form.editingName().get())) {
                return;
            }
            if (!model.confirmDiscard()) {
                revertingSelection = true;
                if (old == null) {
                    list.getSelectionModel().clearSelection();
                } else {
                    list.getSelectionModel().select(old);
                }
                revertingSelection = false;
                return;
            }
            model.edit(selected);
        });
        return list;
    }

    private Node formPane() {
        formTitle.getStyleClass().add("title-4");
        formTitle.setId("endpoint-form-title");
        formTitle.textProperty().bind(form.title());

        preset.setId("endpoint-preset");
        preset.getItems().setAll(EndpointService.PRESETS);
        preset.setConverter(new StringConverter<>() {
            @Override
            public String toString(EndpointService.Preset p) {
                return p == null ? "" : p.label();
            }

            @Override
            public EndpointService.Preset fromString(String s) {
                return EndpointService.PRESETS.stream()
                        .filter(p -> p.label().equals(s))
                        .findFirst()
                        .orElse(null);
            }
        });
        preset.setPromptText("Custom");
        preset.setMaxWidth(Double.MAX_VALUE);
        preset.setTooltip(new Tooltip("Fills in the provider and the usual address of a known server"));
        preset.valueProperty().bindBidirectional(form.preset());

        nameField.setId("endpoint-name");
        nameField.textProperty().bindBidirectional(form.name());
        nameField.setPromptText("e.g. ollama-llama3");
        nameField.setTooltip(new Tooltip("A short name to pick this endpoint by: letters, digits, '.', '_' or '-'"));

        providerBox.setId("endpoint-provider");
        providerBox.getItems().setAll(Provider.values());
        providerBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Provider p) {
                return p == null ? "" : EndpointForm.providerLabel(p);
            }

            @Override
            public Provider fromString(String s) {
                return null;
            }
        });
        providerBox.setMaxWidth(Double.MAX_VALUE);
        // The chosen provider in a word or two, so the box fits a narrow form; the list shows the long names.
        providerBox.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(Provider p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : EndpointForm.shortProviderLabel(p));
            }
        });
        providerBox.setMinWidth(Region.USE_PREF_SIZE);
        providerBox.setTooltip(new Tooltip("Which wire format the server speaks"));
        providerBox.valueProperty().bindBidirectional(form.provider());

        baseUrlField.setId("endpoint-base-url");
        baseUrlField.textProperty().bindBidirectional(form.baseUrl());
        baseUrlField.setPromptText("http://localhost:11434");
        baseUrlField.setTooltip(new Tooltip("The server's address; OpenAI-compatible servers usually end in /v1"));

        modelBox.setId("endpoint-model");
        modelBox.setEditable(true);
        modelBox.setItems(model.discoveredModels());
        // The editor's text is the model as typed; the value only follows once an edit is committed.
        modelBox.getEditor().textProperty().bindBidirectional(form.model());
        form.model().addListener((obs, o, n) -> {
            if (!modelBox.getEditor().isFocused() && !Objects.equals(modelBox.getValue(), n)) {
                modelBox.setValue(n);
            }
        });
        modelBox.setMaxWidth(Double.MAX_VALUE);
        modelBox.setPromptText("type a model name, or Find models");
        modelBox.setTooltip(new Tooltip("The model's name on the server, e.g. llama3.2 or gpt-4o-mini"));
        Button findModels = Controls.button(
                "Find models", "Ask the server which models it has", () -> model.findFormModels(this::pointAt));
        findModels.setId("find-models");
        findModels.setMinWidth(Region.USE_PREF_SIZE);
        findModels.disableProperty().bind(model.findingModels());
        HBox modelRow = new HBox(6, modelBox, findModels);
        HBox.setHgrow(modelBox, Priority.ALWAYS);
        modelsStatus.setId("models-status");
        modelsStatus.setWrapText(true);
        modelsStatus.textProperty().bind(model.modelsStatus());
        model.modelsFailed().addListener((obs, o, failed) -> Controls.styleIf(modelsStatus, "problem", failed));
        modelsStatus.getStyleClass().add("inline-status");

        keyEnvField.setId("endpoint-key-env");
        keyEnvField.textProperty().bindBidirectional(form.keyEnv());
        keyEnvField.setPromptText("e.g. OPENAI_API_KEY");
        keyEnvField.setTooltip(new Tooltip("The environment variable that holds the API key. The key itself is never"
                + " stored or shown. Without a variable, the key is read from "
                + context.workspace().endpoints().keys().secretsFile() + " (endpoint.NAME=key)"));
        keySource.setId("key-source");
        keySource.setWrapText(true);
        keySource.getStyleClass().add("inline-status");
        keySource.textProperty().bind(model.keySource());

        maxConcurrentField.setId("endpoint-max-concurrent");
        maxConcurrentField.textProperty().bindBidirectional(form.maxConcurrent());
        maxConcurrentField.setTooltip(new Tooltip("Requests in flight at once (1 or more)"));
        rpmField.setId("endpoint-rpm");
        rpmField.textProperty().bindBidirectional(form.requestsPerMinute());
        rpmField.setTooltip(new Tooltip("Requests per minute; 0 means no limit"));
        tpmField.setId("endpoint-tpm");
        tpmField.textProperty().bindBidirectional(form.tokensPerMinute());
        tpmField.setTooltip(new Tooltip("Tokens per minute, prompt and reply together; 0 means no limit"));
        timeoutField.setId("endpoint-timeout");
        timeoutField.textProperty().bindBidirectional(form.timeoutSeconds());
        timeoutField.setTooltip(new Tooltip("Seconds to wait for an answer before giving up"));
        temperatureField.setId("endpoint-temperature");
        temperatureField.textProperty().bindBidirectional(form.temperature());
        temperatureField.setPromptText("default");
        temperatureField.setTooltip(new Tooltip("0 to 2; blank uses the model's default"));
        maxTokensField.setId("endpoint-max-tokens");
        maxTokensField.textProperty().bindBidirectional(form.maxTokens());
        maxTokensField.setPromptText("default");
        maxTokensField.setTooltip(new Tooltip("The longest reply in tokens; blank uses the model's default"));
        seedField.setId("endpoint-seed");
        seedField.textProperty().bindBidirectional(form.seed());
        seedField.setPromptText("none");
        seedField.setTooltip(new Tooltip(
                "A fixed seed makes sampling repeatable where the server supports it;" + " blank for none"));
        priceInField.setId("price-in");
        priceInField.textProperty().bindBidirectional(form.priceIn());
        priceInField.setPromptText("no price");
        priceInField.setTooltip(new Tooltip("What a million prompt tokens of this model cost, in your currency;"
                + " used for cost figures in the call ledger. The price belongs to the model, whichever endpoint"
                + " calls it; blank: no cost figures for it"));
        priceOutField.setId("price-out");
        priceOutField.textProperty().bindBidirectional(form.priceOut());
        priceOutField.setPromptText("no price");
        priceOutField.setTooltip(new Tooltip("What a million reply tokens of this model cost, in your currency"));
        priceSection.getStyleClass().add("form-section");
        priceSection.textProperty().bind(form.priceHeading());

        fields.put(Field.NAME, nameField);
        fields.put(Field.PROVIDER, providerBox);
        fields.put(Field.BASE_URL, baseUrlField);
        fields.put(Field.MODEL, modelBox);
        fields.put(Field.KEY_ENV, keyEnvField);
        fields.put(Field.MAX_CONCURRENT, maxConcurrentField);
        fields.put(Field.RPM, rpmField);
        fields.put(Field.TPM, tpmField);
        fields.put(Field.TIMEOUT, timeoutField);
        fields.put(Field.TEMPERATURE, temperatureField);
        fields.put(Field.MAX_TOKENS, maxTokensField);
        fields.put(Field.SEED, seedField);
        fields.put(Field.PRICE_IN, priceInField);
        fields.put(Field.PRICE_OUT, priceOutField);

        // One grid, two label-field pairs per row where fields are short, so the whole form fits a laptop
        // screen; it scrolls in smaller windows, while Save, Test and their messages stay in view below it.
        GridPane grid = grid();
        int row = 0;
        wide(grid, row++, "Name", nameField, nameField);
        wide(grid, row++, "Provider", providerBox, providerBox);
        wide(grid, row++, "Base URL", baseUrlField, baseUrlField);
        wide(grid, row++, "Model", modelBox, modelRow);
        grid.add(modelsStatus, 1, row++, 3, 1);
        wide(grid, row++, "API key variable", keyEnvField, keyEnvField);
        grid.add(keySource, 1, row++, 3, 1);
        grid.add(section("Limits (0: no limit)"), 0, row++, 4, 1);
        grid.addRow(
                row++,
                label("Max concurrent", maxConcurrentField),
                maxConcurrentField,
                label("Timeout (seconds)", timeoutField),
                timeoutField);
        grid.addRow(
                row++,
                label("Requests per minute", rpmField),
                rpmField,
                label("Tokens per minute", tpmField),
                tpmField);
        grid.add(section("Defaults for every call (blank: the model's own)"), 0, row++, 4, 1);
        grid.addRow(
                row++,
                label("Temperature", temperatureField),
                temperatureField,
                label("Max tokens", maxTokensField),
                maxTokensField);
        grid.addRow(row++, label("Seed", seedField), seedField);
        grid.add(priceSection, 0, row++, 4, 1);
        grid.addRow(row, label("Input", priceInField), priceInField, label("Output", priceOutField), priceOutField);
        // Status lines take no room while empty.
        modelsStatus.managedProperty().bind(modelsStatus.textProperty().isNotEmpty());

        Button save = Controls.button("Save", "Save this endpoint (Ctrl+S)", this::save);
        save.setId("save-endpoint");
        save.setDefaultButton(false);
        // Save stays enabled: a greyed button says nothing, a click (or Ctrl+S) says which field is wrong.
        Button test = Controls.button(
                "Test connection",
                "Send a one-word prompt and show the latency and the reply" + " (Ctrl+T)",
                this::testConnection);
        test.setId("test-connection");
        test.disableProperty().bind(model.testing());
        HBox buttons = new HBox(8, save, test);
        buttons.setAlignment(Pos.CENTER_LEFT);

        problem.setId("endpoint-problem");
        problem.getStyleClass().add("problem");
        problem.setWrapText(true);
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        problem.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> form.shownProblem().get() == null
                                ? ""
                                : form.shownProblem().get().text(),
                        form.shownProblem()));
        form.shownProblem().addListener((obs, o, p) -> {
            fields.values().forEach(f -> f.getStyleClass().remove(FIELD_ERROR));
            Control field = p == null || p.field() == null ? null : fields.get(p.field());
            if (field != null) {
                field.getStyleClass().add(FIELD_ERROR);
            }
        });
        testResult.setId("test-result");
        testResult.setWrapText(true);
        testResult.getStyleClass().add("test-result");
        testResult.textProperty().bind(model.testResult());
        testResult.managedProperty().bind(testResult.textProperty().isNotEmpty());
        model.testOk().addListener((obs, o, ok) -> {
            Controls.styleIf(testResult, "test-ok", Boolean.TRUE.equals(ok));
            Controls.styleIf(testResult, "problem", Boolean.FALSE.equals(ok));
        });

        VBox fieldsBox = new VBox(grid);
        fieldsBox.setPadding(new Insets(4, 8, 8, 8));
        ScrollPane scroll = new ScrollPane(fieldsBox);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        // Tabbing into a field scrolled out of sight brings it into view.
        fields.values()
                .forEach(f -> f.focusWithinProperty().addListener((obs, o, in) -> {
                    if (in) {
                        scrollIntoView(scroll, fieldsBox, f);
                    }
                }));
        VBox actions = new VBox(6, buttons, problem, testResult);
        actions.setPadding(new Insets(8));
        actions.getStyleClass().add("endpoint-actions");
        Label startFrom = label("Preset", preset);
        preset.setMaxWidth(Region.USE_PREF_SIZE);
        preset.setMinWidth(Region.USE_PREF_SIZE);
        formTitle.setMinWidth(Region.USE_PREF_SIZE);
        HBox presetBox = new HBox(8, startFrom, preset);
        presetBox.setAlignment(Pos.CENTER_LEFT);
        // The preset goes below the title when the form is too narrow for both.
        FlowPane titleRow = new FlowPane(16, 4, formTitle, presetBox);
        titleRow.setAlignment(Pos.CENTER_LEFT);
        titleRow.setPadding(new Insets(8, 8, 4, 8));
        BorderPane pane = new BorderPane(scroll, titleRow, null, actions, null);
        pane.getStyleClass().add("endpoint-form");
        return pane;
    }

    private static void scrollIntoView(ScrollPane scroll, Region content, Node node) {
        double contentHeight = content.getHeight();
        double viewHeight = scroll.getViewportBounds().getHeight();
        if (contentHeight <= viewHeight) {
            return;
        }
        Bounds b = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        double top = scroll.getVvalue() * (contentHeight - viewHeight);
        if (b.getMinY() < top) {
            scroll.setVvalue(b.getMinY() / (contentHeight - viewHeight));
        } else if (b.getMaxY() > top + viewHeight) {
            scroll.setVvalue(Math.min(1, (b.getMaxY() - viewHeight) / (contentHeight - viewHeight)));
        }
    }

    private static void wide(GridPane grid, int row, String text, Node labelled, Node field) {
        grid.add(label(text, labelled), 0, row);
        grid.add(field, 1, row, 3, 1);
    }

    private Node tryPane() {
        Label title = new Label("Try a prompt");
        title.getStyleClass().add("title-4");
        Label hint = new Label("Goes to the endpoint as filled in on the left, saved or not, and is recorded in the"
                + " call ledger.");
        hint.setWrapText(true);
        hint.getStyleClass().add("inline-status");

        promptArea.setId("prompt");
        promptArea.setWrapText(true);
        promptArea.setPrefRowCount(6);
        promptArea.setPromptText("Type a prompt; Ctrl+Enter sends it");
        promptArea.setTooltip(new Tooltip("The prompt, sent as one user message (Ctrl+Enter sends)"));
        promptArea.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (SEND.match(e)) {
                send();
                e.consume();
            }
        });
        Button send = Controls.button("Send", "Send the prompt and stream the reply (Ctrl+Enter)", this::send);
        send.setId("send-prompt");
        send.disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> model.streamState().get() == State.STREAMING
                                || promptArea.getText().isBlank(),
                        model.streamState(),
                        promptArea.textProperty()));
        Button cancel = Controls.button("Cancel", "Stop the reply; what arrived stays (Esc)", model::cancelStream);
        cancel.setId("cancel-prompt");
        cancel.disableProperty().bind(model.streamState().isNotEqualTo(State.STREAMING));
        freshBox.setId("prompt-fresh");
        freshBox.setTooltip(new Tooltip("Ask the model again even if this prompt was answered before; without"
                + " this, a prompt asked before with the same settings is answered from the call ledger at no cost"));
        for (Control c : List.of(send, cancel, freshBox)) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        FlowPane buttons = new FlowPane(8, 6, send, cancel, freshBox);
        buttons.setAlignment(Pos.CENTER_LEFT);

        replyArea.setId("prompt-reply");
        streamStatus.setId("prompt-status");
        LiveReply.show(replyAreaText, streamStatus, model.reply(), model.streamStatus(), model.streamState());

        VBox box = new VBox(8, title, hint, promptArea, buttons, replyAreaText, streamStatus);
        VBox.setVgrow(replyAreaText, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        box.getStyleClass().add("try-prompt");
        return box;
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.getStyleClass().add("form-grid");
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setFillWidth(true);
        values.setMinWidth(60); // a number field shows at least five digits
        grid.getColumnConstraints().addAll(labels, values, labels, values);
        return grid;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("form-section");
        return l;
    }

    private static Label label(String text, Node field) {
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        label.setLabelFor(field);
        return label;
    }

    /** Takes the curator to the field a refused action was about (its problem shows below the form). */
    private void pointAt(EndpointForm.Problem p) {
        Control field = p == null || p.field() == null ? null : fields.get(p.field());
        if (field != null) {
            field.requestFocus();
        }
    }

    // ------------------------------------------------------------------------------------------ actions

    private void newEndpoint() {
        if (!model.confirmDiscard()) {
            return;
        }
        revertingSelection = true;
        list.getSelectionModel().clearSelection();
        revertingSelection = false;
        model.newEndpoint();
        Controls.focusAndSelect(nameField);
    }

    private void save() {
        model.saveForm(
                saved -> {
                    revertingSelection = true;
                    list.getSelectionModel().select(saved);
                    revertingSelection = false;
                },
                this::pointAt);
    }

    private void delete() {
        Endpoint selected = list.getSelectionModel().getSelectedItem();
        if (selected == null) {
            return;
        }
        model.confirmDelete(selected);
    }

    private void testConnection() {
        model.testForm(this::pointAt);
    }

    private void send() {
        model.sendForm(promptArea.getText(), freshBox.isSelected(), this::pointAt);
    }
}
