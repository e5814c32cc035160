package io.arenainstruct.studio.ui.export;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.arenainstruct.studio.domain.AppInfo;
import io.arenainstruct.studio.service.curation.CurationOptions;
import io.arenainstruct.studio.service.export.DatasetCard;
import io.arenainstruct.studio.service.export.ExportCommandLine;
import io.arenainstruct.studio.service.export.ExportFormat;
import io.arenainstruct.studio.service.export.ExportPlan;
import io.arenainstruct.studio.service.export.ExportRow;
import io.arenainstruct.studio.service.export.ExportSelect;
import io.arenainstruct.studio.service.export.ExportService;
import io.arenainstruct.studio.service.export.JsonlWriter;
import io.arenainstruct.studio.service.export.SelectionCounts;
import io.arenainstruct.studio.service.export.SelectionRules;
import io.arenainstruct.studio.service.export.VerdictUse;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.ui.common.DialogService;
import io.arenainstruct.studio.ui.task.Debouncer;
import io.arenainstruct.studio.ui.task.Latest;
import io.arenainstruct.studio.ui.task.TaskExecutor;

/**
 * The Export area's rules and counts (issue 13): the rules as a form, and what they keep (rows and items, what each
 * rule left out, rows per skill and per category, the first rows as JSONL) worked out in the background a moment
 * after the last change. A computation whose rules changed meanwhile is cancelled (it stops at its next page of the
 * store) and its result dropped. Bad values (the shortest answer longer than the longest, a selection the format
 * cannot hold) give the service's sentence in {@link #problem()}, never a dialog. Export writes the selection to a
 * JSONL file in the background, planned again at that moment so the file holds what the rules keep then.
 */
public final class ExportViewModel {
    /** The wait after the last change of a rule before counting: typing "2000" counts once. */
    static final Duration QUIET = Duration.ofMillis(300);
    /** Rows shown as a sample. */
    static final int SAMPLE_ROWS = 5;
    /** The most characters of a sample line shown: model text can be huge, the form must stay quick. */
    static final int SHOWN_LINE = 2_000;

    /** The rules of the form that apply to some selections only. */
    public enum Rule {
        TARGET,
        VERDICTS,
        STRONG,
        CONSISTENT,
        MIN_GAP,
        TIES,
        BOTH_BAD,
        BEST_PAIR,
        ACCEPTED,
        DATASET
    }

    /** What the choosers offer, read from the store in the background. */
    public record Choices(
            List<String> models, List<String> datasets, List<Long> runs, List<String> skills, List<String> categories) {
        public Choices {
            models = List.copyOf(models);
            datasets = List.copyOf(datasets);
            runs = List.copyOf(runs);
            skills = List.copyOf(skills);
            categories = List.copyOf(categories);
        }

        static final Choices NONE = new Choices(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** Reads the choices (the view gives the workspace's lists). */
    @FunctionalInterface
    public interface ChoiceSource {
        Choices read();
    }

    /** A name and its rows, a line of the per-skill and per-category tables. */
    public record Count(String name, long rows) {}

    /** What a computation found; {@code sample} holds the lines to show. */
    private record Result(SelectionCounts counts, String sample) {}

    private final ExportService exports;
    private final ChoiceSource choiceSource;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final Debouncer debouncer;
    private final Latest latest = new Latest();
    private AtomicBoolean cancelRunning;
    private boolean closed;

    private final ObjectProperty<ExportFormat> format = new SimpleObjectProperty<>(ExportFormat.OPENAI);
    private final ObjectProperty<ExportSelect> select =
            new SimpleObjectProperty<>(ExportSelect.defaultFor(ExportFormat.OPENAI));
    private final ObservableList<ExportSelect> selects = FXCollections.observableArrayList();
    private final StringProperty target = new SimpleStringProperty();
    private final ObjectProperty<VerdictUse> verdicts = new SimpleObjectProperty<>(VerdictUse.HUMAN_OVER_JUDGE);
    private final BooleanProperty strongOnly = new SimpleBooleanProperty();
    private final BooleanProperty consistentOnly = new SimpleBooleanProperty(true);
    private final StringProperty minGap = new SimpleStringProperty("");
    private final BooleanProperty allowTies = new SimpleBooleanProperty();
    private final BooleanProperty allowBothBad = new SimpleBooleanProperty();
    private final BooleanProperty bestPairOnly = new SimpleBooleanProperty();
    private final BooleanProperty acceptedOnly = new SimpleBooleanProperty();
    private final StringProperty minChars = new SimpleStringProperty("");
    private final StringProperty maxChars = new SimpleStringProperty("");
    private final ObjectProperty<Long> run = new SimpleObjectProperty<>();
    private final StringProperty dataset = new SimpleStringProperty();
    private final StringProperty skill = new SimpleStringProperty();
    private final StringProperty category = new SimpleStringProperty();
    private final StringProperty limit = new SimpleStringProperty("");
    private final BooleanProperty dedup = new SimpleBooleanProperty(true);
    private final StringProperty nearThreshold =
            new SimpleStringProperty(number(CurationOptions.DEFAULT_NEAR_THRESHOLD));
    private final BooleanProperty metadata = new SimpleBooleanProperty();

    private final ObservableList<String> models = FXCollections.observableArrayList();
    private final ObservableList<String> datasets = FXCollections.observableArrayList();
    private final ObservableList<Long> runs = FXCollections.observableArrayList();
    private final ObservableList<String> skills = FXCollections.observableArrayList();
    private final ObservableList<String> categories = FXCollections.observableArrayList();

    private final ReadOnlyBooleanWrapper computing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<SelectionCounts> counts = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper nothing = new ReadOnlyStringWrapper("");
    private final ObservableList<Count> removed = FXCollections.observableArrayList();
    private final ObservableList<Count> perSkill = FXCollections.observableArrayList();
    private final ObservableList<Count> perCategory = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper sample = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper exportMessage = new ReadOnlyStringWrapper("");
    /** The dataset card's license: a Hugging Face Hub license id, blank for none given. */
    private final StringProperty license = new SimpleStringProperty("");

    private final String store;
    private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper();

    public ExportViewModel(ExportService exports, ChoiceSource choices, TaskExecutor tasks, DialogService dialogs) {
        this(exports, choices, tasks, dialogs, null);
    }

    /** @param store the folder or address named in a dataset card's command; null leaves {@code --store} out */
    public ExportViewModel(
            ExportService exports, ChoiceSource choices, TaskExecutor tasks, DialogService dialogs, String store) {
        this.store = store;
        this.exports = exports;
        this.choiceSource = choices;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.debouncer = tasks.debounce(QUIET, this::refresh);
        selects.setAll(fitting(format.get()));
        format.addListener((obs, o, f) -> {
            // the chooser may drop its value when its items are replaced: only when the selections differ
            if (!selects.equals(fitting(f))) {
                selects.setAll(fitting(f));
            }
            if (select.get() == null || select.get().mismatch(f) != null) {
                select.set(ExportSelect.defaultFor(f));
            }
        });
        Observable[] rules = {
            format,
            select,
            target,
            verdicts,
            strongOnly,
            consistentOnly,
            minGap,
            allowTies,
            allowBothBad,
            bestPairOnly,
            acceptedOnly,
            minChars,
            maxChars,
            run,
            dataset,
            skill,
            category,
            limit,
            dedup,
            nearThreshold,
            metadata
        };
        for (Observable o : rules) {
            o.addListener(x -> changed());
        }
    }

    /** The selections a format holds (instructions and SFT for the SFT formats, …). */
    public static List<ExportSelect> fitting(ExportFormat f) {
        return Arrays.stream(ExportSelect.values())
                .filter(s -> s.mismatch(f) == null)
                .toList();
    }

    /**
     * Why a rule does not apply to the selection (with or without a target model), or null when it does: the form
     * disables the rule's control and says this in its tooltip.
     */
    public static String notApplicable(Rule rule, ExportSelect select, boolean target) {
        boolean battles = select.fromBattles();
        return switch (rule) {
            case TARGET, VERDICTS, STRONG, CONSISTENT, MIN_GAP, DATASET ->
                battles ? null : "Applies to rows from battles (sft, dpo, kto), not to run instructions.";
            case TIES, BOTH_BAD -> {
                if (select != ExportSelect.KTO) {
                    yield "Applies to KTO only: a pair or an SFT row needs a winner.";
                }
                yield target ? "Applies without a target model only: a tie or both-bad verdict names no loser." : null;
            }
            case BEST_PAIR -> select == ExportSelect.DPO ? null : "Applies to DPO preference pairs only.";
            case ACCEPTED ->
                select == ExportSelect.INSTRUCTIONS ? null : "Applies to run instructions only (select instructions).";
        };
    }

    private void changed() {
        if (closed) {
            return;
        }
        // a result for the old rules is not shown; the one running stops at its next page
        latest.invalidate();
        if (cancelRunning != null) {
            cancelRunning.set(true);
        }
        computing.set(true);
        debouncer.trigger();
    }

    /** The area is shown: the choosers are read again and the counts worked out afresh (verdicts may be new). */
    public void visit() {
        tasks.wrap(choiceSource::read)
                .onSuccess(this::showChoices)
                .onFailure(e -> showChoices(Choices.NONE))
                .start();
        refresh();
    }

    private void showChoices(Choices c) {
        setIfChanged(models, c.models());
        setIfChanged(datasets, c.datasets());
        setIfChanged(runs, c.runs());
        setIfChanged(skills, c.skills());
        setIfChanged(categories, c.categories());
    }

    private static <T> void setIfChanged(ObservableList<T> list, List<T> values) {
        if (!list.equals(values)) {
            list.setAll(values);
        }
    }

    /** Counts again now for the rules in the form (F5, and a moment after each change). */
    public void refresh() {
        if (closed) {
            return;
        }
        debouncer.stop();
        if (cancelRunning != null) {
            cancelRunning.set(true);
        }
        SelectionRules rules;
        ExportService.Curation curation;
        try {
            rules = rules();
            curation = curation();
        } catch (IllegalArgumentException e) {
            cancelRunning = null;
            computing.set(false);
            showProblem(e.getMessage());
            return;
        }
        ExportFormat f = format.get();
        boolean meta = metadata.get();
        AtomicBoolean cancel = new AtomicBoolean();
        cancelRunning = cancel;
        computing.set(true);
        tasks.wrap(() -> compute(rules, f, curation, meta, cancel::get))
                .onSuccess(r -> {
                    finished(cancel);
                    show(r);
                })
                .onFailure(e -> {
                    finished(cancel);
                    if (e instanceof IllegalArgumentException) {
                        showProblem(e.getMessage());
                    } else if (!(e instanceof CancellationException)) {
                        showProblem("The selection could not be counted: " + e.getMessage());
                    }
                })
                .latestOnly(latest)
                .start();
    }

    private void finished(AtomicBoolean cancel) {
        if (cancelRunning == cancel) {
            cancelRunning = null;
            computing.set(false);
        }
    }

    /** Runs in the background. */
    private Result compute(
            SelectionRules rules, ExportFormat f, ExportService.Curation curation, boolean meta, Cancellation cancel)
            throws IOException {
        ExportPlan plan = exports.plan(rules, f, curation, cancel);
        if (cancel.isCancelled()) {
            throw new CancellationException("rules changed");
        }
        JsonlWriter writer = new JsonlWriter(f, meta);
        List<String> lines = new ArrayList<>();
        for (ExportRow row : exports.sample(plan, SAMPLE_ROWS, meta)) {
            String line;
            try {
                line = writer.line(row);
            } catch (JsonlWriter.BadRow bad) {
                line = "(this row breaks the " + f.id() + " format's rules: " + bad.getMessage() + ")";
            }
            lines.add(shown(line));
        }
        // a blank line between rows: a wrapped row would otherwise run into the next
        return new Result(plan.counts(), String.join("\n\n", lines));
    }

    private void show(Result r) {
        SelectionCounts c = r.counts();
        problem.set("");
        counts.set(c);
        summary.set(capitalised(c.summary()));
        String none = c.nothingSelected();
        nothing.set(none == null ? "" : none);
        removed.setAll(counts(c.removed()));
        perSkill.setAll(counts(c.perSkill()));
        perCategory.setAll(counts(c.perCategory()));
        sample.set(r.sample());
    }

    private void showProblem(String sentence) {
        problem.set(sentence);
        counts.set(null);
        summary.set("");
        nothing.set("");
        removed.clear();
        perSkill.clear();
        perCategory.clear();
        sample.set("");
    }

    private static List<Count> counts(Map<String, Long> m) {
        return m.entrySet().stream()
                .map(e -> new Count(e.getKey() == null ? "(none)" : e.getKey(), e.getValue()))
                .toList();
    }

    /**
     * A sample line cut for display at {@link #SHOWN_LINE} characters (never inside a surrogate pair), saying how
     * much was left out; the file gets the whole line.
     */
    static String shown(String line) {
        if (line.length() <= SHOWN_LINE) {
            return line;
        }
        int end = SHOWN_LINE;
        if (Character.isHighSurrogate(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(0, end)
                + String.format(Locale.ROOT, " … (%,d more characters in the file)", line.length() - end);
    }

    /** The rules in the form; a bad value throws with a sentence for the curator. */
    public SelectionRules rules() {
        ExportSelect s = select.get() == null ? ExportSelect.defaultFor(format.get()) : select.get();
        return new SelectionRules(
                s,
                blankToNull(target.get()),
                verdicts.get(),
                decimal(minGap.get(), "The minimum score gap"),
                strongOnly.get(),
                consistentOnly.get(),
                allowTies.get(),
                allowBothBad.get(),
                bestPairOnly.get(),
                acceptedOnly.get(),
                whole(minChars.get(), "The shortest answer"),
                whole(maxChars.get(), "The longest answer"),
                run.get(),
                blankToNull(dataset.get()),
                blankToNull(skill.get()),
                blankToNull(category.get()),
                whole(limit.get(), "The row limit"));
    }

    /** The dedup pass in the form, or null when off; a bad threshold throws with a sentence. */
    public ExportService.Curation curation() {
        if (!dedup.get()) {
            return null;
        }
        Double t = decimal(nearThreshold.get(), "The near-duplicate similarity");
        CurationOptions options = CurationOptions.defaults();
        options = t == null ? options.withNear(false) : options.withNearThreshold(t);
        return new ExportService.Curation(options, List.of());
    }

    private static Integer whole(String text, String what) {
        String t = blankToNull(text);
        if (t == null) {
            return null;
        }
        try {
            return Integer.valueOf(t.replace(",", "").replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, not \"" + t + "\".");
        }
    }

    private static Double decimal(String text, String what) {
        String t = blankToNull(text);
        if (t == null) {
            return null;
        }
        try {
            return Double.valueOf(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, not \"" + t + "\".");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String number(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * Asks where to write the selection (and, for an existing file, whether to replace it), then writes it in the
     * background, shown in the status bar with Cancel; the file appears whole or not at all.
     */
    public void export() {
        Request request = request();
        if (request == null) {
            return;
        }
        ExportFormat f = format.get();
        boolean meta = metadata.get();
        String name = "export-" + request.rules().select().id() + "-" + f.id() + ".jsonl";
        Path chosen = dialogs.chooseSaveFile("Export the selection", name, "JSON Lines", "jsonl")
                .map(p -> withExtension(p, "jsonl"))
                .orElse(null);
        if (chosen == null) {
            return;
        }
        boolean replace = Files.exists(chosen);
        if (replace
                && !dialogs.confirm(
                        "Replace the file?",
                        chosen + " already exists. Replace it with this export? (It is replaced only once the"
                                + " export is written whole.)",
                        "Replace")) {
            return;
        }
        write(request, chosen, (plan, cancel) -> exports.write(plan, chosen, meta, replace, cancel), "");
    }

    /**
     * Writes the selection as a dataset folder (Ctrl+Shift+S): {@code data/train.jsonl} and a {@code README.md} card
     * with the command that writes it again; an existing dataset there is replaced only after a confirmation.
     */
    public void exportFolder() {
        Request request = request();
        if (request == null) {
            return;
        }
        Path folder =
                dialogs.chooseFolder("Export the selection as a dataset folder").orElse(null);
        if (folder == null) {
            return;
        }
        boolean replace =
                Files.exists(folder.resolve(DatasetCard.README)) || Files.exists(folder.resolve(DatasetCard.DATA_FILE));
        if (replace
                && !dialogs.confirm(
                        "Replace the dataset?",
                        folder + " already holds a dataset. Replace its rows and card with this export? (They are"
                                + " replaced only once the export is written whole.)",
                        "Replace")) {
            return;
        }
        ExportFormat f = format.get();
        boolean meta = metadata.get();
        String chosenLicense = license.get() == null || license.get().isBlank()
                ? null
                : license.get().strip();
        ExportService.CardRequest card = new ExportService.CardRequest(
                chosenLicense,
                "en",
                ExportCommandLine.line(ExportCommandLine.forFolder(
                        AppInfo.COMMAND,
                        store,
                        request.rules(),
                        f,
                        request.curation() == null ? null : request.curation().options(),
                        meta,
                        folder,
                        chosenLicense,
                        "en")));
        write(
                request,
                folder,
                (plan, cancel) -> exports.writeFolder(plan, folder, meta, replace, card, cancel)
                        .rows(),
                " and a dataset card");
    }

    /** The rules and dedup of the form, checked; null (the curator told) when they cannot be exported. */
    private Request request() {
        Request request;
        try {
            request = new Request(rules(), curation());
            String mismatch = request.rules().select().mismatch(format.get());
            if (mismatch != null) {
                throw new IllegalArgumentException(capitalised(mismatch) + ".");
            }
        } catch (IllegalArgumentException e) {
            dialogs.showError("Cannot export", e.getMessage());
            return null;
        }
        SelectionCounts c = counts.get();
        if (c != null && c.nothingSelected() != null && !computing.get()) {
            dialogs.showInfo("Nothing to export", c.nothingSelected());
            return null;
        }
        return request;
    }

    private record Request(SelectionRules rules, ExportService.Curation curation) {}

    /** Writes a plan somewhere, returning the rows written. */
    private interface Writing {
        long write(ExportPlan plan, Cancellation cancel) throws Exception;
    }

    /**
     * Plans again (the store may have changed since the counts) and writes in the background, shown in the status bar
     * with Cancel; the outcome goes to the message under the button, a failure also to a dialog.
     */
    private void write(Request request, Path where, Writing writing, String also) {
        ExportFormat f = format.get();
        exporting.set(true);
        exportMessage.set("Exporting to " + where + "…");
        tasks.wrap("Exporting to " + where.getFileName(), (progress, cancel) -> {
                    ExportPlan plan = exports.plan(request.rules(), f, request.curation(), cancel);
                    if (plan.counts().nothingSelected() != null) {
                        return new Written(-1, plan.counts().nothingSelected());
                    }
                    return new Written(writing.write(plan, cancel), null);
                })
                .onSuccess(w -> {
                    exporting.set(false);
                    exportMessage.set(
                            w.rows() < 0
                                    ? w.nothing()
                                    : String.format(
                                            Locale.ROOT,
                                            "Wrote %,d %s%s to %s.",
                                            w.rows(),
                                            w.rows() == 1 ? "row" : "rows",
                                            also,
                                            where));
                })
                .onFailure(e -> {
                    exporting.set(false);
                    if (e instanceof CancellationException) {
                        exportMessage.set("Export cancelled; nothing was written to " + where + ".");
                        return;
                    }
                    String sentence = writeProblem(where, e);
                    exportMessage.set(sentence);
                    dialogs.showError("Cannot export", sentence);
                })
                .start();
    }

    private record Written(long rows, String nothing) {}

    /** The dataset card's license (a Hub license id such as apache-2.0); blank: none given. */
    public StringProperty license() {
        return license;
    }

    /** Why the file could not be written, in a sentence. */
    static String writeProblem(Path file, Throwable e) {
        if (e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        if (e instanceof FileAlreadyExistsException fe) {
            // the file itself appeared meanwhile, or a file sits where its folder should be
            return fe.getFile() != null && Path.of(fe.getFile()).equals(file.toAbsolutePath())
                    ? file + " was created meanwhile; export again to replace it."
                    : "Cannot write " + file + ": " + fe.getFile() + " is a file, not a folder.";
        }
        if (e instanceof AccessDeniedException) {
            return "Cannot write " + file + ": permission denied. Choose a folder you can write to.";
        }
        if (e instanceof NoSuchFileException) {
            return "Cannot write " + file + ": its folder does not exist.";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return "Cannot write " + file + ": " + fs.getReason() + ".";
        }
        if (e instanceof JsonlWriter.BadRow) {
            return "Nothing was written to " + file + ": " + e.getMessage() + ".";
        }
        return "Cannot write " + file + ": " + e.getMessage() + ". Nothing was written.";
    }

    /** The file chosen, with {@code .ext} added when its name has none (a name typed bare). */
    static Path withExtension(Path file, String ext) {
        String name = file.getFileName().toString();
        return name.lastIndexOf('.') > 0 ? file : file.resolveSibling(name + "." + ext);
    }

    /** Stops counting: the store is about to close. */
    public void close() {
        closed = true;
        debouncer.stop();
        latest.invalidate();
        if (cancelRunning != null) {
            cancelRunning.set(true);
        }
    }

    public ObjectProperty<ExportFormat> format() {
        return format;
    }

    public ObjectProperty<ExportSelect> select() {
        return select;
    }

    /** The selections the chosen format holds. */
    public ObservableList<ExportSelect> selects() {
        return selects;
    }

    /** The target model; blank or null for none. */
    public StringProperty target() {
        return target;
    }

    public ObjectProperty<VerdictUse> verdicts() {
        return verdicts;
    }

    public BooleanProperty strongOnly() {
        return strongOnly;
    }

    public BooleanProperty consistentOnly() {
        return consistentOnly;
    }

    /** The minimum score gap as typed; blank for none. */
    public StringProperty minGap() {
        return minGap;
    }

    public BooleanProperty allowTies() {
        return allowTies;
    }

    public BooleanProperty allowBothBad() {
        return allowBothBad;
    }

    public BooleanProperty bestPairOnly() {
        return bestPairOnly;
    }

    public BooleanProperty acceptedOnly() {
        return acceptedOnly;
    }

    public StringProperty minChars() {
        return minChars;
    }

    public StringProperty maxChars() {
        return maxChars;
    }

    /** The run; null for all. */
    public ObjectProperty<Long> run() {
        return run;
    }

    public StringProperty dataset() {
        return dataset;
    }

    public StringProperty skill() {
        return skill;
    }

    public StringProperty category() {
        return category;
    }

    public StringProperty limit() {
        return limit;
    }

    /** Whether exact and near duplicates are dropped. */
    public BooleanProperty dedup() {
        return dedup;
    }

    /** The similarity at or above which two prompts are near duplicates, as typed (blank: exact only). */
    public StringProperty nearThreshold() {
        return nearThreshold;
    }

    public BooleanProperty metadata() {
        return metadata;
    }

    public ObservableList<String> models() {
        return models;
    }

    public ObservableList<String> datasets() {
        return datasets;
    }

    public ObservableList<Long> runs() {
        return runs;
    }

    public ObservableList<String> skills() {
        return skills;
    }

    public ObservableList<String> categories() {
        return categories;
    }

    /** Whether the counts shown are for rules changed since (new ones are being worked out). */
    public ReadOnlyBooleanProperty computing() {
        return computing.getReadOnlyProperty();
    }

    /** The last counts for the rules in the form; null while the rules are bad. */
    public ReadOnlyObjectProperty<SelectionCounts> counts() {
        return counts.getReadOnlyProperty();
    }

    /** Why the rules cannot be counted, in a sentence; empty when they can. */
    public ReadOnlyStringProperty problem() {
        return problem.getReadOnlyProperty();
    }

    /** Items kept, rows, and what each rule left out, in one sentence. */
    public ReadOnlyStringProperty summary() {
        return summary.getReadOnlyProperty();
    }

    /** Why nothing is selected; empty when rows are. */
    public ReadOnlyStringProperty nothing() {
        return nothing.getReadOnlyProperty();
    }

    /** Items each rule left out, by the rule in words. */
    public ObservableList<Count> removed() {
        return removed;
    }

    public ObservableList<Count> perSkill() {
        return perSkill;
    }

    public ObservableList<Count> perCategory() {
        return perCategory;
    }

    /** The first rows as their JSONL lines, each cut for display, a blank line between them. */
    public ReadOnlyStringProperty sample() {
        return sample.getReadOnlyProperty();
    }

    /** What the last export did (rows written and where) or why it failed. */
    public ReadOnlyStringProperty exportMessage() {
        return exportMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty exporting() {
        return exporting.getReadOnlyProperty();
    }
}
