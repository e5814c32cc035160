package io.arenainstruct.studio.ui.refinement;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import io.arenainstruct.studio.domain.provenance.Failure;
import io.arenainstruct.studio.domain.run.CuratorReview;
import io.arenainstruct.studio.domain.run.FinalText;
import io.arenainstruct.studio.domain.run.HumanEdit;
import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.domain.run.InstructionStatus;
import io.arenainstruct.studio.domain.run.Passage;
import io.arenainstruct.studio.domain.run.Review;
import io.arenainstruct.studio.domain.run.Round;
import io.arenainstruct.studio.domain.run.RunSummary;
import io.arenainstruct.studio.domain.run.Stage;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.Navigation;
import io.arenainstruct.studio.ui.common.ColumnText;
import io.arenainstruct.studio.ui.common.Controls;
import io.arenainstruct.studio.ui.common.LongText;
import io.arenainstruct.studio.ui.common.PagedEditor;
import io.arenainstruct.studio.ui.refinement.RefinementViewModel.Shown;
import io.arenainstruct.studio.ui.shell.ModelAreaView;
import io.arenainstruct.studio.ui.shell.UndoSupport;
import io.arenainstruct.studio.ui.task.Subscriptions;

/**
 * The Refinement area: one instruction at a time, its seed, passage, every round's suggestion and edited
 * instruction and the response side by side, with the words each edit added or removed marked; accept a round
 * as final, reject, or edit a text by hand (the model's text stays). Updates while a run refines it.
 */
public final class RefinementView extends ModelAreaView<RefinementViewModel> {
    private static final KeyCombination NEXT = new KeyCodeCombination(KeyCode.DOWN, KeyCombination.ALT_DOWN);
    private static final KeyCombination PREVIOUS = new KeyCodeCombination(KeyCode.UP, KeyCombination.ALT_DOWN);
    private static final KeyCombination NEXT_J = new KeyCodeCombination(KeyCode.J);
    private static final KeyCombination PREVIOUS_K = new KeyCodeCombination(KeyCode.K);
    private static final KeyCombination COLUMN_RIGHT = new KeyCodeCombination(KeyCode.RIGHT, KeyCombination.ALT_DOWN);
    private static final KeyCombination COLUMN_LEFT = new KeyCodeCombination(KeyCode.LEFT, KeyCombination.ALT_DOWN);
    private static final KeyCombination FIRST_COLUMN = new KeyCodeCombination(KeyCode.HOME, KeyCombination.ALT_DOWN);
    private static final KeyCombination RESPONSE_COLUMN = new KeyCodeCombination(KeyCode.END, KeyCombination.ALT_DOWN);
    private static final KeyCombination ACCEPT = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination ACCEPT_A = new KeyCodeCombination(KeyCode.A);
    private static final KeyCombination REJECT =
            new KeyCodeCombination(KeyCode.BACK_SPACE, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REJECT_R = new KeyCodeCombination(KeyCode.R);
    private static final KeyCombination MOVE_ON = new KeyCodeCombination(KeyCode.M);
    private static final KeyCombination EDIT = new KeyCodeCombination(KeyCode.F2);
    private static final KeyCombination EDIT_E = new KeyCodeCombination(KeyCode.E);
    private static final KeyCombination KEEP = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination CANCEL = new KeyCodeCombination(KeyCode.ESCAPE);
    private static final KeyCombination RELOAD = new KeyCodeCombination(KeyCode.F5);
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());
    private static final String ANY_SKILL = "Any skill";
    private static final String ANY_STATUS = "Any status";
    private static final String SELECTED = "selected-round";
    private ScrollPane scroll;

    /** A run in the filter; id null means any run. */
    record RunChoice(Long id, String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * One column: which it is, its title, the model's text, the hand-editable target (null: not editable, or no
     * text yet) and the text its changes are marked against.
     */
    record Column(ColumnKey key, String title, String modelText, String target, String diffBase) {}

    private final AppContext context;
    private final ComboBox<RunChoice> runBox = new ComboBox<>();
    private final ComboBox<String> skillBox = new ComboBox<>();
    private final ComboBox<String> statusBox = new ComboBox<>();
    private final Label position = new Label();
    private final Label status = new Label();
    private final Label provenance = new Label();
    private final Label finalText = new Label();
    private final HBox columnsBox = new HBox(8);
    private final Map<ColumnKey, TitledPane> panes = new HashMap<>();
    private final Map<ColumnKey, PagedEditor> editors = new HashMap<>();
    /** What running jobs do reaches the model through the workspace's job registry, not a timer. */
    private final AutoCloseable jobEvents;

    private List<Column> columns = List.of();
    /** Which column is chosen and whether it is edited: the view model's, the view only shows it. */
    private final ColumnFocus focus;

    private boolean settingFilters;
    /** The E that opened the editor is still down: its typed "e" must not land in the text. */
    private boolean swallowTypedE;

    public RefinementView(AppContext context) {
        super(
                "refinement-area",
                new RefinementViewModel(
                        context.workspace().instructions(),
                        context.workspace().runs(),
                        context.preferences().moveOnAfterDecision(),
                        context.taskExecutor(),
                        context.dialogs()),
                RefinementViewModel::close);
        this.context = context;
        model.notice().addListener((obs, o, n) -> {
            if (!n.isEmpty()) {
                context.notice().set(n);
            }
        });
        this.focus = model.focus();
        VBox top = new VBox(6, filterBar(), statusBar());
        top.setPadding(new Insets(8));
        root.setTop(top);
        columnsBox.setId("refinement-columns");
        columnsBox.getStyleClass().add("refinement-columns");
        columnsBox.setFillHeight(true);
        scroll = new ScrollPane(columnsBox);
        scroll.setId("refinement-scroll");
        scroll.setFitToHeight(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        // A wider or narrower view (the window resized, a scroll bar come or gone as texts fill in) moves the
        // columns under it: bring the chosen one back into view.
        scroll.viewportBoundsProperty().addListener((obs, o, n) -> {
            if (o.getWidth() != n.getWidth()) {
                TitledPane chosen = focus.chosen().map(panes::get).orElse(null);
                if (chosen != null) {
                    Platform.runLater(() -> scrollIntoView(chosen));
                }
            }
        });
        root.setCenter(scroll);
        model.shown().addListener((obs, o, s) -> show(s));
        model.position().addListener((obs, o, p) -> position.setText(p));
        // Moving between instructions and leaving an edit work even while a text has the focus.
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (NEXT.match(e) || PREVIOUS.match(e)) {
                move(NEXT.match(e));
                e.consume();
            } else if (CANCEL.match(e) && focus.isEditing()) {
                cancelEdit();
                e.consume();
            }
        });
        root.addEventFilter(KeyEvent.KEY_TYPED, e -> {
            if (swallowTypedE && e.getCharacter().equalsIgnoreCase("e")) {
                e.consume();
            }
            swallowTypedE = false;
        });
        root.addEventFilter(KeyEvent.KEY_RELEASED, e -> swallowTypedE = false);
        model.showing().bind(root.sceneProperty().isNotNull());
        jobEvents = context.jobEvents().subscribe(model::jobEvent);
        show(null);
    }

    @Override
    public void shown() {
        if (firstShowing()) {
            model.loadChoices();
            model.applyFilter(InstructionFilter.ALL, null);
        } else {
            model.refresh();
            model.pollList(); // a run may have made more instructions while the area was away
        }
        columnsBox.requestFocus();
    }

    @Override
    public Map<KeyCombination, Runnable> shortcuts() {
        Map<KeyCombination, Runnable> keys = new HashMap<>();
        keys.put(NEXT, () -> move(true));
        keys.put(PREVIOUS, () -> move(false));
        keys.put(NEXT_J, () -> move(true));
        keys.put(PREVIOUS_K, () -> move(false));
        keys.put(COLUMN_RIGHT, () -> selectColumn(1));
        keys.put(COLUMN_LEFT, () -> selectColumn(-1));
        keys.put(FIRST_COLUMN, () -> selectColumn(-columns.size()));
        keys.put(RESPONSE_COLUMN, () -> selectColumn(columns.size()));
        keys.put(ACCEPT, this::accept);
        keys.put(ACCEPT_A, this::accept);
        keys.put(REJECT, this::reject);
        keys.put(REJECT_R, this::reject);
        keys.put(EDIT, this::startEdit);
        keys.put(EDIT_E, () -> {
            startEdit();
            swallowTypedE = focus.isEditing();
        });
        keys.put(KEEP, this::keepEdit);
        keys.put(CANCEL, this::cancelEdit);
        keys.put(RELOAD, this::reload);
        keys.put(
                MOVE_ON,
                () -> model.moveOnAfterDecision()
                        .set(!model.moveOnAfterDecision().get()));
        return keys;
    }

    /** From the Instructions area: show this instruction, with the filters cleared so it is among those listed. */
    @Override
    public void open(Object subject) {
        if (subject instanceof Navigation.InstructionSubject s) {
            settingFilters = true;
            try {
                if (!runBox.getItems().isEmpty()) {
                    runBox.setValue(runBox.getItems().get(0));
                }
                skillBox.setValue(ANY_SKILL);
                statusBox.setValue(ANY_STATUS);
            } finally {
                settingFilters = false;
            }
            model.applyFilter(InstructionFilter.ALL, s.id());
        }
    }

    @Override
    public Optional<UndoSupport> undoSupport() {
        return Optional.of(model.undoSupport());
    }

    @Override
    public void close() {
        Subscriptions.close(jobEvents);
        super.close();
    }

    // ------------------------------------------------------------------------------------------ layout

    private Node filterBar() {
        runBox.setId("refinement-run");
        runBox.setTooltip(new Tooltip("Show the instructions of one run (F5 reloads the lists)"));
        runBox.getItems().setAll(new RunChoice(null, "Any run"));
        runBox.setValue(runBox.getItems().get(0));
        model.runs().addListener((ListChangeListener<RunSummary>) c -> {
            settingFilters = true;
            RunChoice kept = runBox.getValue();
            List<RunChoice> choices = new ArrayList<>();
            choices.add(new RunChoice(null, "Any run"));
            for (RunSummary r : model.runs()) {
                choices.add(new RunChoice(
                        r.id(),
                        "Run " + r.id() + " · "
                                + r.config().skills().stream()
                                        .map(model::knownSkillName)
                                        .collect(Collectors.joining(", "))
                                + " · " + (r.createdAt() == null ? "" : DATE.format(r.createdAt()))));
            }
            runBox.getItems().setAll(choices);
            runBox.setValue(choices.stream()
                    .filter(x -> kept != null && Objects.equals(x.id(), kept.id()))
                    .findFirst()
                    .orElse(choices.get(0)));
            settingFilters = false;
        });
        // Long run labels must not squeeze the skill and status filters out of sight.
        runBox.setPrefWidth(220);
        runBox.setMinWidth(120);
        skillBox.setPrefWidth(170);
        skillBox.setMinWidth(120);
        statusBox.setMinWidth(Region.USE_PREF_SIZE);
        skillBox.setId("refinement-skill");
        skillBox.setTooltip(new Tooltip("Show the instructions of one skill"));
        skillBox.getItems().setAll(ANY_SKILL);
        skillBox.setValue(ANY_SKILL);
        Controls.skillChoices(skillBox, ANY_SKILL, model::knownSkillName);
        model.skills().addListener((ListChangeListener<String>) c -> {
            settingFilters = true;
            String kept = skillBox.getValue();
            List<String> all = new ArrayList<>();
            all.add(ANY_SKILL);
            all.addAll(model.skills());
            skillBox.getItems().setAll(all);
            skillBox.setValue(all.contains(kept) ? kept : ANY_SKILL);
            settingFilters = false;
        });
        statusBox.setId("refinement-status-filter");
        statusBox.setTooltip(new Tooltip("Show only instructions in one state"));
        statusBox.getItems().setAll(ANY_STATUS, "pending", "complete", "failed", "accepted", "rejected");
        statusBox.setValue(ANY_STATUS);
        statusBox.getStyleClass().add("status-filter");
        runBox.valueProperty().addListener((obs, o, n) -> filterChanged());
        skillBox.valueProperty().addListener((obs, o, n) -> filterChanged());
        statusBox.valueProperty().addListener((obs, o, n) -> filterChanged());

        Button previous = Controls.button("Previous", "The previous instruction (Alt+Up, or K)", () -> move(false));
        previous.setId("previous-instruction");
        Button next = Controls.button("Next", "The next instruction (Alt+Down, or J)", () -> move(true));
        next.setId("next-instruction");
        position.setId("refinement-position");
        position.setMinWidth(Region.USE_PREF_SIZE);
        Button accept = Controls.button(
                "Accept round",
                "Accept the chosen round's instruction as final; choose a"
                        + " round by clicking its column or with Alt+Left/Alt+Right; Alt+Home shows the seed, "
                        + "Alt+End the response"
                        + " (A or Ctrl+Enter)",
                this::accept);
        accept.setId("accept-round");
        Button reject = Controls.button("Reject", "Reject this instruction (R or Ctrl+Backspace)", this::reject);
        reject.setId("reject-instruction");
        Button edit = Controls.button(
                "Edit",
                "Edit the chosen column's text by hand; Ctrl+S keeps it, Esc cancels"
                        + "; Alt+End chooses the response (E or F2)",
                this::startEdit);
        edit.setId("edit-column");
        CheckBox moveOn = new CheckBox("Move on");
        moveOn.setId("move-on-after-decision");
        moveOn.setTooltip(new Tooltip("After Accept or Reject, show the next instruction; Ctrl+Z still undoes the"
                + " decision and brings its instruction back (M turns it on or off)"));
        moveOn.selectedProperty().bindBidirectional(model.moveOnAfterDecision());
        moveOn.setFocusTraversable(false); // A, R, J and K stay the area's keys
        for (Node n : List.of(previous, next, accept, reject, edit, moveOn)) {
            ((Region) n).setMinWidth(Region.USE_PREF_SIZE);
        }
        // Filters, navigation and decisions each stay together and wrap as groups in a narrow window, so Reject,
        // Edit and Move on never lie off screen.
        return Controls.toolbar(
                group(runBox, skillBox, statusBox),
                group(previous, next, position),
                group(accept, reject, edit, moveOn));
    }

    private static HBox group(Node... nodes) {
        HBox box = new HBox(8, nodes);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("toolbar-group");
        return box;
    }

    private Node statusBar() {
        status.setId("refinement-status");
        status.getStyleClass().add("refinement-status");
        status.setWrapText(true);
        provenance.setId("refinement-provenance");
        provenance.getStyleClass().add("inline-status");
        provenance.setWrapText(true);
        finalText.setId("refinement-final");
        finalText.getStyleClass().add("inline-status");
        finalText.setWrapText(true);
        return new VBox(2, status, finalText, provenance);
    }

    private void filterChanged() {
        if (settingFilters) {
            return;
        }
        RunChoice run = runBox.getValue();
        String skill = skillBox.getValue();
        String st = statusBox.getValue();
        model.applyFilter(
                new InstructionFilter(
                        run == null ? null : run.id(),
                        skill == null || skill.equals(ANY_SKILL) ? null : skill,
                        null,
                        st == null || st.equals(ANY_STATUS) ? null : st,
                        null),
                focus.instructionId());
    }

    private void reload() {
        model.loadChoices();
        filterChanged();
    }

    // ------------------------------------------------------------------------------------------ content

    private void show(Shown s) {
        Long id = s == null ? null : s.instruction().id();
        if (focus.holds(id)) {
            return; // a run's news while the curator edits: keep their text; the edit's save shows the news
        }
        showStatus(s);
        columns = s == null ? List.of() : columns(s);
        panes.clear();
        editors.clear();
        List<Node> nodes = new ArrayList<>();
        for (Column c : columns) {
            TitledPane pane = pane(c, s);
            panes.put(c.key(), pane);
            nodes.add(pane);
        }
        if (s == null) {
            Label empty = new Label("No instruction to show. Start a run, or change the filters above.");
            empty.setId("refinement-empty");
            nodes.add(empty);
        }
        columnsBox.getChildren().setAll(nodes);
        focus.show(
                id,
                columns.stream().map(Column::key).toList(),
                s == null ? null : ColumnFocus.defaultFor(s.instruction()));
        markSelected();
    }

    /** The columns of an instruction, in order: seed, passage, round 0, each round's suggestion and edit, response. */
    static List<Column> columns(Shown s) {
        Instruction i = s.instruction();
        List<Column> out = new ArrayList<>();
        out.add(new Column(ColumnKey.SEED, "Seed · " + s.seedName(), s.seedText(), null, null));
        Passage p = s.passage();
        String passageText = p == null
                ? ""
                : p.failed() ? "The transformation failed: " + p.failure().message() : p.text();
        out.add(new Column(
                ColumnKey.PASSAGE,
                "Passage"
                        + (p == null
                                ? ""
                                : " · " + p.agentId() + " v" + p.transformer().promptVersion()),
                passageText,
                null,
                null));
        out.add(column(ColumnKey.GENERATED, "Round 0 · generated", withInput(i.generated(), i.generatedInput()), null));
        String round0 = out.get(out.size() - 1).modelText();
        String before = round0 == null
                ? null
                : s.edit(HumanEdit.editedInstruction(0))
                        .map(RefinementView::shownText)
                        .orElse(round0);
        int planned = Math.max(i.roundsPlanned(), i.rounds().size());
        for (int k = 1; k <= planned; k++) {
            int round = k;
            Round r = i.rounds().stream()
                    .filter(x -> x.round() == round)
                    .findFirst()
                    .orElse(null);
            String suggestion = r == null ? null : r.suggestion();
            String edited = r == null || r.edited() == null ? null : withInput(r.edited(), r.editedInput());
            out.add(column(ColumnKey.suggestion(k), "Suggestion " + k, suggestion, null));
            String shownEdited = edited == null
                    ? null
                    : s.edit(HumanEdit.editedInstruction(k))
                            .map(RefinementView::shownText)
                            .orElse(edited);
            out.add(column(ColumnKey.edited(k), "Edited instruction " + k, edited, before));
            if (shownEdited != null) {
                before = shownEdited;
            }
        }
        out.add(column(
                ColumnKey.RESPONSE,
                "Response"
                        + (i.answerer().present()
                                ? " · " + i.answerer().agent() + " v"
                                        + i.answerer().promptVersion()
                                : ""),
                i.response(),
                null));
        return out;
    }

    /** A column a curator can edit by hand once the model has written its text. */
    private static Column column(ColumnKey key, String title, String modelText, String diffBase) {
        return new Column(
                key,
                title,
                modelText,
                modelText == null ? null : key.editTarget().orElse(null),
                diffBase);
    }

    /** A hand edit as its column shows it: an instruction's edit with its input, as the model's rounds read. */
    private static String shownText(HumanEdit e) {
        return e.ofInstruction() ? withInput(e.text(), e.input()) : e.text();
    }

    private static String withInput(String instruction, String input) {
        if (instruction == null) {
            return null;
        }
        return input == null || input.isBlank() ? instruction : instruction + "\n\nInput:\n" + input;
    }

    /** What a column's title says, in full words. */
    static String titleHint(Column c) {
        return switch (c.key().kind()) {
            case PASSAGE -> "The seed's passage as the transformation agent rewrote it: " + c.title();
            case GENERATED -> "The instruction as the generator wrote it, before any refinement round";
            default -> c.title();
        };
    }

    private TitledPane pane(Column c, Shown s) {
        Optional<HumanEdit> edit = c.target() == null ? Optional.empty() : s.edit(c.target());
        String text = edit.map(RefinementView::shownText).orElse(c.modelText());
        Node flow;
        if (text == null) {
            TextFlow none = new TextFlow();
            Text waiting = new Text(
                    s.instruction().status() == InstructionStatus.PENDING ? "Waiting for the models…" : "(none)");
            waiting.getStyleClass().add("waiting");
            none.getChildren().add(waiting);
            flow = none;
        } else {
            flow = ColumnText.of(c.diffBase(), text, context.executor());
        }
        flow.setId("text-" + c.key().id());
        VBox box = new VBox(6, flow);
        if (edit.isPresent()) {
            Label by = new Label("Edited by " + edit.get().author()
                    + (edit.get().editedAt() == null
                            ? ""
                            : " on " + DATE.format(edit.get().editedAt())) + ". The model's version:");
            by.getStyleClass().add("inline-status");
            by.setWrapText(true); // whole in a narrow column
            Node modelText = ColumnText.modelVersion(c.modelText());
            modelText.setId("model-" + c.key().id());
            box.getChildren().addAll(new Separator(), by, modelText);
        }
        box.setPadding(new Insets(6));
        TitledPane pane = new TitledPane(c.title() + (edit.isPresent() ? " · edited" : ""), ColumnText.scroll(box));
        pane.setId("column-" + c.key().id());
        pane.setCollapsible(false);
        pane.getStyleClass().add("refinement-column");
        pane.setMaxHeight(Double.MAX_VALUE);
        pane.setMinWidth(280);
        pane.setPrefWidth(320);
        pane.setTooltip(new Tooltip(titleHint(c))); // the whole title, should a long agent name cut it
        Integer accepted =
                s.instruction().review().accepted() ? s.instruction().review().acceptedRound() : null;
        if (accepted != null && c.key().isInstruction() && c.key().round() == accepted) {
            pane.getStyleClass().add("accepted-round");
        }
        pane.setOnMouseClicked(e -> {
            if (focus.choose(c.key())) {
                markSelected();
            }
        });
        return pane;
    }

    private void markSelected() {
        panes.forEach((key, pane) -> {
            pane.getStyleClass().remove(SELECTED);
            if (focus.chosen().filter(key::equals).isPresent()) {
                pane.getStyleClass().add(SELECTED);
            }
        });
        TitledPane p = focus.chosen().map(panes::get).orElse(null);
        if (p != null) {
            p.requestFocus();
            scrollIntoView(p); // it may be the last of many rounds
        }
    }

    private void scrollIntoView(TitledPane p) {
        if (p.getParent() != columnsBox) {
            return; // another instruction came meanwhile
        }
        // Lay out first: right after the columns were rebuilt their widths and places are not known yet.
        scroll.applyCss();
        scroll.layout();
        double content = columnsBox.getWidth();
        double viewport = scroll.getViewportBounds().getWidth();
        if (content <= viewport || viewport <= 0) {
            return;
        }
        double left = scroll.getHvalue() * (content - viewport);
        double x = p.getBoundsInParent().getMinX();
        double right = p.getBoundsInParent().getMaxX();
        if (x < left) {
            scroll.setHvalue(x / (content - viewport));
        } else if (right > left + viewport) {
            scroll.setHvalue(Math.min(1, (right - viewport) / (content - viewport)));
        }
    }

    private void showStatus(Shown s) {
        status.getStyleClass().removeAll("accepted", "rejected", "failed");
        if (s == null) {
            status.setText("");
            provenance.setText("");
            finalText.setText("");
            return;
        }
        Instruction i = s.instruction();
        CuratorReview review = i.review();
        String when = review.at() == null ? "" : " on " + DATE.format(review.at());
        String text;
        if (review.decision() == Review.ACCEPTED) {
            text = "Accepted with round " + review.acceptedRound() + " by " + review.by() + when;
            status.getStyleClass().add("accepted");
        } else if (review.decision() == Review.REJECTED) {
            text = "Rejected by " + review.by() + when;
            status.getStyleClass().add("rejected");
        } else if (i.status() == InstructionStatus.FAILED) {
            Failure<Stage> f = i.failure();
            text = f == null
                    ? "Failed"
                    : "Failed at " + f.stage().label().toLowerCase(Locale.ROOT) + ": " + f.message();
            status.getStyleClass().add("failed");
        } else if (i.status() == InstructionStatus.PENDING) {
            text = "In progress: " + i.roundsDone() + " of " + i.roundsPlanned() + " rounds done (updates by itself)";
        } else {
            text = "Complete; not reviewed yet";
        }
        status.setText(s.skillName() + " · " + i.category() + (i.subcategory() == null ? "" : " / " + i.subcategory())
                + " — " + text);
        provenance.setText(provenance(s));
        finalText.setText(finalLine(s.finalText()));
    }

    /** What a dataset takes from the instruction, in one line: where from, and how the instruction starts. */
    static String finalLine(FinalText f) {
        if (f.instruction() == null) {
            return "Final text: none yet";
        }
        String start = f.instruction().replaceAll("\\s+", " ").strip();
        // A header line: short, cheap to lay out, and on one line when shaped (JavaFX wraps shaped text garbled).
        int most = LongText.shaped(start) ? 60 : 100;
        if (start.length() > most) {
            int end = Character.isHighSurrogate(start.charAt(most - 2)) ? most - 2 : most - 1;
            start = start.substring(0, end) + "…";
        }
        return "Final text (" + f.source() + "): " + LongText.visible(start)
                + (f.input() == null ? "" : " · with an input") + (f.response() == null ? " · not answered yet" : "");
    }

    private static String provenance(Shown s) {
        Instruction i = s.instruction();
        StringBuilder b = new StringBuilder("Run ").append(i.runId());
        if (s.passage() != null) {
            b.append(" · passage by ").append(s.passage().transformer().label());
        }
        b.append(" · generated by ").append(i.generator().label());
        for (Round r : i.rounds()) {
            b.append(" · round ")
                    .append(r.round())
                    .append(": ")
                    .append(r.suggester().label());
            if (r.editor().present()) {
                b.append(", ").append(r.editor().label());
            }
        }
        if (i.answerer().present()) {
            b.append(" · answered by ").append(i.answerer().label());
        }
        b.append(" · endpoint ")
                .append(i.generator().endpoint())
                .append(", model ")
                .append(i.generator().model());
        return b.toString();
    }

    // ------------------------------------------------------------------------------------------ actions

    private void move(boolean forward) {
        if (focus.isEditing()) {
            return;
        }
        if (forward) {
            model.next();
        } else {
            model.previous();
        }
    }

    private void selectColumn(int step) {
        if (focus.step(step)) {
            markSelected();
        }
    }

    private void accept() {
        model.acceptChosen();
    }

    private void reject() {
        if (!focus.isEditing() && model.shown().get() != null) {
            model.reject();
        }
    }

    private Optional<Column> column(Optional<ColumnKey> key) {
        return key.flatMap(k -> columns.stream().filter(c -> c.key().equals(k)).findFirst());
    }

    private void startEdit() {
        Shown s = model.shown().get();
        Column c =
                s == null || focus.isEditing() ? null : column(focus.chosen()).orElse(null);
        if (c == null) {
            return;
        }
        if (c.target() == null) {
            context.notice()
                    .set("This column cannot be edited; choose a suggestion, an edited instruction or the"
                            + " response");
            return;
        }
        TitledPane pane = panes.get(c.key());
        Optional<HumanEdit> earlier = s.edit(c.target());
        boolean withInput = c.key().isInstruction();
        // An instruction's edit keeps the instruction and its input apart, as the model's rounds do.
        String[] model =
                withInput ? instructionAndInput(s.instruction(), c.key().round()) : new String[] {c.modelText(), ""};
        PagedEditor editor = new PagedEditor(earlier.map(HumanEdit::text).orElse(model[0]));
        editors.put(c.key(), editor);
        TextArea area = editor.area();
        area.setId("editor-" + c.key().id());
        area.setTooltip(new Tooltip("Ctrl+S keeps your edit (the model's text stays); Esc cancels"));
        VBox box = new VBox(6, editor);
        if (withInput) {
            Label inputLabel = new Label("Input (leave it empty for none):");
            inputLabel.getStyleClass().add("inline-status");
            TextArea input = new TextArea(
                    earlier.map(e -> Objects.toString(e.input(), "")).orElse(model[1]));
            input.setId("editor-input-" + c.key().id());
            LongText.wrapUnlessShaped(input);
            input.setPrefRowCount(4);
            input.setTooltip(new Tooltip("The instruction's input; Ctrl+S keeps your edit, Esc cancels"));
            inputLabel.setLabelFor(input);
            box.getChildren().addAll(inputLabel, input);
        }
        Label hint = new Label("Ctrl+S keeps your edit · Esc cancels. The model's version:");
        hint.getStyleClass().add("inline-status");
        box.getChildren().addAll(hint, ColumnText.modelVersion(c.modelText()));
        box.setPadding(new Insets(6));
        pane.setContent(ColumnText.scroll(box));
        focus.startEditing();
        // The new content has no skin yet, so it is not in the scene and could not take the focus.
        pane.applyCss();
        pane.layout();
        scrollIntoView(pane);
        area.requestFocus();
        area.end();
    }

    /** The model's instruction and input (never null) of a round, 0 being the generated one. */
    private static String[] instructionAndInput(Instruction i, int round) {
        if (round == 0) {
            return new String[] {i.generated(), Objects.toString(i.generatedInput(), "")};
        }
        Round r =
                i.rounds().stream().filter(x -> x.round() == round).findFirst().orElse(null);
        return new String[] {r == null ? "" : r.edited(), r == null ? "" : Objects.toString(r.editedInput(), "")};
    }

    private void keepEdit() {
        Shown s = model.shown().get();
        Column c = column(focus.editing()).orElse(null);
        TitledPane pane = c == null ? null : panes.get(c.key());
        if (s == null || c == null || pane == null) {
            return;
        }
        String text = editors.get(c.key()).text();
        TextArea inputArea = (TextArea) pane.lookup("#editor-input-" + c.key().id());
        String input = inputArea == null ? null : inputArea.getText();
        ColumnKey key = c.key();
        Optional<HumanEdit> earlier = s.edit(c.target());
        String[] was = earlier.map(e -> new String[] {e.text(), Objects.toString(e.input(), "")})
                .orElse(
                        inputArea == null
                                ? new String[] {c.modelText(), ""}
                                : instructionAndInput(s.instruction(), key.round()));
        if (text.equals(was[0]) && (input == null || input.strip().equals(was[1].strip()))) {
            // An "edit" that changes nothing would only hide the model's text behind a copy of it.
            focus.stopEditing();
            show(s);
            context.notice()
                    .set("Nothing to keep: the text is unchanged"
                            + (earlier.isPresent() ? " since your last edit" : "; the model's text stays"));
            return;
        }
        model.edit(c.target(), text, input, () -> {
            focus.choose(key);
            markSelected();
        });
        focus.stopEditing(); // the stored edit arrives through the shown instruction
    }

    private void cancelEdit() {
        if (!focus.isEditing()) {
            return;
        }
        focus.stopEditing();
        show(model.shown().get());
    }
}
