package io.arenainstruct.studio.service.loop;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.TaxonomyNode;
import io.arenainstruct.studio.domain.TaxonomyVersion;
import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.InstructionSelection;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.flow.Flow;
import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.domain.flow.PromptVersion;
import io.arenainstruct.studio.domain.iteration.Iteration;
import io.arenainstruct.studio.domain.loop.Acceptance;
import io.arenainstruct.studio.domain.loop.AcceptanceRecord;
import io.arenainstruct.studio.domain.loop.AcceptanceRecord.Change;
import io.arenainstruct.studio.domain.loop.CategoryStats;
import io.arenainstruct.studio.domain.loop.LoopReport;
import io.arenainstruct.studio.domain.loop.LoopRules;
import io.arenainstruct.studio.domain.loop.Proposal;
import io.arenainstruct.studio.domain.loop.ProposalDecision;
import io.arenainstruct.studio.domain.loop.ProposalKind;
import io.arenainstruct.studio.domain.loop.UndoneAcceptance;
import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.service.export.BattleDecision;
import io.arenainstruct.studio.service.export.PromptOrigins;
import io.arenainstruct.studio.service.export.VerdictUse;
import io.arenainstruct.studio.service.flow.FlowService;
import io.arenainstruct.studio.service.flow.FlowYaml;
import io.arenainstruct.studio.service.run.InstructionService;
import io.arenainstruct.studio.service.taxonomy.TaxonomyService;
import io.arenainstruct.studio.service.taxonomy.TaxonomyYaml;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.BattleRepository;
import io.arenainstruct.studio.store.ProposalRepository;

/**
 * The loop's proposals from the target model's battles (decision 0016); read-only, nothing is stored.
 *
 * <p>Each battle with the target is decided as an export decides it ({@link BattleDecision}, people over judges);
 * battles not decided, decided by judges whose two games contradict each other, or on a prompt of no run (no skill or
 * category: see {@link PromptOrigins}) are left out and counted in a note. Per skill and category of the run
 * instruction the prompt stands for: decided battles, the target's losses, wins, ties, both-bad, strong wins, and how
 * many people decided.
 *
 * <p><b>Weights.</b> In a skill, the mean loss rate is the target's losses over its decided battles in the categories
 * with at least {@code minBattles} of them (so weighted by battles). Each of those categories' taxonomy weight becomes
 * {@code weight × (1 + α · (loss rate − mean loss rate))}, clamped to [weight/2, weight×2] and to the weights a
 * taxonomy takes, rounded to two decimals; no proposal when that is the current weight. Categories with fewer
 * battles do not move (a note says so). Means are per skill because weights are relative within one taxonomy.
 *
 * <p><b>Complexity.</b> Among categories with at least {@code minBattles} battles: easy when ties are at least
 * {@code easyTieShare} of them, or every one is a win on a strong verdict: one more refinement round; too hard when
 * both-bad is at least {@code bothBadShare} of them: one round fewer and a review of the generator prompt of that
 * category. Refinement rounds are a flow's (one skill's), not a category's: a rounds proposal changes the whole skill.
 * An easy category also gets a goal proposal: a harder goal for that category in the skill's suggester prompt (a new
 * prompt version when accepted; see {@link SuggesterGoals}), unless the prompt holds one for it already.
 */
public final class LoopService {
    private static final int PAGE = 500;

    private final BattleRepository battles;
    private final ArenaRepository arena;
    private final InstructionService instructions;
    private final TaxonomyService taxonomies;
    private final FlowService flows;
    private final Function<String, Optional<Taxonomy>> shippedTaxonomy;
    private final ProposalRepository decisions;
    private final IntSupplier currentIteration;
    private final Supplier<List<Iteration>> iterations;
    private final Clock clock;

    /**
     * @param shippedTaxonomy  the taxonomy shipped for a skill, read (not saved) when the store has none for it, as a
     *                         run would take it
     * @param currentIteration the number of the newest iteration, which decisions are recorded in
     * @param iterations       the iterations, first to last (an earlier iteration's acceptance ends its evidence)
     */
    public LoopService(
            BattleRepository battles,
            ArenaRepository arena,
            InstructionService instructions,
            TaxonomyService taxonomies,
            FlowService flows,
            Function<String, Optional<Taxonomy>> shippedTaxonomy,
            ProposalRepository decisions,
            IntSupplier currentIteration,
            Supplier<List<Iteration>> iterations,
            Clock clock) {
        this.battles = battles;
        this.arena = arena;
        this.instructions = instructions;
        this.taxonomies = taxonomies;
        this.flows = flows;
        this.shippedTaxonomy = shippedTaxonomy;
        this.decisions = decisions;
        this.currentIteration = currentIteration;
        this.iterations = iterations;
        this.clock = clock;
    }

    /**
     * Accepts proposals for {@code target} under {@code rules}, recomputed now as {@link #propose} makes them: the
     * ones named by {@code ids}, or all when {@code ids} is empty. In one transaction, accepted weights are set in the
     * skill's taxonomy (the shipped one is saved first when the store has none), accepted rounds become the skill's
     * refinement rounds (its goals kept), and accepted prompt reviews are only recorded (a person reviews the prompt);
     * every proposal of the report is recorded in the newest iteration, accepted or not.
     *
     * @throws IllegalArgumentException no model has that name, an id is not a proposal now (the message lists the
     *                                  ones there are), or two accepted proposals set one skill's rounds apart
     */
    public Acceptance accept(String target, LoopRules rules, List<String> ids, String who) {
        LoopReport report = propose(target, rules);
        Map<String, Proposal> byId = new LinkedHashMap<>();
        report.proposals().forEach(p -> byId.put(p.id(), p));
        Set<String> chosen = new LinkedHashSet<>(ids);
        List<String> unknown =
                chosen.stream().filter(id -> !byId.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    (unknown.size() == 1 ? "There is no proposal " : "There are no proposals ")
                            + String.join(", ", unknown) + " for " + target + " now; "
                            + (byId.isEmpty()
                                    ? "there are none."
                                    : "the proposals are " + String.join(", ", byId.keySet()) + "."));
        }
        List<Proposal> accepted = report.proposals().stream()
                .filter(p -> chosen.isEmpty() || chosen.contains(p.id()))
                .toList();
        Map<String, Integer> rounds = rounds(accepted);
        int iteration = currentIteration.getAsInt();
        List<String> applied = decisions.inOneTransaction(() -> {
            List<String> done = new ArrayList<>();
            List<Change> changes = new ArrayList<>();
            applyWeights(accepted, iteration, done, changes);
            rounds.forEach((skill, to) -> {
                Flow flow = flows.find(skill)
                        .orElseThrow(() -> new IllegalStateException("the flow of " + skill + " is gone"));
                flows.saveRefinement(skill, to, flow.goals());
                done.add("rounds " + skill + " " + flow.rounds() + " → " + to);
                changes.add(new Change(AcceptanceRecord.Kind.ROUNDS, skill, null, flow.rounds(), to));
            });
            applyGoals(accepted, iteration, done, changes);
            accepted.stream()
                    .filter(p -> p.kind() == ProposalKind.PROMPT)
                    .forEach(p -> done.add("prompt " + p.skill() + "/" + p.category() + ": review " + p.from()
                            + " (recorded; nothing changes until the prompt is edited)"));
            Long acceptance = accepted.isEmpty()
                    ? null
                    : decisions.recordAcceptance(iteration, target, clock.instant(), who, changes);
            decisions.save(
                    report.proposals().stream()
                            .map(p -> new ProposalDecision(iteration, p, accepted.contains(p), clock.instant(), who))
                            .toList(),
                    acceptance);
            return done;
        });
        return new Acceptance(iteration, report, accepted, applied);
    }

    /** The rounds each skill gets from the accepted rounds proposals; refused when two set one skill apart. */
    private static Map<String, Integer> rounds(List<Proposal> accepted) {
        Map<String, Proposal> bySkill = new TreeMap<>();
        for (Proposal p : accepted) {
            if (p.kind() != ProposalKind.ROUNDS) {
                continue;
            }
            Proposal other = bySkill.putIfAbsent(p.skill(), p);
            if (other != null && !other.to().equals(p.to())) {
                // rounds are a skill's, not a category's: both cannot hold
                throw new IllegalArgumentException(other.id() + " and " + p.id() + " set the refinement rounds of "
                        + p.skill() + " to " + other.to() + " and " + p.to() + "; accept one of them.");
            }
        }
        Map<String, Integer> out = new TreeMap<>();
        bySkill.forEach((skill, p) -> out.put(skill, Integer.parseInt(p.to())));
        return out;
    }

    /**
     * Sets the accepted weights, one taxonomy save (a version) per skill, made by "loop: accepted IDS in iteration N".
     * A skill the store has no taxonomy for gets the shipped one saved first, as its own version, so an undo has a
     * version to go back to.
     */
    private void applyWeights(List<Proposal> accepted, int iteration, List<String> done, List<Change> changes) {
        Map<String, List<Proposal>> bySkill = new TreeMap<>();
        accepted.stream()
                .filter(p -> p.kind() == ProposalKind.WEIGHT)
                .forEach(p -> bySkill.computeIfAbsent(p.skill(), k -> new ArrayList<>())
                        .add(p));
        bySkill.forEach((skill, weights) -> {
            Taxonomy taxonomy = taxonomies
                    .find(skill)
                    .or(() -> shippedTaxonomy.apply(skill))
                    .orElseThrow(() -> new IllegalStateException("the taxonomy of " + skill + " is gone"));
            taxonomies.save(
                    taxonomy.deepCopy(), "loop: the taxonomy before accepting weights in iteration " + iteration);
            int before = taxonomies.newestVersion(skill).orElseThrow().number();
            for (Proposal p : weights) {
                TaxonomyNode node = taxonomy.categories().stream()
                        .filter(c -> c.name().equalsIgnoreCase(p.category()))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException(p.category() + " is gone from " + skill));
                double from = node.weight();
                node.setWeight(Double.parseDouble(p.to()));
                done.add("weight " + skill + "/" + node.name() + " " + TaxonomyYaml.formatWeight(from) + " → "
                        + TaxonomyYaml.formatWeight(node.weight()));
            }
            int after = taxonomies
                    .save(taxonomy, "loop: accepted " + ids(weights) + " in iteration " + iteration)
                    .orElse(before);
            changes.add(new Change(AcceptanceRecord.Kind.TAXONOMY, skill, null, before, after));
        });
    }

    /** Adds each accepted goal to its skill's suggester prompt, one new prompt version per skill. */
    private void applyGoals(List<Proposal> accepted, int iteration, List<String> done, List<Change> changes) {
        Map<String, List<Proposal>> bySkill = new TreeMap<>();
        accepted.stream()
                .filter(p -> p.kind() == ProposalKind.GOAL)
                .forEach(p -> bySkill.computeIfAbsent(p.skill(), k -> new ArrayList<>())
                        .add(p));
        bySkill.forEach((skill, goals) -> {
            Agent suggester = flows.find(skill)
                    .orElseThrow(() -> new IllegalStateException("the flow of " + skill + " is gone"))
                    .suggester();
            Prompt prompt = suggester.prompt();
            for (Proposal p : goals) {
                prompt = SuggesterGoals.with(prompt, p.category(), p.to());
            }
            PromptVersion saved = flows.savePrompt(
                    skill, suggester.id(), prompt, "loop: accepted " + ids(goals) + " in iteration " + iteration);
            for (Proposal p : goals) {
                done.add("goal " + skill + "/" + p.category() + ": " + suggester.id() + " v" + suggester.version()
                        + " → v" + saved.version() + " with a harder goal for " + p.category());
            }
            changes.add(new Change(
                    AcceptanceRecord.Kind.PROMPT, skill, suggester.id(), suggester.version(), saved.version()));
        });
    }

    /** Says which versions made after the acceptance's {@code after} an undo sets aside (none: empty). */
    private static String setAside(int after, int newest) {
        if (newest <= after) {
            return "";
        }
        return newest == after + 1
                ? " (version " + newest + ", made after the acceptance, is set aside too; it stays listed)"
                : " (versions " + (after + 1) + " to " + newest
                        + ", made after the acceptance, are set aside too; they stay listed)";
    }

    private static String ids(List<Proposal> proposals) {
        return String.join(", ", proposals.stream().map(Proposal::id).toList());
    }

    /** The newest acceptance that stands: what {@link #undoAccept} would undo. */
    public Optional<AcceptanceRecord> lastAcceptance() {
        return decisions.lastStanding();
    }

    /**
     * Undoes the newest acceptance that stands, which must be for {@code target}: in one transaction, each taxonomy it
     * changed gets the version from before it back (restored as a new version), each skill its refinement rounds from
     * before (goals kept), each prompt it changed its version from before (reverted as a new version); the proposals
     * it accepted are recorded as undone. Edits made after the acceptance are set aside too, but stay in the
     * versions.
     *
     * @throws IllegalArgumentException no acceptance stands, or the newest is for another model
     */
    public UndoneAcceptance undoAccept(String target, String who) {
        AcceptanceRecord last = decisions
                .lastStanding()
                .orElseThrow(() -> new IllegalArgumentException("Nothing to undo: no acceptance of proposals stands."));
        if (!last.target().equals(target)) {
            throw new IllegalArgumentException("The newest acceptance was for " + last.target() + " (iteration "
                    + last.iteration() + "), not " + target + "; undo it with --target " + last.target() + ".");
        }
        String why = "undo of the loop acceptance in iteration " + last.iteration();
        return decisions.inOneTransaction(() -> {
            List<String> restored = new ArrayList<>();
            List<Change> changes = new ArrayList<>(last.changes());
            Collections.reverse(changes);
            for (Change ch : changes) {
                switch (ch.kind()) {
                    case TAXONOMY -> {
                        // edits after the acceptance are set aside only when the taxonomy is not what it made
                        Optional<TaxonomyVersion> newest = taxonomies.newestVersion(ch.skill());
                        Optional<TaxonomyVersion> made = taxonomies.version(ch.skill(), ch.after());
                        boolean edited = newest.isPresent()
                                && made.isPresent()
                                && !newest.get().taxonomy().sameAs(made.get().taxonomy());
                        TaxonomyService.Restored r = taxonomies.restore(ch.skill(), ch.before(), why);
                        restored.add("taxonomy " + ch.skill() + ": version " + ch.before()
                                + r.added().stream()
                                        .mapToObj(n -> " restored as version " + n)
                                        .findFirst()
                                        .orElse(" is its content already")
                                + (edited ? setAside(ch.after(), newest.get().number()) : ""));
                    }
                    case ROUNDS -> {
                        Flow flow = flows.find(ch.skill())
                                .orElseThrow(() -> new IllegalStateException("the flow of " + ch.skill() + " is gone"));
                        flows.saveRefinement(ch.skill(), ch.before(), flow.goals());
                        restored.add("rounds " + ch.skill() + " " + flow.rounds() + " → " + ch.before());
                    }
                    case PROMPT -> {
                        List<PromptVersion> history = flows.history(ch.skill(), ch.agent());
                        int newest = history.isEmpty()
                                ? ch.after()
                                : history.get(history.size() - 1).version();
                        PromptVersion v = flows.revert(ch.skill(), ch.agent(), ch.before(), why);
                        restored.add("prompt " + ch.skill() + "/" + ch.agent() + ": version " + ch.before()
                                + " restored as version " + v.version() + setAside(ch.after(), newest));
                    }
                }
            }
            List<String> undone = decisions.markUndone(last.id(), clock.instant(), who);
            return new UndoneAcceptance(last, undone, restored);
        });
    }

    /**
     * For each of {@code current} decided in the newest iteration, whether it was accepted, by proposal id. A record
     * counts only when its from and to are the proposal's: after a weight is accepted, the same id proposes a next
     * step, which is not decided yet. An accepted proposal undone since is open again.
     */
    public Map<String, Boolean> decided(List<Proposal> current) {
        Map<String, ProposalDecision> stored = new LinkedHashMap<>();
        decisions
                .decisions(currentIteration.getAsInt())
                .forEach(d -> stored.put(d.proposal().id(), d));
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Proposal p : current) {
            ProposalDecision d = stored.get(p.id());
            if (d != null
                    && !d.undone()
                    && Objects.equals(d.proposal().from(), p.from())
                    && Objects.equals(d.proposal().to(), p.to())) {
                out.put(p.id(), d.accepted());
            }
        }
        return out;
    }

    /** The models with battles or answers in the store, by name. */
    public List<String> models() {
        return arena.models();
    }

    /** A category's counts as they are read. */
    private static final class Tally {
        int losses;
        int wins;
        int ties;
        int bothBad;
        int strongWins;
        int byPeople;
        final List<Long> ids = new ArrayList<>();

        CategoryStats stats(String skill, String category) {
            return new CategoryStats(
                    skill, category, ids.size(), losses, wins, ties, bothBad, strongWins, byPeople, ids);
        }
    }

    private record Key(String skill, String category) {}

    /**
     * The proposals for {@code target} under {@code rules}.
     *
     * @throws IllegalArgumentException no model has that name (the message lists the models)
     */
    public LoopReport propose(String target, LoopRules rules) {
        Objects.requireNonNull(rules, "rules");
        List<String> models = arena.models();
        if (!models.contains(target)) {
            throw new IllegalArgumentException("There is no model named " + target + "; the models are "
                    + (models.isEmpty() ? "none yet" : String.join(", ", models)) + ".");
        }
        Map<Key, Tally> tallies = new TreeMap<>(Comparator.comparing(Key::skill).thenComparing(Key::category));
        int considered = 0;
        int noRun = 0;
        int undecided = 0;
        int inconsistent = 0;
        int redone = 0;
        BattleFilter filter = new BattleFilter(null, target, null, null);
        // Evidence acted on: the battles up to an earlier iteration whose proposals for the target were accepted
        // moved the weights there; read again they would move them a second time (decision 0016)
        int acted = decisions.lastAcceptedIterationBefore(target, currentIteration.getAsInt());
        Instant since = acted == 0 ? null : startOf(acted + 1);
        int actedOn = 0;
        long after = 0;
        for (List<Battle> page = battles.page(filter, after, PAGE);
                !page.isEmpty();
                page = battles.page(filter, after, PAGE)) {
            Map<Long, List<Verdict>> verdicts =
                    battles.verdicts(page.stream().map(Battle::id).toList());
            List<Long> promptIds = page.stream()
                    .map(Battle::instructionId)
                    .filter(Objects::nonNull)
                    .distinct()
                    .toList();
            List<ArenaInstruction> prompts =
                    promptIds.isEmpty() ? List.of() : arena.instructions(InstructionSelection.ids(promptIds));
            Map<Long, Instruction> origins = PromptOrigins.of(arena, instructions, prompts, null);
            for (Battle b : page) {
                if (since != null && b.createdAt().isBefore(since)) {
                    actedOn++;
                    continue;
                }
                considered++;
                if (BattleRegeneration.STRATEGY.equals(b.strategy())) {
                    // a redo of a both-bad battle (decision 0019): its prompt was picked because the answers failed,
                    // and the target's side is often that failed answer again, already counted as both bad
                    redone++;
                    continue;
                }
                Instruction origin = b.instructionId() == null ? null : origins.get(b.instructionId());
                if (origin == null || origin.category() == null) {
                    noRun++;
                    continue;
                }
                BattleDecision d =
                        BattleDecision.of(b, verdicts.getOrDefault(b.id(), List.of()), VerdictUse.HUMAN_OVER_JUDGE);
                if (!d.decided()) {
                    undecided++;
                    continue;
                }
                if (d.by() != BattleDecision.By.PEOPLE && b.inconsistent()) {
                    // position bias: the combined verdict (mostly a tie) says little about the answers
                    inconsistent++;
                    continue;
                }
                Tally t = tallies.computeIfAbsent(new Key(origin.skill(), origin.category()), k -> new Tally());
                count(t, b, d, target);
            }
            after = page.get(page.size() - 1).id();
        }
        List<CategoryStats> stats = new ArrayList<>();
        tallies.forEach((k, t) -> stats.add(t.stats(k.skill(), k.category())));
        List<String> notes = new ArrayList<>();
        if (actedOn > 0) {
            notes.add("Read: the battles made since iteration " + (acted + 1) + " began; " + actedOn + " battles of "
                    + target + " up to iteration " + acted + " are left out, as proposals accepted there acted on"
                    + " them.");
        }
        leftOut(notes, target, noRun, "on a prompt of no run (imported, so no skill or category)");
        leftOut(notes, target, undecided, "not decided (not judged yet, or judges or people split)");
        leftOut(notes, target, inconsistent, "decided by judges whose two games contradict each other");
        leftOut(
                notes,
                target,
                redone,
                "that redo a both-bad battle (loop regenerate: their prompts were picked for"
                        + " answers already found bad)");
        List<Proposal> proposals = new ArrayList<>();
        Map<String, List<CategoryStats>> bySkill = new TreeMap<>();
        stats.forEach(
                s -> bySkill.computeIfAbsent(s.skill(), k -> new ArrayList<>()).add(s));
        bySkill.forEach((skill, cats) -> propose(skill, cats, target, rules, proposals, notes));
        return new LoopReport(target, rules, considered, stats, proposals, notes);
    }

    /** When iteration {@code number} began (null when there is no such iteration: nothing is made in it yet). */
    private Instant startOf(int number) {
        return iterations.get().stream()
                .filter(i -> i.number() == number)
                .findFirst()
                .map(Iteration::startedAt)
                .orElse(Instant.MAX);
    }

    private static void count(Tally t, Battle b, BattleDecision d, String target) {
        t.ids.add(b.id());
        if (d.by() == BattleDecision.By.PEOPLE) {
            t.byPeople++;
        }
        if (d.outcome() == Outcome.TIE) {
            t.ties++;
        } else if (d.outcome() == Outcome.BOTH_BAD) {
            t.bothBad++;
        } else {
            if (d.lost(b, target)) {
                t.losses++;
            } else {
                t.wins++;
            }
            if (d.strong()) {
                t.strongWins++;
            }
        }
    }

    private static void leftOut(List<String> notes, String target, int n, String why) {
        if (n > 0) {
            notes.add("Left out: " + n + (n == 1 ? " battle" : " battles") + " of " + target + " " + why + ".");
        }
    }

    private void propose(
            String skill,
            List<CategoryStats> cats,
            String target,
            LoopRules rules,
            List<Proposal> proposals,
            List<String> notes) {
        List<CategoryStats> enough =
                cats.stream().filter(s -> s.battles() >= rules.minBattles()).toList();
        List<String> few = cats.stream()
                .filter(s -> s.battles() < rules.minBattles())
                .map(s -> s.category() + " (" + s.battles() + ")")
                .toList();
        if (!few.isEmpty()) {
            notes.add("In " + skill + ", fewer than " + rules.minBattles() + " decided battles, so not moved: "
                    + String.join(", ", few) + ".");
        }
        if (enough.isEmpty()) {
            return;
        }
        int losses = enough.stream().mapToInt(CategoryStats::losses).sum();
        int battlesThere = enough.stream().mapToInt(CategoryStats::battles).sum();
        double mean = (double) losses / battlesThere;
        Optional<Taxonomy> taxonomy = taxonomies.find(skill).or(() -> shippedTaxonomy.apply(skill));
        Optional<Flow> flow = flows.find(skill);
        if (taxonomy.isEmpty()) {
            notes.add("The skill " + skill + " has no taxonomy, so its weights have no proposals.");
        }
        if (flow.isEmpty()) {
            notes.add("The skill " + skill + " has no flow, so its rounds and prompts have no proposals.");
        }
        for (CategoryStats s : enough) {
            taxonomy.ifPresent(t -> weight(t, s, mean, enough.size(), target, rules, proposals, notes));
            flow.ifPresent(f -> complexity(f, s, target, rules, proposals, notes));
        }
    }

    private static void weight(
            Taxonomy taxonomy,
            CategoryStats s,
            double mean,
            int categories,
            String target,
            LoopRules rules,
            List<Proposal> proposals,
            List<String> notes) {
        Optional<TaxonomyNode> node = taxonomy.categories().stream()
                .filter(c -> c.name().equalsIgnoreCase(s.category()))
                .findFirst();
        if (node.isEmpty()) {
            notes.add(s.category() + " is not a category of " + s.skill()
                    + "'s taxonomy now (renamed or deleted since the run), so its weight has no proposal.");
            return;
        }
        double w = node.get().weight();
        double next = rules.nextWeight(w, s.lossRate(), mean);
        if (LoopRules.sameWeight(w, next)) {
            return;
        }
        double raw = w * (1 + rules.alpha() * (s.lossRate() - mean));
        boolean clamped = raw > w * LoopRules.MAX_STEP || raw < w / LoopRules.MAX_STEP;
        String reason = String.format(
                Locale.ROOT,
                "%s loses %s of %d battles in %s (%s in the %d categories of %s with %d or more): weight %s → %s%s",
                target,
                percent(s.lossRate()),
                s.battles(),
                s.category(),
                percent(mean),
                categories,
                s.skill(),
                rules.minBattles(),
                TaxonomyYaml.formatWeight(w),
                TaxonomyYaml.formatWeight(next),
                clamped ? " (one step moves a weight at most ×2 or ÷2)" : "");
        proposals.add(Proposal.of(
                ProposalKind.WEIGHT,
                s.skill(),
                s.category(),
                TaxonomyYaml.formatWeight(w),
                TaxonomyYaml.formatWeight(next),
                reason,
                s.battleIds()));
    }

    private static void complexity(
            Flow flow, CategoryStats s, String target, LoopRules rules, List<Proposal> proposals, List<String> notes) {
        int rounds = flow.rounds();
        String perSkill = "; rounds are set per skill, so this changes every category of " + s.skill();
        boolean manyTies = s.ties() >= rules.easyTieShare() * s.battles() - 1e-9;
        boolean allStrong = s.strongWins() == s.battles();
        if (manyTies || allStrong) {
            String why = manyTies
                    ? String.format(
                            Locale.ROOT,
                            "%s ties %s of %d battles in %s",
                            target,
                            percent((double) s.ties() / s.battles()),
                            s.battles(),
                            s.category())
                    : String.format(
                            Locale.ROOT,
                            "every one of %s's %d battles in %s was won on a strong verdict",
                            target,
                            s.battles(),
                            s.category());
            if (rounds >= FlowYaml.MAX_ROUNDS) {
                notes.add(capitalised(why) + ", but " + s.skill() + " already has the most refinement rounds (" + rounds
                        + ").");
            } else {
                proposals.add(Proposal.of(
                        ProposalKind.ROUNDS,
                        s.skill(),
                        s.category(),
                        String.valueOf(rounds),
                        String.valueOf(rounds + 1),
                        why + " (the instructions look too easy): refinement rounds " + rounds + " → " + (rounds + 1)
                                + perSkill,
                        s.battleIds()));
            }
            goal(flow, s, why, manyTies, proposals, notes);
        }
        if (s.bothBad() >= rules.bothBadShare() * s.battles() - 1e-9) {
            String why = String.format(
                    Locale.ROOT,
                    "both answers were bad in %s of %s's %d battles in %s",
                    percent((double) s.bothBad() / s.battles()),
                    target,
                    s.battles(),
                    s.category());
            if (rounds > 0) {
                proposals.add(Proposal.of(
                        ProposalKind.ROUNDS,
                        s.skill(),
                        s.category(),
                        String.valueOf(rounds),
                        String.valueOf(rounds - 1),
                        why + " (too hard, or broken): refinement rounds " + rounds + " → " + (rounds - 1) + perSkill,
                        s.battleIds()));
            } else {
                notes.add(capitalised(why) + ", but " + s.skill() + " has no refinement rounds to take away.");
            }
            List<Agent> generators = flow.generators().stream()
                    .filter(a -> a.covers(s.category()))
                    .toList();
            if (generators.isEmpty()) {
                notes.add(capitalised(why) + ", but no generator of " + s.skill() + " writes for it.");
            } else {
                String versions = String.join(
                        ", ",
                        generators.stream()
                                .map(a -> a.id() + " v" + a.version())
                                .toList());
                proposals.add(Proposal.of(
                        ProposalKind.PROMPT,
                        s.skill(),
                        s.category(),
                        versions,
                        "review",
                        why + " (too hard, or broken): review the generator prompt (" + versions + ")",
                        s.battleIds()));
            }
        }
    }

    /**
     * A harder goal for an easy category, in the skill's suggester prompt (see {@link SuggesterGoals}); none when the
     * prompt holds a goal for the category already (a note says so).
     */
    private static void goal(
            Flow flow, CategoryStats s, String why, boolean ties, List<Proposal> proposals, List<String> notes) {
        Agent suggester = flow.suggester();
        Optional<String> held = SuggesterGoals.goal(suggester.prompt(), s.category());
        String version = suggester.id() + " v" + suggester.version();
        if (held.isPresent()) {
            notes.add(capitalised(why) + ", but the suggester of " + s.skill() + " (" + version
                    + ") already has a harder goal for it: " + held.get() + ".");
            return;
        }
        proposals.add(Proposal.of(
                ProposalKind.GOAL,
                s.skill(),
                s.category(),
                version,
                SuggesterGoals.harderGoal(ties),
                why + " (the instructions look too easy): give the suggester of " + s.skill() + " a harder goal for "
                        + s.category() + ", as a new version of its prompt (" + version + ")",
                s.battleIds()));
    }

    private static String percent(double rate) {
        return Math.round(rate * 100) + "%";
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
