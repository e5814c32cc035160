package io.arenainstruct.studio.ui.loop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

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

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.TaxonomyNode;
import io.arenainstruct.studio.domain.TimeRange;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.iteration.Iteration;
import io.arenainstruct.studio.domain.iteration.IterationStatus;
import io.arenainstruct.studio.domain.iteration.TargetFigures;
import io.arenainstruct.studio.domain.loop.Acceptance;
import io.arenainstruct.studio.domain.loop.AcceptanceRecord;
import io.arenainstruct.studio.domain.loop.AcceptanceRecord.Change;
import io.arenainstruct.studio.domain.loop.LoopReport;
import io.arenainstruct.studio.domain.loop.LoopRules;
import io.arenainstruct.studio.domain.loop.Proposal;
import io.arenainstruct.studio.service.agreement.AgreementReport;
import io.arenainstruct.studio.service.agreement.AgreementService;
import io.arenainstruct.studio.service.agreement.JudgeAgreement;
import io.arenainstruct.studio.service.arena.BattleService;
import io.arenainstruct.studio.service.export.BattleDecision;
import io.arenainstruct.studio.service.export.VerdictUse;
import io.arenainstruct.studio.service.iteration.IterationService;
import io.arenainstruct.studio.service.loop.LoopService;
import io.arenainstruct.studio.ui.common.DialogService;
import io.arenainstruct.studio.ui.common.LongText;
import io.arenainstruct.studio.ui.task.Debouncer;
import io.arenainstruct.studio.ui.task.Latest;
import io.arenainstruct.studio.ui.task.TaskExecutor;

/**
 * The Loop area: the iterations of the ArenaInstruct loop with the target model's figures in each, and the proposals
 * its battles make (decision 0016) for the curator to tick and accept. Every read runs in the background; a change of
 * target reads both again, a change of the rules' parameters the proposals (once the curator stops typing).
 */
public final class LoopViewModel {
    /** How long after the last keystroke in a rule's field the proposals are computed again. */
    static final Duration QUIET = Duration.ofMillis(400);

    /** The most evidence battles read for one proposal: the list is for looking, not for counting. */
    static final int EVIDENCE_SHOWN = 200;

    /**
     * The judges' agreement with people over one iteration's battles, pooled: each judge's agreement weighted by the
     * battles it shares with a human majority.
     *
     * @param share  agreeing battles over compared ones; null when no judge shares a battle with people
     * @param judges the judges compared
     */
    public record JudgeHuman(Double share, long battles, int judges, long humanBattles) {
        static JudgeHuman of(AgreementReport report) {
            double agreeing = 0;
            long compared = 0;
            int judges = 0;
            for (JudgeAgreement j : report.judges()) {
                if (j.agreement() != null && j.battles() > 0) {
                    agreeing += j.agreement() * j.battles();
                    compared += j.battles();
                    judges++;
                }
            }
            return new JudgeHuman(compared == 0 ? null : agreeing / compared, compared, judges, report.humanBattles());
        }
    }

    /** One iteration as the dashboard shows it. */
    public record IterationRow(
            IterationStatus status, SortedMap<String, TargetFigures> categories, JudgeHuman agreement) {
        public int number() {
            return status.iteration().number();
        }

        public TargetFigures target() {
            return status.target();
        }
    }

    /** One proposal with the curator's tick and what was decided about it in this iteration. */
    public static final class ProposalRow {
        private final Proposal proposal;
        private final BooleanProperty ticked = new SimpleBooleanProperty();
        private final Boolean decided;

        ProposalRow(Proposal proposal, Boolean decided) {
            this.proposal = proposal;
            this.decided = decided;
        }

        public Proposal proposal() {
            return proposal;
        }

        public BooleanProperty ticked() {
            return ticked;
        }

        /** Accepted (true), passed over (false) in this iteration, or not decided yet (null). */
        public Boolean decided() {
            return decided;
        }

        public String decidedText() {
            return decided == null ? "" : decided ? "accepted" : "not accepted";
        }
    }

    /** One battle behind a proposal. */
    public record EvidenceRow(long id, String prompt, String modelA, String modelB, String decision) {}

    private final IterationService iterations;
    private final AgreementService agreement;
    private final LoopService loop;
    private final BattleService battles;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final Supplier<String> who;
    /** The store's taxonomies, then the shipped ones of skills the store has none for: whose category is whose. */
    private final Supplier<List<Taxonomy>> taxonomies;
    /** The skills each category of the dashboard belongs to, by category name; read with the iterations. */
    private Map<String, String> skills = Map.of();

    private final ObservableList<String> models = FXCollections.observableArrayList();
    private final StringProperty target = new SimpleStringProperty();
    private final ObservableList<IterationRow> iterationRows = FXCollections.observableArrayList();
    private final ObservableList<String> categories = FXCollections.observableArrayList();
    private final StringProperty category = new SimpleStringProperty();
    private final ReadOnlyStringWrapper dashboardMessage = new ReadOnlyStringWrapper("Reading the iterations…");
    private final StringProperty note = new SimpleStringProperty("");

    private final StringProperty alpha = new SimpleStringProperty(format(LoopRules.DEFAULT_ALPHA));
    private final StringProperty minBattles = new SimpleStringProperty(String.valueOf(LoopRules.DEFAULT_MIN_BATTLES));
    private final ReadOnlyObjectWrapper<LoopRules> rules = new ReadOnlyObjectWrapper<>(LoopRules.defaults());
    private final ReadOnlyStringWrapper rulesProblem = new ReadOnlyStringWrapper("");
    private final ObservableList<ProposalRow> proposals = FXCollections.observableArrayList();
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper proposalsMessage = new ReadOnlyStringWrapper("Computing the proposals…");
    private final ObjectProperty<ProposalRow> selected = new SimpleObjectProperty<>();
    private final ObservableList<EvidenceRow> evidence = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper evidenceMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper acceptMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper acceptFailed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    /** The newest acceptance standing for the target, which Undo puts back; null when none. */
    private final ReadOnlyObjectWrapper<AcceptanceRecord> undoable = new ReadOnlyObjectWrapper<>();

    private final Latest undoableRead = new Latest();

    private final Latest dashboardRead = new Latest();
    private final Latest proposalsRead = new Latest();
    private final Latest evidenceRead = new Latest();
    private final Debouncer rulesChanged;

    public LoopViewModel(
            IterationService iterations,
            AgreementService agreement,
            LoopService loop,
            BattleService battles,
            TaskExecutor tasks,
            DialogService dialogs,
            Supplier<String> who,
            Supplier<List<Taxonomy>> taxonomies) {
        this.taxonomies = taxonomies;
        this.iterations = iterations;
        this.agreement = agreement;
        this.loop = loop;
        this.battles = battles;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.who = who;
        this.rulesChanged = tasks.debounce(QUIET, this::readProposals);
        target.addListener((obs, o, n) -> {
            if (n != null && !n.equals(o)) {
                refresh();
            }
        });
        alpha.addListener((obs, o, n) -> parseRules());
        minBattles.addListener((obs, o, n) -> parseRules());
        selected.addListener((obs, o, n) -> readEvidence(n));
    }

    /** Reads the models and the default target, then (the target set) the iterations and the proposals. */
    public void load() {
        tasks.wrap(() -> new Models(loop.models(), iterations.defaultTarget()))
                .onSuccess(m -> {
                    models.setAll(m.names());
                    String keep = target.get();
                    String next = keep != null && m.names().contains(keep)
                            ? keep
                            : m.target()
                                    .filter(m.names()::contains)
                                    .orElse(
                                            m.names().isEmpty()
                                                    ? null
                                                    : m.names().get(0));
                    if (next == null) {
                        iterationRows.clear();
                        proposals.clear();
                        dashboardMessage.set("No model has battles yet: create and judge battles in the Arena, then"
                                + " the loop follows the model you train here.");
                        proposalsMessage.set("Nothing to propose: no model has battles yet.");
                        readDashboard();
                    } else if (next.equals(target.get())) {
                        refresh();
                    } else {
                        target.set(next);
                    }
                })
                .onFailure(e -> dashboardMessage.set("Could not read the models: " + e.getMessage()))
                .start();
    }

    private record Models(List<String> names, Optional<String> target) {}

    /** Reads the iterations and the proposals again (F5). */
    public void refresh() {
        readDashboard();
        readProposals();
        readUndoable();
    }

    private void readUndoable() {
        String t = target.get();
        tasks.wrap(() -> loop.lastAcceptance().filter(a -> a.target().equals(t)))
                .latestOnly(undoableRead)
                .onSuccess(a -> undoable.set(a.orElse(null)))
                .onFailure(e -> undoable.set(null))
                .start();
    }

    private void readDashboard() {
        String t = target.get();
        tasks.wrap(() -> new Dashboard(dashboard(t), skillsOf(taxonomies.get())))
                .latestOnly(dashboardRead)
                .onSuccess(d -> {
                    List<IterationRow> rows = d.rows();
                    skills = d.skills();
                    TreeSet<String> names = new TreeSet<>();
                    rows.forEach(r -> names.addAll(r.categories().keySet()));
                    String keep = category.get();
                    // the categories first: a listener to the rows finds them up to date
                    categories.setAll(names);
                    category.set(keep != null && names.contains(keep) ? keep : null);
                    iterationRows.setAll(rows);
                    dashboardMessage.set(dashboardSummary(rows, t));
                })
                .onFailure(e -> dashboardMessage.set("Could not read the iterations: " + e.getMessage()))
                .start();
    }

    private record Dashboard(List<IterationRow> rows, Map<String, String> skills) {}

    /** Each category name with the skills whose taxonomy has it ("a, b" when several do). */
    static Map<String, String> skillsOf(List<Taxonomy> all) {
        Map<String, TreeSet<String>> found = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Taxonomy t : all) {
            for (TaxonomyNode c : t.categories()) {
                found.computeIfAbsent(c.name(), k -> new TreeSet<>()).add(t.skillId());
            }
        }
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        found.forEach((name, skillIds) -> out.put(name, String.join(", ", skillIds)));
        return out;
    }

    /** The skill (or skills) whose taxonomy has the category; empty when none has it now. */
    public String skillOf(String category) {
        return skills.getOrDefault(category, "");
    }

    private List<IterationRow> dashboard(String t) {
        List<IterationRow> rows = new ArrayList<>();
        for (IterationStatus s : iterations.status(t)) {
            TimeRange range = s.range();
            SortedMap<String, TargetFigures> byCategory = t == null ? new TreeMap<>() : iterations.categories(t, range);
            rows.add(new IterationRow(
                    s, byCategory, JudgeHuman.of(agreement.compute(null, range).overall())));
        }
        return rows;
    }

    private static String dashboardSummary(List<IterationRow> rows, String t) {
        int n = rows.size();
        String it = n == 1 ? "1 iteration" : n + " iterations";
        if (t == null) {
            return it + "; no target model to follow yet.";
        }
        return it + " of " + t + ": each one's rating and win rate come from the battles created in it.";
    }

    private void parseRules() {
        LoopRules now = rules.get();
        try {
            double a = Double.parseDouble(alpha.get().strip());
            int m = Integer.parseInt(minBattles.get().strip());
            LoopRules next = now.withAlpha(a).withMinBattles(m);
            rulesProblem.set("");
            if (!next.equals(now)) {
                rules.set(next);
                rulesChanged.trigger();
            }
        } catch (NumberFormatException e) {
            rulesProblem.set("Alpha is a number such as 1 or 0.5, and the minimum number of battles a whole number"
                    + " such as 20.");
        } catch (IllegalArgumentException e) {
            rulesProblem.set(e.getMessage());
        }
    }

    private void readProposals() {
        String t = target.get();
        LoopRules r = rules.get();
        if (t == null) {
            return;
        }
        tasks.wrap(() -> {
                    LoopReport report = loop.propose(t, r);
                    return new Proposed(report, loop.decided(report.proposals()));
                })
                .latestOnly(proposalsRead)
                .onSuccess(p -> {
                    Map<String, ProposalRow> before = new LinkedHashMap<>();
                    proposals.forEach(row -> before.put(row.proposal().id(), row));
                    List<ProposalRow> rows = new ArrayList<>();
                    for (Proposal proposal : p.report().proposals()) {
                        ProposalRow row = new ProposalRow(proposal, p.decided().get(proposal.id()));
                        // a tick survives a recomputation of the same change (same from and to), not another one
                        ProposalRow old = before.get(proposal.id());
                        row.ticked()
                                .set(old != null
                                        && old.ticked().get()
                                        && old.proposal().from().equals(proposal.from())
                                        && old.proposal().to().equals(proposal.to()));
                        rows.add(row);
                    }
                    proposals.setAll(rows);
                    notes.setAll(p.report().notes());
                    String none = p.report().nothingProposed();
                    proposalsMessage.set(none != null ? none : proposalCount(p.report()));
                })
                .onFailure(e -> {
                    proposals.clear();
                    notes.clear();
                    proposalsMessage.set(e.getMessage());
                })
                .start();
    }

    private record Proposed(LoopReport report, Map<String, Boolean> decided) {}

    private static String proposalCount(LoopReport report) {
        int n = report.proposals().size();
        return (n == 1 ? "1 proposal" : n + " proposals") + " for " + report.target() + " from " + report.considered()
                + (report.considered() == 1 ? " battle" : " battles")
                + ". Tick the ones to accept (Space, or the box), then Accept (Ctrl+Enter).";
    }

    private void readEvidence(ProposalRow row) {
        if (row == null) {
            evidenceRead.invalidate();
            evidence.clear();
            evidenceMessage.set("");
            return;
        }
        Proposal p = row.proposal();
        String t = target.get();
        List<Long> ids =
                p.evidence().subList(0, Math.min(EVIDENCE_SHOWN, p.evidence().size()));
        evidenceMessage.set("Reading the battles behind it…");
        tasks.wrap(() -> evidence(ids, t))
                .latestOnly(evidenceRead)
                .onSuccess(rows -> {
                    evidence.setAll(rows);
                    int all = p.evidence().size();
                    evidenceMessage.set((all == 1 ? "1 battle" : all + " battles") + " behind " + p.id()
                            + (all > rows.size() ? " (the first " + rows.size() + " shown)" : "") + ".");
                })
                .onFailure(e -> evidenceMessage.set("Could not read the battles: " + e.getMessage()))
                .start();
    }

    private List<EvidenceRow> evidence(List<Long> ids, String t) {
        List<Battle> found = new ArrayList<>();
        for (long id : ids) {
            battles.battle(id).ifPresent(found::add);
        }
        Map<Long, List<Verdict>> verdicts = battles.verdicts(ids);
        List<Long> prompts = found.stream()
                .map(Battle::instructionId)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        Map<Long, String> starts = prompts.isEmpty() ? Map.of() : battles.promptStarts(prompts, 120);
        List<EvidenceRow> rows = new ArrayList<>();
        for (Battle b : found) {
            BattleDecision d =
                    BattleDecision.of(b, verdicts.getOrDefault(b.id(), List.of()), VerdictUse.HUMAN_OVER_JUDGE);
            String prompt = b.instructionId() == null ? "" : starts.getOrDefault(b.instructionId(), "");
            rows.add(new EvidenceRow(b.id(), shown(prompt), shown(b.modelA()), shown(b.modelB()), decision(b, d, t)));
        }
        return rows;
    }

    /** How the battle went for the target, and who said so: "T lost (judge)", "tie (people)". */
    static String decision(Battle b, BattleDecision d, String t) {
        if (!d.decided()) {
            return "not decided";
        }
        String by = " (" + d.by().id() + (d.strong() ? ", strong" : "") + ")";
        return switch (d.outcome()) {
            case TIE -> "tie" + by;
            case BOTH_BAD -> "both bad" + by;
            default -> t + (d.lost(b, t) ? " lost" : " won") + by;
        };
    }

    /** Outside text (a prompt, a model's name) on one line, its bidi controls shown as marks. */
    static String shown(String s) {
        return LongText.visible(s.replaceAll("\\s+", " ").strip());
    }

    /** Ticks or unticks the row (Space on the focused row). */
    public void toggle(ProposalRow row) {
        if (row != null) {
            row.ticked().set(!row.ticked().get());
        }
    }

    /**
     * Accepts the ticked proposals after the curator confirms: the others are recorded as not accepted. With none
     * ticked nothing happens but a sentence (the service takes no ids as "all").
     */
    public void accept() {
        String t = target.get();
        List<Proposal> chosen = proposals.stream()
                .filter(r -> r.ticked().get())
                .map(ProposalRow::proposal)
                .toList();
        List<String> ids = chosen.stream().map(Proposal::id).toList();
        if (t == null || busy.get()) {
            return;
        }
        if (ids.isEmpty()) {
            acceptFailed.set(true);
            acceptMessage.set("Nothing ticked: tick the proposals to accept (Space on a row, or its box) first.");
            return;
        }
        int others = proposals.size() - ids.size();
        String message = "Accept " + ids.size() + " of " + proposals.size() + " proposals for " + t + "?\n\n"
                + String.join(
                        "\n",
                        chosen.stream()
                                .map(p -> "• " + p.kind().id() + ", " + p.category() + " (" + p.skill() + "): "
                                        + p.from() + " → " + p.to())
                                .toList())
                + (others == 0
                        ? ""
                        : "\n\nThe other " + (others == 1 ? "one is" : others + " are") + " recorded as not accepted.");
        if (!dialogs.confirm("Accept proposals", message, "Accept")) {
            return;
        }
        LoopRules r = rules.get();
        String by = who.get();
        busy.set(true);
        acceptMessage.set("Accepting…");
        acceptFailed.set(false);
        tasks.wrap(() -> loop.accept(t, r, ids, by == null || by.isBlank() ? null : by))
                .onSuccess(a -> {
                    busy.set(false);
                    proposals.forEach(row -> row.ticked().set(false));
                    acceptMessage.set(accepted(a));
                    refresh();
                })
                .onFailure(e -> {
                    busy.set(false);
                    acceptFailed.set(true);
                    // the service's sentence (rounds set apart by two proposals, a proposal gone) says it all
                    acceptMessage.set(e.getMessage());
                })
                .start();
    }

    private static String accepted(Acceptance a) {
        int passed = a.report().proposals().size() - a.accepted().size();
        return "Accepted " + a.accepted().size() + " in iteration " + a.iteration() + ": "
                + String.join("; ", a.applied()) + "."
                + (passed == 0 ? "" : " " + passed + " recorded as not accepted.");
    }

    /**
     * Undoes the newest acceptance for the target after the curator confirms what it puts back: its proposals are
     * open again.
     */
    public void undoAccept() {
        String t = target.get();
        AcceptanceRecord last = undoable.get();
        if (t == null || busy.get()) {
            return;
        }
        if (last == null) {
            acceptFailed.set(true);
            acceptMessage.set("Nothing to undo: no acceptance of proposals for " + t + " stands.");
            return;
        }
        String message = "Undo the acceptance of iteration " + last.iteration() + " for " + t
                + (last.acceptedBy() == null ? "" : " by " + last.acceptedBy()) + "? It puts back:\n\n"
                + String.join(
                        "\n", last.changes().stream().map(c -> "• " + undone(c)).toList())
                + "\n\nIts proposals are open again; later edits of the same taxonomies and prompts are set aside"
                + " (they stay in the versions).";
        if (!dialogs.confirm("Undo acceptance", message, "Undo")) {
            return;
        }
        String by = who.get();
        busy.set(true);
        acceptFailed.set(false);
        acceptMessage.set("Undoing…");
        tasks.wrap(() -> loop.undoAccept(t, by == null || by.isBlank() ? null : by))
                .onSuccess(u -> {
                    busy.set(false);
                    int n = u.proposals().size();
                    acceptMessage.set("Undid the acceptance of iteration "
                            + u.acceptance().iteration() + ": "
                            + String.join("; ", u.restored()) + ". " + (n == 1 ? "1 proposal" : n + " proposals")
                            + " open again.");
                    refresh();
                })
                .onFailure(e -> {
                    busy.set(false);
                    acceptFailed.set(true);
                    acceptMessage.set(e.getMessage());
                    refresh();
                })
                .start();
    }

    /** What undoing one change puts back, in words. */
    static String undone(Change c) {
        return switch (c.kind()) {
            case TAXONOMY -> "the taxonomy of " + c.skill() + " as it was (version " + c.before() + ")";
            case ROUNDS -> "the refinement rounds of " + c.skill() + ": " + c.after() + " → " + c.before();
            case PROMPT -> "the prompt of " + c.skill() + "/" + c.agent() + " as it was (version " + c.before() + ")";
        };
    }

    /** Starts the next iteration for the target, with the note, after the curator confirms. */
    public void startIteration() {
        if (busy.get()) {
            return;
        }
        String t = target.get();
        String words = note.get();
        int next = iterationRows.isEmpty()
                ? 1
                : iterationRows.get(iterationRows.size() - 1).number() + 1;
        if (!dialogs.confirm(
                "Start iteration " + next,
                "Start iteration " + next + (t == null ? "" : " for " + t) + " now? Runs, battles and verdicts made"
                        + " from now on belong to it; what was made before stays in the earlier iterations.",
                "Start")) {
            return;
        }
        busy.set(true);
        tasks.wrap(() -> iterations.start(t, words))
                .onSuccess(i -> {
                    busy.set(false);
                    note.set("");
                    acceptFailed.set(false);
                    acceptMessage.set("");
                    dashboardMessage.set(started(i));
                    refresh();
                })
                .onFailure(e -> {
                    busy.set(false);
                    dialogs.showError("Could not start the iteration", e.getMessage());
                })
                .start();
    }

    private static String started(Iteration i) {
        return "Started iteration " + i.number() + ".";
    }

    /** Stops the pending recomputation; called when the area closes. */
    public void close() {
        rulesChanged.stop();
        dashboardRead.invalidate();
        proposalsRead.invalidate();
        evidenceRead.invalidate();
        undoableRead.invalidate();
    }

    static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    public ObservableList<String> models() {
        return models;
    }

    public StringProperty target() {
        return target;
    }

    public ObservableList<IterationRow> iterations() {
        return iterationRows;
    }

    /** The categories of the target's battles in any iteration, by name. */
    public ObservableList<String> categories() {
        return categories;
    }

    /** The category whose win rate the chart draws beside the overall one; null for none. */
    public StringProperty category() {
        return category;
    }

    public ReadOnlyStringProperty dashboardMessage() {
        return dashboardMessage.getReadOnlyProperty();
    }

    public StringProperty note() {
        return note;
    }

    public StringProperty alpha() {
        return alpha;
    }

    public StringProperty minBattles() {
        return minBattles;
    }

    public ReadOnlyObjectProperty<LoopRules> rules() {
        return rules.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rulesProblem() {
        return rulesProblem.getReadOnlyProperty();
    }

    public ObservableList<ProposalRow> proposals() {
        return proposals;
    }

    public ObservableList<String> notes() {
        return notes;
    }

    public ReadOnlyStringProperty proposalsMessage() {
        return proposalsMessage.getReadOnlyProperty();
    }

    /** The proposal whose battles are shown. */
    public ObjectProperty<ProposalRow> selected() {
        return selected;
    }

    public ObservableList<EvidenceRow> evidence() {
        return evidence;
    }

    public ReadOnlyStringProperty evidenceMessage() {
        return evidenceMessage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty acceptMessage() {
        return acceptMessage.getReadOnlyProperty();
    }

    /** Whether {@link #acceptMessage()} tells of a refusal. */
    public ReadOnlyBooleanProperty acceptFailed() {
        return acceptFailed.getReadOnlyProperty();
    }

    /** The acceptance {@link #undoAccept()} would undo; null when none stands for the target. */
    public ReadOnlyObjectProperty<AcceptanceRecord> undoable() {
        return undoable.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busy() {
        return busy.getReadOnlyProperty();
    }
}
