package io.arenainstruct.studio.ui.loop;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import io.arenainstruct.studio.domain.loop.LoopRules;
import io.arenainstruct.studio.domain.loop.Proposal;
import io.arenainstruct.studio.domain.loop.ProposalKind;
import io.arenainstruct.studio.ui.common.Controls;
import io.arenainstruct.studio.ui.loop.LoopViewModel.EvidenceRow;
import io.arenainstruct.studio.ui.loop.LoopViewModel.ProposalRow;

/**
 * The proposals as a diff list: what each changes, from what to what, why in words, and whether it was decided in
 * this iteration; the battles behind the selected one below it (Enter moves there). The rule the proposals follow is
 * stated above them with its parameters editable. Space ticks the focused proposal; Accept (Ctrl+Enter) accepts the
 * ticked ones.
 */
final class ProposalsPane {
    private final LoopViewModel model;
    /** The split's least height: the header and four proposals above, the reason and three battles below. */
    private static final double SPLIT_MIN_HEIGHT = 400;

    private final VBox root = new VBox(8);
    private final ScrollPane scroll = new ScrollPane(root);
    private final TextField alpha = new TextField();
    private final TextField minBattles = new TextField();
    private final TableView<ProposalRow> table = new TableView<>();
    private final TableView<EvidenceRow> evidence = new TableView<>();

    ProposalsPane(LoopViewModel model, Runnable accept, Runnable undo) {
        this.model = model;
        root.getStyleClass().add("loop-proposals");

        Label rule = new Label();
        rule.setId("loop-rule");
        rule.getStyleClass().add("loop-rule");
        rule.setWrapText(true);
        rule.setMinHeight(Label.USE_PREF_SIZE);
        rule.textProperty()
                .bind(Bindings.createStringBinding(() -> rule(model.rules().get()), model.rules()));

        alpha.setId("loop-alpha");
        alpha.setPrefColumnCount(5);
        alpha.textProperty().bindBidirectional(model.alpha());
        minBattles.setId("loop-min-battles");
        minBattles.setPrefColumnCount(5);
        minBattles.textProperty().bindBidirectional(model.minBattles());
        Label alphaLabel = label("_Alpha (α):", alpha);
        Label minLabel = label("_Minimum battles:", minBattles);
        Label problem = new Label();
        problem.setId("loop-rules-problem");
        problem.getStyleClass().addAll("inline-status", "problem");
        problem.setWrapText(true);
        problem.textProperty().bind(model.rulesProblem());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox form = new HBox(8, alphaLabel, alpha, minLabel, minBattles, problem, gap);
        form.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("loop-proposals-message");
        message.getStyleClass().add("inline-status");
        message.setWrapText(true);
        message.setMinHeight(Label.USE_PREF_SIZE);
        message.textProperty().bind(model.proposalsMessage());

        buildTable();
        buildEvidence();
        Label reason = new Label();
        reason.setId("loop-reason");
        reason.getStyleClass().add("loop-reason");
        reason.setWrapText(true);
        reason.setMinHeight(Label.USE_PREF_SIZE);
        reason.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> model.selected().get() == null
                                ? "Select a proposal to see the battles behind it."
                                : detail(model.selected().get().proposal()),
                        model.selected()));
        Label evidenceMessage = new Label();
        evidenceMessage.setId("loop-evidence-message");
        evidenceMessage.getStyleClass().add("inline-status");
        evidenceMessage.textProperty().bind(model.evidenceMessage());
        VBox below = new VBox(6, reason, evidenceMessage, evidence);
        VBox.setVgrow(evidence, Priority.ALWAYS);
        SplitPane split = new SplitPane(table, below);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.58);
        // room for a few proposals above the battles: a smaller window scrolls the tab rather than laying the reason
        // over the list
        split.setMinHeight(SPLIT_MIN_HEIGHT);
        VBox.setVgrow(split, Priority.ALWAYS);

        Label notes = new Label();
        notes.setId("loop-notes");
        notes.getStyleClass().add("inline-status");
        notes.setWrapText(true);
        notes.setMinHeight(Label.USE_PREF_SIZE);
        notes.textProperty().bind(Bindings.createStringBinding(() -> String.join(" ", model.notes()), model.notes()));
        notes.managedProperty().bind(notes.textProperty().isNotEmpty());
        notes.visibleProperty().bind(notes.managedProperty());

        Button acceptButton = Controls.button(
                "Accept ticked",
                "Accept the ticked proposals; the others are recorded as not accepted (Ctrl+Enter)",
                accept);
        acceptButton.setId("loop-accept");
        acceptButton.setDefaultButton(false);
        acceptButton.disableProperty().bind(model.busy());
        Label acceptMessage = new Label();
        acceptMessage.setId("loop-accept-message");
        acceptMessage.getStyleClass().add("inline-status");
        acceptMessage.setWrapText(true);
        acceptMessage.textProperty().bind(model.acceptMessage());
        model.acceptFailed().addListener((obs, o, n) -> Controls.styleIf(acceptMessage, "problem", n));
        // the button beside the rule's parameters, where it stays in sight however long the notes below are
        Button undoButton = Controls.button(
                "Undo last acceptance",
                "Put back what the newest acceptance for this target changed; its proposals are open again (Ctrl+Z)",
                undo);
        undoButton.setId("loop-undo-accept");
        undoButton.disableProperty().bind(model.busy().or(model.undoable().isNull()));
        form.getChildren().addAll(acceptButton, undoButton);
        acceptMessage.setMinHeight(Label.USE_PREF_SIZE);
        acceptMessage.managedProperty().bind(acceptMessage.textProperty().isNotEmpty());
        acceptMessage.visibleProperty().bind(acceptMessage.managedProperty());

        root.getChildren().setAll(rule, form, message, acceptMessage, split, notes);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("edge-to-edge");
    }

    private static Label label(String text, Node field) {
        Label l = new Label(text);
        l.setMnemonicParsing(true);
        l.setLabelFor(field);
        return Controls.whole(l);
    }

    /** The rule in words, with the parameters in force. */
    static String rule(LoopRules r) {
        return String.format(
                Locale.ROOT,
                "The rule, from the target's decided battles per category: weight → weight × (1 + α · (loss rate −"
                        + " mean loss rate)), α = %s, the mean over the skill's categories with at least %d decided"
                        + " battles (fewer: the weight stays); one step stays within half and twice the weight, two"
                        + " decimals. Easy (ties ≥ %s, or every battle a strong win): one more refinement round. Too"
                        + " hard (both answers bad ≥ %s): one round fewer and a review of the generator prompt.",
                LoopViewModel.format(r.alpha()),
                r.minBattles(),
                IterationsPane.percent(r.easyTieShare()),
                IterationsPane.percent(r.bothBadShare()));
    }

    private void buildTable() {
        table.setId("loop-proposals");
        table.setEditable(true);
        table.setItems(model.proposals());
        table.setPlaceholder(new Label("No proposals."));
        TableColumn<ProposalRow, Boolean> tick = new TableColumn<>("Accept");
        tick.setCellValueFactory(d -> d.getValue().ticked());
        tick.setCellFactory(CheckBoxTableCell.forTableColumn(tick));
        tick.setEditable(true);
        tick.setPrefWidth(80);
        tick.setMinWidth(80);
        TableColumn<ProposalRow, String> reason =
                column("Reason", 560, r -> r.proposal().reason());
        reason.setCellFactory(c -> new WholeTextCell());
        // a goal's "to" is a sentence: the cell ellipsizes it on one line, its tooltip and the detail hold it whole
        TableColumn<ProposalRow, String> change = column("Change", 200, r -> change(r.proposal()));
        change.setCellFactory(c -> new WholeTextCell());
        table.getColumns()
                .setAll(List.of(
                        tick,
                        column("Kind", 70, r -> r.proposal().kind().id()),
                        column("Category", 240, r -> r.proposal().category()),
                        change,
                        column("Decided", 110, ProposalRow::decidedText),
                        column(
                                "Battles",
                                70,
                                r -> String.valueOf(r.proposal().evidence().size())),
                        reason,
                        column("Skill", 190, r -> r.proposal().skill())));
        table.getColumns().forEach(c -> c.setSortable(false));
        table.getColumns().stream().filter(c -> c != tick).forEach(c -> c.setEditable(false));
        model.selected().bind(table.getSelectionModel().selectedItemProperty());
        // the first proposal selected (its battles shown below) whenever the list comes without a selection
        model.proposals().addListener((ListChangeListener<ProposalRow>) c -> {
            if (table.getSelectionModel().isEmpty() && !model.proposals().isEmpty()) {
                table.getSelectionModel().select(0);
                table.getFocusModel().focus(0);
            }
        });
        table.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.SPACE && !e.isShortcutDown()) {
                model.toggle(table.getFocusModel().getFocusedItem());
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER
                    && !e.isShortcutDown()
                    && !evidence.getItems().isEmpty()) {
                // the evidence one key away
                evidence.requestFocus();
                evidence.getSelectionModel().selectFirst();
                evidence.getFocusModel().focus(0);
                e.consume();
            }
        });
    }

    /** A cell of one line, ellipsized, its whole text in a tooltip. */
    private static final class WholeTextCell extends TableCell<ProposalRow, String> {
        WholeTextCell() {
            setWrapText(false);
            setTextOverrun(OverrunStyle.ELLIPSIS);
        }

        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            setText(empty ? null : text);
            setTooltip(empty || text == null ? null : wrapped(text));
        }

        private static Tooltip wrapped(String text) {
            Tooltip t = new Tooltip(text);
            t.setWrapText(true);
            t.setMaxWidth(520);
            return t;
        }
    }

    /** What a proposal changes, as the list shows it: "1.0 → 1.38", "suggester v1 → make the instruction…". */
    static String change(Proposal p) {
        return p.from() + " → " + p.to();
    }

    /** The selected proposal below the list: its reason, and a goal's new text whole (the list cuts it). */
    static String detail(Proposal p) {
        return p.reason() + "." + (p.kind() == ProposalKind.GOAL ? " The new goal: “" + p.to() + "”." : "");
    }

    private void buildEvidence() {
        evidence.setId("loop-evidence");
        evidence.setItems(model.evidence());
        evidence.setPlaceholder(new Label("No battles to show."));
        evidence.getColumns()
                .setAll(List.of(
                        column("Battle", 70, r -> String.valueOf(r.id())),
                        column("How it went", 250, EvidenceRow::decision),
                        column("Model A", 130, EvidenceRow::modelA),
                        column("Model B", 130, EvidenceRow::modelB),
                        column("Prompt", 520, EvidenceRow::prompt)));
        evidence.getColumns().forEach(c -> c.setSortable(false));
        evidence.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                table.requestFocus();
                e.consume();
            }
        });
    }

    private static <S> TableColumn<S, String> column(String title, double width, Function<S, String> text) {
        TableColumn<S, String> c = new TableColumn<>(title);
        // never narrower than its title (about 9 px a character with the cell's padding)
        double whole = title.length() * 9 + 26;
        c.setMinWidth(whole);
        c.setPrefWidth(Math.max(width, whole));
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(text.apply(d.getValue())));
        return c;
    }

    Node node() {
        return scroll;
    }

    TableView<ProposalRow> table() {
        return table;
    }

    TableView<EvidenceRow> evidence() {
        return evidence;
    }

    TextField alpha() {
        return alpha;
    }
}
