package io.arenainstruct.studio.service.loop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.arenainstruct.studio.domain.TimeRange;
import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.BattleLinks;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.InstructionSelection;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.service.arena.AnswerPrompts;
import io.arenainstruct.studio.service.arena.ArenaJobExecution;
import io.arenainstruct.studio.service.arena.ArenaJobService;
import io.arenainstruct.studio.service.arena.ArenaJobService.AnswerRequest;
import io.arenainstruct.studio.service.arena.ArenaJobService.Estimate;
import io.arenainstruct.studio.service.arena.ArenaJobService.JudgeRequest;
import io.arenainstruct.studio.service.export.BattleDecision;
import io.arenainstruct.studio.service.export.VerdictUse;
import io.arenainstruct.studio.service.iteration.IterationService;
import io.arenainstruct.studio.service.llm.EndpointService;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.BattleRepository;

/**
 * Both-bad battles answered again and judged again (issue 14 step 4, decision 0019). A battle is both-bad when its
 * decision says so as an export decides it ({@link BattleDecision}: people's majority where people voted, else the
 * judges); one a person overrode to a win is not. Each such battle not regenerated yet gets new answers to the same
 * prompt, from other endpoints or from the same models asked with a changed answerer prompt, and new battles linked
 * to it; nothing of the failed battle changes. Answering and judging are the arena's jobs ({@link ArenaJobService}),
 * so the call ledger, a resume after a kill and refusing overlapping jobs hold as for any job; running again makes
 * nothing twice: a failed battle with a battle that redoes it is done, and only its new battles still unjudged are
 * judged.
 */
public final class BattleRegeneration {
    /** The strategy regenerated battles record (how they were made). */
    public static final String STRATEGY = "regenerated";

    private static final int PAGE = 500;
    /**
     * At most this many prompts to answer, and battles to judge, in one regeneration: a job names them (ids:) in its
     * config of 100,000 characters, which holds 4,000 ids of any length; the next run takes the rest.
     */
    public static final int BATCH = 4_000;

    private final BattleRepository battles;
    private final ArenaRepository arena;
    private final ArenaJobService jobs;
    private final EndpointService endpoints;
    private final IterationService iterations;
    private final int batch;

    public BattleRegeneration(
            BattleRepository battles,
            ArenaRepository arena,
            ArenaJobService jobs,
            EndpointService endpoints,
            IterationService iterations) {
        this(battles, arena, jobs, endpoints, iterations, BATCH);
    }

    /** With a batch of {@code batch} prompts and battles a run (tests use a small one). */
    BattleRegeneration(
            BattleRepository battles,
            ArenaRepository arena,
            ArenaJobService jobs,
            EndpointService endpoints,
            IterationService iterations,
            int batch) {
        this.battles = battles;
        this.arena = arena;
        this.jobs = jobs;
        this.endpoints = endpoints;
        this.iterations = iterations;
        this.batch = batch;
    }

    /**
     * What to regenerate and how.
     *
     * @param endpoints    who answers again: one endpoint's new answer battles each failed answer; two or more
     *                     endpoints' new answers battle each other
     * @param answerPrompt the answerer prompt's version to ask with ({@code AnswerPrompts}); 0: the instruction as it
     *                     is, so a model that gave a failed answer has nothing new to say
     * @param judges       the judge endpoints; empty: those whose games judged the failed battles
     * @param iteration    only battles created in this iteration; null: any
     * @param category     only battles in this category; null: any
     */
    public record Request(
            List<String> endpoints, int answerPrompt, List<String> judges, Integer iteration, String category) {
        public Request {
            endpoints = List.copyOf(endpoints);
            judges = List.copyOf(judges);
        }
    }

    /** A failed battle left as it is, and why in a curator's words. */
    public record Skipped(long battleId, String reason) {}

    /** One new battle to make: the two models and which endpoint's answer (null: the failed battle's answer). */
    public record Pairing(String modelA, String modelB, Long responseA, Long responseB) {}

    /**
     * What a regeneration will do.
     *
     * @param failed      the both-bad battles to regenerate now, in id order
     * @param pairings    for each of them, the battles to make (a null response: the new answer, known once asked)
     * @param done        both-bad battles in scope regenerated already
     * @param skipped     both-bad battles that cannot be regenerated this way, with the reason
     * @param unjudged    battles made by an earlier regeneration and not judged yet (judged now)
     * @param judges      the judge endpoints that judge the new battles
     * @param left        both-bad battles to regenerate beyond this run's batch ({@link #BATCH}): the next run's
     */
    public record Plan(
            Request request,
            List<Battle> failed,
            Map<Long, List<Pairing>> pairings,
            List<Long> done,
            List<Skipped> skipped,
            List<Long> unjudged,
            List<String> judges,
            int left) {
        public Plan {
            failed = List.copyOf(failed);
            pairings = Map.copyOf(pairings);
            done = List.copyOf(done);
            skipped = List.copyOf(skipped);
            unjudged = List.copyOf(unjudged);
            judges = List.copyOf(judges);
        }

        /** New battles to make. */
        public int battles() {
            return pairings.values().stream().mapToInt(List::size).sum();
        }

        /** The instructions to answer again, in id order. */
        public List<Long> instructions() {
            return failed.stream().map(Battle::instructionId).collect(Collectors.toCollection(TreeSet::new)).stream()
                    .toList();
        }

        /** Whether there is nothing to answer, make or judge. */
        public boolean empty() {
            return failed.isEmpty() && unjudged.isEmpty();
        }

        /** Why nothing is done, in words; null when something is. */
        public String nothing() {
            if (!empty()) {
                return null;
            }
            String scope = (request.iteration() == null ? "" : " in iteration " + request.iteration())
                    + (request.category() == null ? "" : " in category " + request.category());
            if (!done.isEmpty()) {
                return "Nothing to regenerate" + scope + ": " + count(done.size(), "both-bad battle")
                        + (done.size() == 1 ? " is" : " are") + " regenerated already and judged"
                        + (skipped.isEmpty() ? "." : "; " + skippedWords(skipped.size()));
            }
            if (!skipped.isEmpty()) {
                return "Nothing to regenerate" + scope + ": " + skippedWords(skipped.size());
            }
            return "Nothing to regenerate" + scope + ": no battle is decided both bad (by people, or by the judges"
                    + " where no person voted).";
        }

        private static String skippedWords(int n) {
            return count(n, "both-bad battle") + " cannot be regenerated this way (see why above).";
        }
    }

    /** What answering and judging will take, before anything is asked. */
    public record Costs(Estimate answers, Estimate games) {
        public int calls() {
            return answers.calls() + games.calls();
        }
    }

    /** The battles made for a plan, and failed battles whose new answers are missing (their answers failed). */
    public record Made(List<Long> battles, int existing, List<Skipped> missing) {
        public Made {
            battles = List.copyOf(battles);
            missing = List.copyOf(missing);
        }
    }

    /** How a whole regeneration ended ({@link #regenerate}). */
    public record Result(Plan plan, RunStatus answering, Made made, RunStatus judging) {}

    /**
     * The plan for {@code request}: the both-bad battles in scope not regenerated yet and what to make of each.
     *
     * @throws IllegalArgumentException an unknown endpoint or iteration, or endpoints that cannot give new answers
     */
    public Plan plan(Request request) {
        List<Endpoint> pool = endpoints(request.endpoints(), "answering");
        Set<String> models = new LinkedHashSet<>();
        for (Endpoint e : pool) {
            if (!models.add(e.model())) {
                throw new IllegalArgumentException(
                        "Two of the endpoints answer as model " + e.model() + "; name one endpoint per model.");
            }
        }
        if (request.answerPrompt() != 0
                && jobs.answerPrompts().text(request.answerPrompt()).isEmpty()) {
            throw new IllegalArgumentException("There is no answerer prompt version " + request.answerPrompt() + ".");
        }
        if (request.category() != null && !battles.categories().contains(request.category())) {
            List<String> known = battles.categories();
            throw new IllegalArgumentException("No battle is in category " + request.category()
                    + "; the categories are " + (known.isEmpty() ? "none yet" : String.join(", ", known)) + ".");
        }
        TimeRange range = request.iteration() == null ? TimeRange.ALL : iterations.range(request.iteration());
        List<Battle> bothBad = bothBad(range, request.category());
        Map<Long, BattleLinks> links =
                battles.links(bothBad.stream().map(Battle::id).toList());
        List<Battle> failed = new ArrayList<>();
        Map<Long, List<Pairing>> pairings = new LinkedHashMap<>();
        List<Long> done = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        List<Long> made = new ArrayList<>();
        List<Battle> todo = new ArrayList<>();
        for (Battle b : bothBad) {
            BattleLinks l = links.getOrDefault(b.id(), BattleLinks.NONE);
            if (l.regeneratedAs().isEmpty()) {
                todo.add(b);
            } else {
                done.add(b.id());
                made.addAll(l.regeneratedAs());
            }
        }
        List<Long> unjudged = new ArrayList<>();
        for (long id : made) {
            if (unjudged.size() < batch) {
                battles.battle(id)
                        .filter(x -> x.status() == BattleStatus.UNJUDGED)
                        .ifPresent(x -> unjudged.add(id));
            }
        }
        int toJudge = unjudged.size();
        int left = 0;
        for (Battle b : todo) {
            if (b.instructionId() == null) {
                skipped.add(new Skipped(b.id(), "its file named no prompt, so there is nothing to answer again"));
                continue;
            }
            List<Pairing> p = new ArrayList<>();
            String why = pairings(b, pool, request.answerPrompt(), p);
            if (why != null) {
                skipped.add(new Skipped(b.id(), why));
            } else if (failed.size() < batch && toJudge + p.size() <= batch) {
                failed.add(b);
                pairings.put(b.id(), p);
                toJudge += p.size();
            } else {
                left++;
            }
        }
        List<String> judges = request.judges().isEmpty() ? judgesOf(bothBad) : request.judges();
        if (judges.isEmpty() && (!failed.isEmpty() || !unjudged.isEmpty())) {
            throw new IllegalArgumentException("No judge endpoint judged these battles (people or imported verdicts"
                    + " decided them): name the judges with --judges.");
        }
        if (!judges.isEmpty()) {
            endpoints(judges, "judge");
        }
        return new Plan(request, failed, pairings, done, skipped, unjudged, judges, left);
    }

    /**
     * The battles to make for failed battle {@code b} into {@code out}; returns why there are none, or null. With
     * one endpoint its new answer battles each failed answer (of another model); with more, the new answers battle
     * each other. Without an answerer prompt a model of the failed battle has no new answer to give.
     */
    private static String pairings(Battle b, List<Endpoint> pool, int answerPrompt, List<Pairing> out) {
        List<String> fresh = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        for (Endpoint e : pool) {
            boolean answeredIt = e.model().equals(b.modelA()) || e.model().equals(b.modelB());
            (answeredIt && answerPrompt == 0 ? stale : fresh).add(e.model());
        }
        String hint = stale.isEmpty()
                ? ""
                : " (" + String.join(", ", stale) + " gave a failed answer already; ask again with a changed answerer"
                        + " prompt or choose other endpoints)";
        if (pool.size() == 1) {
            if (fresh.isEmpty()) {
                return "no endpoint gives a new answer" + hint;
            }
            String m = fresh.get(0);
            if (!m.equals(b.modelA())) {
                out.add(new Pairing(b.modelA(), m, b.responseA(), null));
            }
            if (!m.equals(b.modelB())) {
                out.add(new Pairing(b.modelB(), m, b.responseB(), null));
            }
            return null;
        }
        if (fresh.size() < 2) {
            return "fewer than two endpoints give a new answer" + hint;
        }
        for (int i = 0; i < fresh.size(); i++) {
            for (int j = i + 1; j < fresh.size(); j++) {
                out.add(new Pairing(fresh.get(i), fresh.get(j), null, null));
            }
        }
        return null;
    }

    /** The battles in scope that are decided both-bad, people over judges, in id order. */
    private List<Battle> bothBad(TimeRange range, String category) {
        List<Battle> out = new ArrayList<>();
        BattleFilter filter = new BattleFilter(null, null, category, null);
        long after = 0;
        for (List<Battle> page = battles.page(filter, after, PAGE);
                !page.isEmpty();
                page = battles.page(filter, after, PAGE)) {
            after = page.get(page.size() - 1).id();
            List<Battle> judged = page.stream()
                    .filter(b -> b.status() != BattleStatus.UNJUDGED)
                    .filter(b -> b.createdAt() == null || range.contains(b.createdAt()))
                    .toList();
            if (judged.isEmpty()) {
                continue;
            }
            Map<Long, List<Verdict>> verdicts =
                    battles.verdicts(judged.stream().map(Battle::id).toList());
            for (Battle b : judged) {
                BattleDecision d =
                        BattleDecision.of(b, verdicts.getOrDefault(b.id(), List.of()), VerdictUse.HUMAN_OVER_JUDGE);
                if (d.outcome() == Outcome.BOTH_BAD) {
                    out.add(b);
                }
            }
        }
        return out;
    }

    /** The endpoints whose judge games are on the battles and that still exist, by name. */
    private List<String> judgesOf(List<Battle> bothBad) {
        Set<String> names = new TreeSet<>();
        List<Long> ids = bothBad.stream().map(Battle::id).toList();
        for (int from = 0; from < ids.size(); from += PAGE) {
            battles.verdicts(ids.subList(from, Math.min(ids.size(), from + PAGE))).values().stream()
                    .flatMap(List::stream)
                    .filter(v -> v.source() == VerdictSource.JUDGE && v.call().endpoint() != null)
                    .forEach(v -> names.add(v.call().endpoint()));
        }
        return names.stream().filter(n -> endpoints.find(n).isPresent()).toList();
    }

    private List<Endpoint> endpoints(List<String> names, String what) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("Name at least one " + what + " endpoint.");
        }
        List<Endpoint> out = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String n : new LinkedHashSet<>(names)) {
            endpoints.find(n.strip()).ifPresentOrElse(out::add, () -> unknown.add(n.strip()));
        }
        if (!unknown.isEmpty()) {
            List<String> known = endpoints.list().stream().map(Endpoint::name).toList();
            throw new IllegalArgumentException("There is no " + what + " endpoint " + String.join(", ", unknown)
                    + "; the endpoints are " + (known.isEmpty() ? "none yet" : String.join(", ", known)) + ".");
        }
        return out;
    }

    /** The answering job's request: the plan's endpoints answer its instructions once, with its answerer prompt. */
    public Optional<AnswerRequest> answerRequest(Plan plan) {
        if (plan.failed().isEmpty()) {
            return Optional.empty();
        }
        String ids = plan.instructions().stream().map(String::valueOf).collect(Collectors.joining(","));
        return Optional.of(new AnswerRequest(
                plan.request().endpoints(), "ids:" + ids, 1, plan.request().answerPrompt()));
    }

    private static JudgeRequest judgeRequest(Plan plan, List<Long> battleIds) {
        String ids = battleIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        return new JudgeRequest(plan.judges(), "graded", "majority", "ids:" + ids, 2);
    }

    /** Calls, tokens and cost of answering and judging, before anything is asked or made. */
    public Costs estimate(Plan plan) {
        Estimate answers = answerRequest(plan).map(jobs::estimate).orElse(none());
        Estimate games = none();
        if (plan.battles() > 0) {
            long promptChars = 0;
            Map<Long, ArenaInstruction> prompts = prompts(plan);
            for (Battle b : plan.failed()) {
                ArenaInstruction i = prompts.get(b.instructionId());
                promptChars += (long) (i == null ? 0 : i.prompt().length())
                        * plan.pairings().get(b.id()).size();
            }
            games = games.plus(jobs.estimateNewBattles(judgeRequest(plan, List.of()), plan.battles(), promptChars));
        }
        if (!plan.unjudged().isEmpty()) {
            games = games.plus(jobs.estimate(judgeRequest(plan, plan.unjudged())));
        }
        return new Costs(answers, games);
    }

    private Map<Long, ArenaInstruction> prompts(Plan plan) {
        Map<Long, ArenaInstruction> out = new LinkedHashMap<>();
        for (ArenaInstruction i : arena.instructions(InstructionSelection.ids(plan.instructions()))) {
            out.put(i.id(), i);
        }
        return out;
    }

    private static Estimate none() {
        return new Estimate(0, 0, 0, 0, 0, null, true);
    }

    /** The answering job, recorded and ready to run; empty when nothing is to be answered. */
    public Optional<ArenaJobExecution> answer(Plan plan) {
        return answerRequest(plan).map(jobs::answer);
    }

    /**
     * Makes the new battles of each failed battle whose new answers are all there, linked to it; a failed battle
     * missing one (its answer failed) gets none now and is planned again next time.
     */
    public Made makeBattles(Plan plan) {
        String agent = plan.request().answerPrompt() == 0 ? null : AnswerPrompts.AGENT;
        Map<Long, Map<String, Long>> answers =
                arena.firstResponses(plan.instructions(), agent, plan.request().answerPrompt());
        List<Long> ids = new ArrayList<>();
        int existing = 0;
        List<Skipped> missing = new ArrayList<>();
        for (Battle f : plan.failed()) {
            Map<String, Long> byModel = answers.getOrDefault(f.instructionId(), Map.of());
            List<Battle> make = new ArrayList<>();
            List<String> lacking = new ArrayList<>();
            for (Pairing p : plan.pairings().get(f.id())) {
                Long a = p.responseA() != null ? p.responseA() : byModel.get(p.modelA());
                Long b = p.responseB() != null ? p.responseB() : byModel.get(p.modelB());
                if (a == null) {
                    lacking.add(p.modelA());
                }
                if (b == null) {
                    lacking.add(p.modelB());
                }
                make.add(new Battle(
                        0,
                        f.instructionId(),
                        p.modelA(),
                        p.modelB(),
                        a,
                        b,
                        1,
                        STRATEGY,
                        f.category(),
                        BattleStatus.UNJUDGED,
                        false,
                        null));
            }
            if (!lacking.isEmpty()) {
                missing.add(new Skipped(
                        f.id(),
                        "no new answer of " + String.join(", ", new TreeSet<>(lacking))
                                + " (its answer failed; run again to ask once more)"));
                continue;
            }
            BattleRepository.Created created = battles.createRegenerations(f.id(), make);
            ids.addAll(created.ids());
            existing += created.existing();
        }
        return new Made(ids, existing, missing);
    }

    /** The judging job over the new battles and earlier ones still unjudged; empty when there are none. */
    public Optional<ArenaJobExecution> judge(Plan plan, Made made) {
        List<Long> ids = new ArrayList<>(new TreeSet<>(plan.unjudged()));
        ids.addAll(made.battles());
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(jobs.judge(judgeRequest(plan, ids)));
    }

    /** Plans, answers, makes the battles and judges them, each job run to its end on this thread. */
    public Result regenerate(Request request) {
        Plan plan = plan(request);
        RunStatus answering = answer(plan).map(ArenaJobExecution::run).orElse(null);
        Made made = makeBattles(plan);
        RunStatus judging = judge(plan, made).map(ArenaJobExecution::run).orElse(null);
        return new Result(plan, answering, made, judging);
    }

    /** The failed battle a battle redoes and the battles that redo it. */
    public BattleLinks links(long battleId) {
        return battles.links(List.of(battleId)).getOrDefault(battleId, BattleLinks.NONE);
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
