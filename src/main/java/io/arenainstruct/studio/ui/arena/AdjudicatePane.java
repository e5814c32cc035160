package io.arenainstruct.studio.ui.arena;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import io.arenainstruct.studio.domain.StoreChange.Kind;
import io.arenainstruct.studio.domain.adjudication.Annotators;
import io.arenainstruct.studio.domain.adjudication.OverrideReason;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.service.adjudication.AdjudicationService;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.common.Controls;
import io.arenainstruct.studio.ui.common.LongText;
import io.arenainstruct.studio.ui.common.ReadOnlyText;
import io.arenainstruct.studio.ui.shell.UndoSupport;
import io.arenainstruct.studio.ui.task.Subscriptions;

/**
 * The Adjudicate tab: the instruction on top, the two answers side by side, and the keys that decide. Model text is
 * plain text in read-only areas (long or right-to-left text in pieces), never markup. The keys act while the battle
 * has the focus (a click on it, or Tab to it): see {@link #KEYS}.
 */
public final class AdjudicatePane extends BorderPane {
    static final String KEYS = "1 or A: left better · 2 or B: right better · Shift+1 / Shift+2: much better · T: tie"
            + " · X: both bad · S: skip · Left/Right or J/K: previous/next · E: edit an answer, then prefer it"
            + " · O: override reason · H: show or hide the judges · N: show the model names"
            + " · Ctrl+Z / Ctrl+Shift+Z: undo / redo";
    /** Keys that may repeat while held: moving through the queue. */
    private static final Set<KeyCode> NAVIGATION = EnumSet.of(KeyCode.LEFT, KeyCode.RIGHT, KeyCode.J, KeyCode.K);

    private static final String ANY_CATEGORY = "All categories";
    private static final String ANY_MODEL = "Any model";
    private static final String ANY_OTHER = "vs any model";
    private static final String ANY_JUDGE = "Any judge";
    private static final String ANY_ANNOTATOR = "Any voter";
    private static final List<String> FEWER =
            List.of("Any number of votes", "No vote yet", "Fewer than 2 votes", "Fewer than 3 votes");

    private final AdjudicateViewModel model;
    private final VBox battle = new VBox(6);
    private final Label title = new Label();
    private final Label category = new Label();
    private final ReadOnlyText instruction = text("adjudicate-instruction");
    private final Label leftName = new Label();
    private final Label rightName = new Label();
    private final ReadOnlyText left = text("adjudicate-left");
    private final ReadOnlyText right = text("adjudicate-right");
    private final StackPane leftSlot = new StackPane();
    private final StackPane rightSlot = new StackPane();
    private final TextArea editor = new TextArea();
    private final ReadOnlyText judges = text("adjudicate-judges");
    private final Label vote = new Label();
    private final Label reason = new Label();
    private final TextField otherReason = new TextField();
    private final HBox reasonBox = new HBox(8);
    private final Label editSide =
            new Label("Edit which answer? 1 or A: the left one, 2 or B: the right one, Esc: none");
    private final Label message = new Label();
    private final TextField nameField = new TextField();
    private final VBox nameBox = new VBox(6);
    /** Keys held down: a held vote key repeats, and must not vote on battles not yet seen. */
    private final Set<KeyCode> down = EnumSet.noneOf(KeyCode.class);

    private boolean swallowTyped;
    /** Other clients' changes, followed while the pane is open. */
    private AutoCloseable elsewhere = () -> {};

    private static AdjudicateViewModel newModel(AppContext context) {
        Workspace ws = context.workspace();
        return new AdjudicateViewModel(
                ws.adjudication(),
                ws.battles(),
                context.taskExecutor(),
                context.preferences().annotator(),
                Annotators.effective(null, ws.location()).orElse(null));
    }

    public AdjudicatePane(AppContext context) {
        this(newModel(context));
        // another annotator's vote or new battles (a team store) move the queue without a manual refresh
        elsewhere = context.storeChanges()
                .subscribe(EnumSet.of(Kind.VERDICT, Kind.BATTLE), kinds -> model.changedElsewhere());
    }

    AdjudicatePane(AdjudicateViewModel model) {
        this.model = model;
        setId("adjudicate-pane");
        getStyleClass().add("adjudicate-pane");
        setTop(filters());
        setCenter(battlePane());
        setBottom(footer());
        model.shown().addListener((obs, o, s) -> showBattle(s));
        model.judgesText().addListener((obs, o, t) -> judges.setText(t));
        vote.textProperty().bind(model.voteText());
        message.textProperty().bind(model.message());
        model.reasonPrompt().addListener((obs, o, p) -> showReason(p));
        model.otherReasonAsked().addListener((obs, o, asked) -> {
            otherReason.setVisible(asked);
            otherReason.setManaged(asked);
            if (asked) {
                otherReason.clear();
                otherReason.requestFocus();
            }
        });
        model.choosingEditSide().addListener((obs, o, choosing) -> {
            editSide.setVisible(choosing);
            editSide.setManaged(choosing);
        });
        model.editing().addListener((obs, o, side) -> showEditor(side));
        addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        addEventFilter(KeyEvent.KEY_RELEASED, e -> down.remove(e.getCode()));
        // a key let go while the focus was elsewhere must not count as held
        battle.focusedProperty().addListener((obs, was, now) -> down.clear());
        // The key that opened a text field (O for "other", 1 or 2 for the editor) must not be typed into it.
        addEventFilter(KeyEvent.KEY_TYPED, e -> {
            if (swallowTyped) {
                swallowTyped = false;
                e.consume();
            }
        });
        showName();
        model.annotator().addListener((obs, o, n) -> showName());
        showBattle(null);
    }

    private static ReadOnlyText text(String id) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setFocusTraversable(false);
        LongText.wrapUnlessShaped(area);
        return new ReadOnlyText(area);
    }

    AdjudicateViewModel model() {
        return model;
    }

    public UndoSupport undoSupport() {
        return model.undoSupport();
    }

    /** Reads the queue again (F5, a visit). */
    public void refresh() {
        model.reload();
    }

    /** Puts the focus where the keys act: the battle, or the name field while the name is missing. */
    public void focusBattle() {
        if (model.needsName()) {
            nameField.requestFocus();
        } else {
            battle.requestFocus();
        }
    }

    public void close() {
        Subscriptions.close(elsewhere);
        model.close();
    }

    // ---- layout ----

    private Node filters() {
        ComboBox<String> categoryFilter = filter(
                "adjudicate-filter-category",
                ANY_CATEGORY,
                model.categories(),
                "Only battles on instructions of this category");
        categoryFilter
                .valueProperty()
                .addListener((obs, o, n) -> model.category().set(any(n, ANY_CATEGORY)));
        ComboBox<String> modelFilter = filter(
                "adjudicate-filter-model",
                ANY_MODEL,
                model.models(),
                "Only battles of this model (with the next choice: of this pair of models)");
        modelFilter.valueProperty().addListener((obs, o, n) -> model.modelA().set(any(n, ANY_MODEL)));
        ComboBox<String> otherFilter =
                filter("adjudicate-filter-other", ANY_OTHER, model.models(), "Only battles against this model");
        otherFilter.valueProperty().addListener((obs, o, n) -> model.modelB().set(any(n, ANY_OTHER)));
        ComboBox<String> judgeFilter = filter(
                "adjudicate-filter-judge",
                ANY_JUDGE,
                model.judges(),
                "Only battles this judge model (or jury) gave a verdict on");
        judgeFilter.valueProperty().addListener((obs, o, n) -> model.judge().set(any(n, ANY_JUDGE)));
        ComboBox<String> annotatorFilter = filter(
                "adjudicate-filter-annotator",
                ANY_ANNOTATOR,
                model.annotators(),
                "Only battles this annotator voted on");
        annotatorFilter
                .valueProperty()
                .addListener((obs, o, n) -> model.votedBy().set(any(n, ANY_ANNOTATOR)));
        ComboBox<String> fewer = new ComboBox<>();
        fewer.setId("adjudicate-filter-fewer");
        fewer.getItems().setAll(FEWER);
        fewer.setValue(FEWER.get(0));
        fewer.setTooltip(new Tooltip("Only battles with fewer people's votes than this (imported votes count)"));
        fewer.valueProperty().addListener((obs, o, n) -> model.fewerThan().set(Math.max(0, FEWER.indexOf(n))));
        Spinner<Integer> perBattle = new Spinner<>(1, AdjudicationService.MAX_VERDICTS_PER_BATTLE, 1);
        perBattle.setId("adjudicate-verdicts-per-battle");
        perBattle.setPrefWidth(90);
        perBattle.setMinWidth(90); // room for the number beside the arrows when the row is tight
        perBattle.setEditable(false);
        perBattle.setFocusTraversable(true);
        perBattle.setTooltip(new Tooltip("How many people's verdicts each battle gets (for this workspace): a battle"
                + " shown to you is yours for a few minutes, and with more than one each annotator sees only the"
                + " battles they have not voted on (Up and Down change it)"));
        model.verdictsPerBattle()
                .addListener((obs, o, n) -> perBattle.getValueFactory().setValue(n.intValue()));
        perBattle.valueProperty().addListener((obs, o, n) -> {
            if (n != null && n != model.verdictsPerBattle().get()) {
                model.verdictsPerBattle().set(n);
            }
        });
        Label perBattleLabel = new Label("Verdicts per battle");
        perBattleLabel.setLabelFor(perBattle);
        CheckBox mine = new CheckBox("Not yet voted by me");
        mine.setId("adjudicate-not-voted");
        mine.selectedProperty().bindBidirectional(model.notVotedByMe());
        mine.setTooltip(new Tooltip("Leave out the battles you voted on already"));
        CheckBox blind = new CheckBox("Blind");
        blind.setId("adjudicate-blind");
        blind.selectedProperty().bindBidirectional(model.blind());
        blind.setTooltip(new Tooltip("Hide the model names (N shows them for one battle, and the vote says so) and"
                + " the judges until you vote"));
        Label queue = new Label();
        queue.setId("adjudicate-queue");
        queue.textProperty().bind(model.queueWords());
        queue.setTooltip(new Tooltip("The queue takes disputed battles first (games that contradict each other, a"
                + " split jury, a small score gap, a reply with no verdict, or people who split), then unjudged,"
                + " then the rest"));
        Controls.whole(queue);
        VBox top = new VBox(
                4,
                Controls.toolbar(new Label("Queue"), categoryFilter, modelFilter, otherFilter, judgeFilter),
                Controls.toolbar(annotatorFilter, fewer, mine, blind, perBattleLabel, perBattle, queue),
                nameBox);
        return top;
    }

    private ComboBox<String> filter(String id, String any, ObservableList<String> values, String tooltip) {
        ComboBox<String> box = new ComboBox<>();
        box.setId(id);
        box.setTooltip(new Tooltip(tooltip));
        box.setPrefWidth(150);
        box.setMinWidth(110);
        BattlesPane.choices(box, any, values);
        return box;
    }

    private static String any(String value, String anyChoice) {
        return value == null || anyChoice.equals(value) ? null : value;
    }

    private Node battlePane() {
        battle.setId("adjudicate-battle");
        battle.setFocusTraversable(true);
        battle.getStyleClass().add("adjudicate-battle");
        title.setId("adjudicate-title");
        title.getStyleClass().add("title-4");
        category.setId("adjudicate-category");
        category.getStyleClass().add("text-muted");
        leftName.setId("adjudicate-left-name");
        rightName.setId("adjudicate-right-name");
        editor.setId("adjudicate-editor");
        editor.setWrapText(true);
        editor.setTooltip(new Tooltip("Ctrl+Enter keeps the edit and prefers it; Esc drops it"));
        leftSlot.getChildren().setAll(left);
        rightSlot.getChildren().setAll(right);
        SplitPane answers = new SplitPane(column(leftName, leftSlot), column(rightName, rightSlot));
        answers.setDividerPositions(0.5);
        VBox top = new VBox(4, new HBox(12, title, category), instruction);
        instruction.setPrefHeight(90);
        VBox.setVgrow(instruction, Priority.ALWAYS);
        VBox judgesBox = new VBox(4, vote, judges);
        VBox.setVgrow(judges, Priority.ALWAYS);
        SplitPane parts = new SplitPane(top, answers, judgesBox);
        parts.setOrientation(Orientation.VERTICAL);
        // the answers take most of the height; the judges below them are one line until shown
        parts.setDividerPositions(0.2, 0.8);
        VBox.setVgrow(parts, Priority.ALWAYS);
        editSide.setId("adjudicate-edit-side");
        editSide.getStyleClass().add("adjudicate-prompt");
        editSide.setVisible(false);
        editSide.setManaged(false);
        battle.getChildren().setAll(parts, editSide);
        // A click anywhere on the battle (a divider, a heading) puts the keys there; a text area it lands on may then
        // take the focus for selecting text, and the keys still act.
        battle.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (editing()) {
                return;
            }
            battle.requestFocus();
        });
        return battle;
    }

    private static VBox column(Label heading, Node content) {
        heading.getStyleClass().add("text-bold");
        VBox box = new VBox(4, heading, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }

    private Node footer() {
        vote.setId("adjudicate-vote");
        reason.setId("adjudicate-reason");
        reason.setWrapText(true);
        otherReason.setId("adjudicate-other-reason");
        otherReason.setPromptText("why, in a few words (Enter keeps it, Esc closes)");
        otherReason.setVisible(false);
        otherReason.setManaged(false);
        HBox.setHgrow(otherReason, Priority.ALWAYS);
        reasonBox.setId("adjudicate-reason-box");
        reasonBox.getStyleClass().add("adjudicate-prompt");
        reasonBox.setAlignment(Pos.CENTER_LEFT);
        reasonBox.getChildren().setAll(reason, otherReason);
        reasonBox.setVisible(false);
        reasonBox.setManaged(false);
        otherReason.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                // empty words keep the field (and the typing) here: letters on the battle would vote
                if (!otherReason.getText().isBlank()) {
                    model.otherReason(otherReason.getText());
                    battle.requestFocus();
                }
            } else if (e.getCode() == KeyCode.ESCAPE) {
                model.closeReason();
                e.consume();
                battle.requestFocus();
            }
        });
        judges.setId("adjudicate-judges-box");
        message.setId("adjudicate-message");
        message.getStyleClass().add("inline-status");
        Label keys = new Label(KEYS);
        keys.setId("adjudicate-keys");
        keys.setWrapText(true);
        keys.getStyleClass().add("text-muted");
        VBox box = new VBox(4, reasonBox, message, keys);
        box.getStyleClass().add("adjudicate-footer");
        return box;
    }

    private void showName() {
        if (!model.needsName()) {
            nameBox.getChildren().clear();
            nameBox.setManaged(false);
            return;
        }
        Label ask = new Label("Your name as an annotator (asked once, remembered; every vote you give carries it)");
        ask.setLabelFor(nameField);
        nameField.setId("adjudicate-name");
        nameField.setPromptText("e.g. Dana");
        nameField.setOnAction(e -> {
            if (model.setAnnotator(nameField.getText())) {
                battle.requestFocus();
            }
        });
        nameBox.getChildren().setAll(ask, nameField);
        nameBox.setManaged(true);
    }

    // ---- showing ----

    private void showBattle(AdjudicateViewModel.Shown s) {
        if (s == null) {
            title.setText(
                    model.needsName()
                            ? "Give your name above to start"
                            : model.loading().get()
                                    ? "Reading the battle…"
                                    : "No battle here: the queue is done, or the filters leave none");
            category.setText("");
            instruction.setText("");
            left.setText("");
            right.setText("");
            leftName.setText("Left answer");
            rightName.setText("Right answer");
            return;
        }
        title.setText(s.title());
        // names and categories come from files and models: bidi controls shown as marks, as everywhere
        category.setText(LongText.visible(s.category()));
        instruction.setText(s.instruction());
        left.setText(s.left());
        right.setText(s.right());
        leftName.setText(LongText.visible(s.leftName()));
        rightName.setText(LongText.visible(s.rightName()));
    }

    private void showReason(AdjudicateViewModel.ReasonPrompt p) {
        boolean on = p != null;
        reasonBox.setVisible(on);
        reasonBox.setManaged(on);
        if (on) {
            StringBuilder keys = new StringBuilder(LongText.visible(p.words())).append("  ");
            for (OverrideReason r : OverrideReason.values()) {
                keys.append(' ').append(r.key()).append(": ").append(r.words()).append(" ·");
            }
            reason.setText(keys.append(" Esc: no reason").toString());
        }
    }

    private void showEditor(AdjudicateViewModel.Side side) {
        leftSlot.getChildren().setAll(left);
        rightSlot.getChildren().setAll(right);
        if (side == null) {
            battle.requestFocus();
            return;
        }
        ReadOnlyText shownText = side == AdjudicateViewModel.Side.LEFT ? left : right;
        editor.setText(shownText.getText());
        (side == AdjudicateViewModel.Side.LEFT ? leftSlot : rightSlot)
                .getChildren()
                .setAll(editor);
        editor.requestFocus();
    }

    private boolean editing() {
        return model.editing().get() != null;
    }

    // ---- keys ----

    private void key(KeyEvent e) {
        if (e.getTarget() instanceof TextInputControl t && t.isEditable()) {
            if (t == editor) {
                if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                    model.saveEdit(editor.getText());
                    e.consume();
                } else if (e.getCode() == KeyCode.ESCAPE) {
                    model.cancelEdit();
                    e.consume();
                }
            }
            return;
        }
        if (!battle.isFocused() && !isInBattle(e)) {
            return;
        }
        if (e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        if (editing()) {
            // while an answer is edited the battle takes no decision: Ctrl+Enter or Esc in the editor first
            return;
        }
        boolean repeat = !down.add(e.getCode());
        if (repeat && !NAVIGATION.contains(e.getCode())) {
            e.consume();
            return;
        }
        boolean otherBefore = model.otherReasonAsked().get();
        boolean editBefore = editing();
        if (handle(e)) {
            e.consume();
            swallowTyped = (!otherBefore && model.otherReasonAsked().get()) || (!editBefore && editing());
        }
    }

    private boolean isInBattle(KeyEvent e) {
        for (Node n = e.getTarget() instanceof Node node ? node : null; n != null; n = n.getParent()) {
            if (n == battle || n == judges) {
                return true;
            }
        }
        return false;
    }

    private boolean handle(KeyEvent e) {
        KeyCode code = e.getCode();
        if (model.choosingEditSide().get()) {
            switch (code) {
                case DIGIT1, NUMPAD1, A -> model.editSide(AdjudicateViewModel.Side.LEFT);
                case DIGIT2, NUMPAD2, B -> model.editSide(AdjudicateViewModel.Side.RIGHT);
                case ESCAPE -> model.cancelEdit();
                default -> {
                    return false;
                }
            }
            return true;
        }
        if (model.reasonPrompt().get() != null) {
            if (code == KeyCode.ESCAPE) {
                model.closeReason();
                return true;
            }
            if (code.isLetterKey() && model.chooseReason(code.getName())) {
                return true;
            }
        }
        if (code == KeyCode.ENTER && model.retry()) {
            return true;
        }
        boolean shift = e.isShiftDown();
        switch (code) {
            case DIGIT1, NUMPAD1 -> model.vote(shift ? GradedLabel.A_MUCH_BETTER : GradedLabel.A_BETTER);
            case DIGIT2, NUMPAD2 -> model.vote(shift ? GradedLabel.B_MUCH_BETTER : GradedLabel.B_BETTER);
            case A -> model.vote(shift ? GradedLabel.A_MUCH_BETTER : GradedLabel.A_BETTER);
            case B -> model.vote(shift ? GradedLabel.B_MUCH_BETTER : GradedLabel.B_BETTER);
            case T -> model.vote(GradedLabel.TIE);
            case X -> model.vote(null);
            case S -> model.skip();
            case RIGHT, K -> model.next();
            case LEFT, J -> model.previous();
            case E -> model.startEdit();
            case O -> model.askReason();
            case H -> model.toggleJudges();
            case N -> model.revealNames();
            default -> {
                return false;
            }
        }
        return true;
    }
}
