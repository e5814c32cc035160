package io.arenainstruct.studio.ui.export;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import io.arenainstruct.studio.service.export.ExportFormat;
import io.arenainstruct.studio.service.export.ExportSelect;
import io.arenainstruct.studio.service.export.VerdictUse;
import io.arenainstruct.studio.ui.common.Controls;
import io.arenainstruct.studio.ui.common.Focus;
import io.arenainstruct.studio.ui.common.LongText;
import io.arenainstruct.studio.ui.common.ReadOnlyText;
import io.arenainstruct.studio.ui.export.ExportViewModel.Count;
import io.arenainstruct.studio.ui.export.ExportViewModel.Rule;

/**
 * The "Rules and counts" tab: the rules as a form on the left (each label with its Alt mnemonic; a rule that does not
 * apply to the selection disabled, its label's and control's tooltip saying why), and on the right what they keep,
 * what each rule left out, rows per skill and per category, and the first rows as JSONL.
 */
final class RulesPane {
    private static final String NONE = "(none)";
    private static final String ALL = "(all)";

    private final ExportViewModel model;
    private final SplitPane root = new SplitPane();
    private final ComboBox<ExportFormat> format = new ComboBox<>();
    private final Map<Rule, List<Control>> ruleControls = new EnumMap<>(Rule.class);
    private final Map<Rule, String> ruleTips = new EnumMap<>(Rule.class);

    RulesPane(ExportViewModel model) {
        this.model = model;
        root.setId("export-rules-pane");
        root.getStyleClass().add("export-rules-pane");
        ScrollPane form = new ScrollPane(form());
        form.setFitToWidth(true);
        form.setId("export-form-scroll");
        root.getItems().setAll(form, results());
        root.setDividerPositions(0.45);
        model.select().addListener((obs, o, n) -> applicability());
        model.target().addListener((obs, o, n) -> applicability());
        applicability();
    }

    Node node() {
        return root;
    }

    /** After the shell's own focus handling of the area switch, as the Leaderboard does. */
    void focus() {
        Platform.runLater(() -> Focus.whenShown(format));
    }

    private Node form() {
        GridPane grid = Controls.labelledColumns(new GridPane());
        grid.setHgap(8);
        grid.setVgap(6);
        grid.setPadding(new Insets(8));
        grid.getStyleClass().add("export-form");
        int row = 0;

        format.setId("export-format");
        format.getItems().setAll(ExportFormat.values());
        format.setConverter(converter(ExportFormat::id));
        format.valueProperty().bindBidirectional(model.format());
        format.setTooltip(new Tooltip("The JSONL format written: openai, sharegpt and alpaca hold instruction and"
                + " answer rows; dpo and dpo-chat preference pairs; kto answers labelled good or bad"));
        row = add(grid, row, "Fo_rmat", format, null);

        ComboBox<ExportSelect> select = new ComboBox<>(model.selects());
        select.setId("export-select");
        select.setConverter(converter(s -> switch (s) {
            case INSTRUCTIONS -> "instructions";
            case SFT -> "sft";
            case DPO -> "dpo";
            case KTO -> "kto";
        }));
        select.valueProperty().bindBidirectional(model.select());
        select.setTooltip(new Tooltip("What the rows are made of: each run instruction's final instruction and"
                + " response; or from battles, the winner's answer (sft), the winner chosen and the loser rejected"
                + " (dpo), or each answer labelled good or bad (kto). Only the selections the format holds are"
                + " offered."));
        row = add(grid, row, "_Select", select, null);

        ComboBox<String> target = new ComboBox<>();
        target.setId("export-target");
        Controls.choicesWithNone(target, NONE, model.models());
        target.valueProperty().addListener((obs, o, n) -> model.target().set(NONE.equals(n) ? null : n));
        row = add(grid, row, "_Target model", target, Rule.TARGET);
        tip(
                Rule.TARGET,
                "Only the battles this model lost, the winner's answer as the target (Arena Learning);"
                        + " none: every decided battle");

        ComboBox<VerdictUse> verdicts = new ComboBox<>();
        verdicts.setId("export-verdicts");
        verdicts.getItems().setAll(VerdictUse.values());
        verdicts.setConverter(converter(v -> switch (v) {
            case HUMAN_OVER_JUDGE -> "people first";
            case HUMAN_ONLY -> "people only";
            case JUDGE_ONLY -> "judges only";
        }));
        verdicts.valueProperty().bindBidirectional(model.verdicts());
        row = add(grid, row, "_Decided by", verdicts, Rule.VERDICTS);
        tip(
                Rule.VERDICTS,
                "Whose verdict decides a battle: people where they voted, else the judges; people only"
                        + " (human-verified battles); or the judges only");

        CheckBox strong = check(
                "export-strong", "Str_ong verdicts only", model.strongOnly().get());
        strong.selectedProperty().bindBidirectional(model.strongOnly());
        row = addWhole(grid, row, strong, Rule.STRONG);
        tip(Rule.STRONG, "A graded judge's verdict must be strong (A>>B or B>>A)");

        CheckBox consistent = check("export-consistent", "Consistent _judge games only", true);
        consistent.selectedProperty().bindBidirectional(model.consistentOnly());
        row = addWhole(grid, row, consistent, Rule.CONSISTENT);
        tip(
                Rule.CONSISTENT,
                "A judge's verdict counts only when its two games agree once the answers are swapped back");

        TextField gap = field("export-min-gap", "e.g. 2", model.minGap().get());
        gap.textProperty().bindBidirectional(model.minGap());
        row = add(grid, row, "Minimum score _gap", gap, Rule.MIN_GAP);
        tip(
                Rule.MIN_GAP,
                "A score judge's verdict must separate the answers by at least this many points (0-10);"
                        + " empty: no minimum");

        CheckBox ties = check("export-ties", "T_ies label both answers good", false);
        ties.selectedProperty().bindBidirectional(model.allowTies());
        row = addWhole(grid, row, ties, Rule.TIES);
        tip(Rule.TIES, "KTO: a tie gives both answers as good rows (off: ties give no rows)");

        CheckBox bothBad = check("export-both-bad", "_Both-bad labels both answers bad", false);
        bothBad.selectedProperty().bindBidirectional(model.allowBothBad());
        row = addWhole(grid, row, bothBad, Rule.BOTH_BAD);
        tip(Rule.BOTH_BAD, "KTO: a both-bad verdict gives both answers as bad rows (off: no rows)");

        CheckBox bestPair = check("export-best-pair", "One _pair per prompt (the surest)", false);
        bestPair.selectedProperty().bindBidirectional(model.bestPairOnly());
        row = addWhole(grid, row, bestPair, Rule.BEST_PAIR);
        tip(Rule.BEST_PAIR, "DPO: of a prompt's pairs keep the surest only (people over judges, strong, widest gap)");

        CheckBox accepted = check("export-accepted", "_Accepted instructions only", false);
        accepted.selectedProperty().bindBidirectional(model.acceptedOnly());
        row = addWhole(grid, row, accepted, Rule.ACCEPTED);
        tip(Rule.ACCEPTED, "Only the instructions a curator accepted in Refinement");

        TextField min = field("export-min-chars", "min", model.minChars().get());
        min.textProperty().bindBidirectional(model.minChars());
        min.setTooltip(new Tooltip("Every exported answer has at least this many characters; empty: no bound"));
        TextField max = field("export-max-chars", "max", model.maxChars().get());
        max.textProperty().bindBidirectional(model.maxChars());
        max.setTooltip(new Tooltip("Every exported answer has at most this many characters; empty: no bound"));
        Label to = Controls.whole(new Label("to"));
        HBox lengths = new HBox(6, min, to, max);
        lengths.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(min, Priority.ALWAYS);
        HBox.setHgrow(max, Priority.ALWAYS);
        row = add(grid, row, "Answer _length (chars)", lengths, null, min);

        ComboBox<Long> run = new ComboBox<>();
        run.setId("export-run");
        run.setConverter(new StringConverter<>() {
            @Override
            public String toString(Long id) {
                return id == null ? ALL : "run " + id;
            }

            @Override
            public Long fromString(String text) {
                return null;
            }
        });
        Runnable fillRuns = () -> {
            Long keep = run.getValue();
            List<Long> all = new ArrayList<>();
            all.add(null);
            all.addAll(model.runs());
            run.getItems().setAll(all);
            run.setValue(keep != null && all.contains(keep) ? keep : null);
        };
        fillRuns.run();
        model.runs().addListener((ListChangeListener<Long>) c -> fillRuns.run());
        run.valueProperty().addListener((obs, o, n) -> model.run().set(n));
        run.setTooltip(new Tooltip("Only the instructions of this run, or the battles on them"));
        row = add(grid, row, "R_un", run, null);

        ComboBox<String> dataset = new ComboBox<>();
        dataset.setId("export-dataset");
        Controls.choicesWithNone(dataset, ALL, model.datasets());
        dataset.valueProperty().addListener((obs, o, n) -> model.dataset().set(ALL.equals(n) ? null : n));
        row = add(grid, row, "I_n dataset", dataset, Rule.DATASET);
        tip(Rule.DATASET, "Only the battles on instructions of this arena dataset");

        ComboBox<String> skill = new ComboBox<>();
        skill.setId("export-skill");
        Controls.choicesWithNone(skill, ALL, model.skills());
        skill.valueProperty().addListener((obs, o, n) -> model.skill().set(ALL.equals(n) ? null : n));
        skill.setTooltip(new Tooltip("Only this skill"));
        row = add(grid, row, "S_kill", skill, null);

        ComboBox<String> category = new ComboBox<>();
        category.setId("export-category");
        Controls.choicesWithNone(category, ALL, model.categories());
        category.valueProperty().addListener((obs, o, n) -> model.category().set(ALL.equals(n) ? null : n));
        category.setTooltip(new Tooltip("Only this category"));
        row = add(grid, row, "_Category", category, null);

        TextField limit = field("export-limit", "all rows", model.limit().get());
        limit.textProperty().bindBidirectional(model.limit());
        limit.setTooltip(new Tooltip(
                "At most this many rows, shared among categories by their taxonomy weights;" + " empty: every row"));
        row = add(grid, row, "Ro_w limit", limit, null);

        CheckBox dedup = check("export-dedup", "Drop duplicates (e_xact and near)", false);
        dedup.selectedProperty().bindBidirectional(model.dedup());
        dedup.setTooltip(new Tooltip("Drop prompts that repeat another one exactly (after normalising) or nearly"));
        row = addWhole(grid, row, dedup, null);

        TextField near =
                field("export-near", "exact only", model.nearThreshold().get());
        near.textProperty().bindBidirectional(model.nearThreshold());
        near.disableProperty().bind(model.dedup().not());
        near.setTooltip(new Tooltip("Two prompts whose word-shingle similarity (Jaccard, 0-1) is at least this are"
                + " near duplicates; empty: exact duplicates only. Turn on dropping duplicates to set it."));
        row = add(grid, row, "Near-duplicate similarit_y", near, null);

        CheckBox metadata = check("export-metadata", "Include _metadata (provenance) in each row", false);
        metadata.selectedProperty().bindBidirectional(model.metadata());
        metadata.setTooltip(new Tooltip("Each row carries a metadata object: seed, skill, category, run, dataset,"
                + " models, judges' games and people's verdicts"));
        row = addWhole(grid, row, metadata, null);

        Label problem = new Label();
        problem.setId("export-problem");
        problem.getStyleClass().addAll("inline-status", "problem");
        problem.setWrapText(true);
        problem.textProperty().bind(model.problem());
        problem.setMinHeight(Region.USE_PREF_SIZE);
        problem.visibleProperty().bind(model.problem().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        grid.add(problem, 0, row, 2, 1);
        return grid;
    }

    private Node results() {
        Button export = Controls.button(
                "Export…", "Write the selection to a JSONL file (Ctrl+S); F5 counts again", model::export);
        export.setId("export-write");
        export.disableProperty().bind(model.exporting());
        Label computing = new Label("Counting…");
        computing.setId("export-computing");
        computing.getStyleClass().add("field-caption");
        computing.visibleProperty().bind(model.computing());
        Label message = new Label();
        message.setId("export-message");
        message.getStyleClass().add("inline-status");
        message.setWrapText(true);
        message.textProperty().bind(model.exportMessage());
        message.managedProperty().bind(model.exportMessage().isNotEmpty());
        message.setMinHeight(Region.USE_PREF_SIZE);
        Button folder = Controls.button(
                "Export as dataset…",
                "Write a folder the Hugging Face Hub takes as it is: data/train.jsonl and a README.md dataset card"
                        + " with counts, ratings, agreement, rules and the command that writes it again"
                        + " (Ctrl+Shift+S)",
                model::exportFolder);
        folder.setId("export-folder");
        folder.disableProperty().bind(model.exporting());
        TextField license = new TextField();
        license.setId("export-license");
        license.setPromptText("card license");
        license.setPrefColumnCount(10);
        license.textProperty().bindBidirectional(model.license());
        license.setTooltip(new Tooltip("The dataset card's license, a Hugging Face Hub license id (apache-2.0,"
                + " cc-by-4.0, mit…); empty: the card says none was given"));
        HBox bar = new HBox(8, export, folder, license, computing);
        bar.setAlignment(Pos.CENTER_LEFT);

        Label summary = new Label();
        summary.setId("export-summary");
        summary.getStyleClass().add("export-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.summary());
        summary.setMinHeight(Region.USE_PREF_SIZE);
        Label nothing = new Label();
        nothing.setId("export-nothing");
        nothing.getStyleClass().addAll("inline-status", "problem");
        nothing.setWrapText(true);
        nothing.textProperty().bind(model.nothing());
        nothing.setMinHeight(Region.USE_PREF_SIZE);
        nothing.visibleProperty().bind(model.nothing().isNotEmpty());
        nothing.managedProperty().bind(nothing.visibleProperty());

        TableView<Count> removed = table("export-removed", "Left out because they", "Items", model.removed());
        TableView<Count> skills = table("export-per-skill", "Skill", "Rows", model.perSkill());
        TableView<Count> categories = table("export-per-category", "Category", "Rows", model.perCategory());
        HBox tables = new HBox(8, skills, categories);
        HBox.setHgrow(skills, Priority.ALWAYS);
        HBox.setHgrow(categories, Priority.ALWAYS);

        TextArea sampleArea = new TextArea();
        sampleArea.setId("export-sample");
        sampleArea.getStyleClass().add("export-sample");
        LongText.wrapUnlessShaped(sampleArea);
        ReadOnlyText sample = new ReadOnlyText(sampleArea);
        sample.getStyleClass().add("export-sample-box");
        model.sample().addListener((obs, o, n) -> sample.setText(n));
        sample.setText(model.sample().get());
        Label sampleLabel = new Label("Sample: the first " + ExportViewModel.SAMPLE_ROWS + " rows as written");
        sampleLabel.setLabelFor(sampleArea);

        VBox box = new VBox(6, bar, message, summary, nothing, removed, tables, sampleLabel, sample);
        box.setPadding(new Insets(8));
        VBox.setVgrow(sample, Priority.ALWAYS);
        box.setMinWidth(0);
        return box;
    }

    private static TableView<Count> table(String id, String what, String number, ObservableList<Count> items) {
        TableView<Count> table = new TableView<>(items);
        table.setId(id);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // the heading and three rows
        table.setPrefHeight(170);
        table.setMinHeight(170);
        TableColumn<Count, String> name = new TableColumn<>(what);
        name.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(LongText.visible(c.getValue().name())));
        TableColumn<Count, String> n = new TableColumn<>(number);
        n.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(
                String.format(Locale.ROOT, "%,d", c.getValue().rows())));
        n.getStyleClass().add("numeric");
        n.setMinWidth(60);
        n.setMaxWidth(90);
        table.getColumns().setAll(List.of(name, n));
        table.setPlaceholder(new Label("None"));
        return table;
    }

    private static CheckBox check(String id, String text, boolean selected) {
        CheckBox box = new CheckBox(text);
        box.setId(id);
        box.setMnemonicParsing(true);
        box.setSelected(selected);
        box.setWrapText(true);
        return box;
    }

    private static TextField field(String id, String prompt, String text) {
        TextField f = new TextField(text);
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(8);
        return f;
    }

    private int add(GridPane grid, int row, String label, Control control, Rule rule) {
        return add(grid, row, label, control, rule, control);
    }

    private int add(GridPane grid, int row, String label, Node shown, Rule rule, Control focused) {
        Label l = new Label(label);
        l.setMnemonicParsing(true);
        l.setLabelFor(focused);
        l.setMinWidth(Label.USE_PREF_SIZE);
        if (focused instanceof ComboBox<?> box) {
            box.setMaxWidth(Double.MAX_VALUE);
        }
        grid.add(l, 0, row);
        grid.add(shown, 1, row);
        if (rule != null) {
            List<Control> controls = new ArrayList<>();
            controls.add(l);
            controls.add(focused);
            ruleControls.put(rule, controls);
        }
        return row + 1;
    }

    private int addWhole(GridPane grid, int row, CheckBox box, Rule rule) {
        grid.add(box, 0, row, 2, 1);
        if (rule != null) {
            ruleControls.put(rule, List.of(box));
        }
        return row + 1;
    }

    private void tip(Rule rule, String text) {
        ruleTips.put(rule, text);
    }

    /**
     * Disables the rules that do not apply to the selection; their tooltips say why. A disabled control shows no
     * tooltip, so a rule with a label keeps the label enabled to carry it.
     */
    private void applicability() {
        ExportSelect s = model.select().get();
        if (s == null) {
            return;
        }
        boolean target = model.target().get() != null && !model.target().get().isBlank();
        for (Map.Entry<Rule, List<Control>> e : ruleControls.entrySet()) {
            String why = ExportViewModel.notApplicable(e.getKey(), s, target);
            String tip = ruleTips.getOrDefault(e.getKey(), "");
            Tooltip tooltip = new Tooltip(why == null ? tip : why + " (" + tip + ")");
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(420);
            for (Control c : e.getValue()) {
                c.setTooltip(tooltip);
                if (!(c instanceof Label)) {
                    c.setDisable(why != null);
                }
            }
        }
    }

    private static <T> StringConverter<T> converter(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : text.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }
}
