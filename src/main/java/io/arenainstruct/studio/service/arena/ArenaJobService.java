package io.arenainstruct.studio.service.arena;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.arenainstruct.studio.domain.arena.ArenaDataset;
import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.ArenaJob;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.InstructionSelection;
import io.arenainstruct.studio.domain.arena.JudgeAgent;
import io.arenainstruct.studio.domain.arena.StructuredOutput;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ModelPrice;
import io.arenainstruct.studio.domain.provenance.Failure;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.service.arena.VerdictRules.Pool;
import io.arenainstruct.studio.service.job.JobProgress;
import io.arenainstruct.studio.service.job.JobRegistry;
import io.arenainstruct.studio.service.job.Pricing;
import io.arenainstruct.studio.service.llm.EndpointService;
import io.arenainstruct.studio.service.llm.ModelGateway;
import io.arenainstruct.studio.store.ArenaJobRepository;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.BattleRepository;

/**
 * Starts, estimates and resumes the arena's jobs: answering instructions with a pool of models, and judging
 * battles with a judge or a jury. A job is recorded with its request first, so it can be resumed after a kill
 * from the store alone; the responses and verdicts it already stored are not asked for again.
 */
public final class ArenaJobService {
    // A judging job's config also names the prompt version it judges with (read apart, not by the request record).
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String PROMPT_VERSION = "promptVersion";
    /** And, per judge endpoint, whether its games carry the verdict schema (the judge's choice as it started). */
    private static final String STRUCTURED = "structured";
    /** Reply lengths assumed for an estimate when the endpoint or judge sets no limit (tokens). */
    private static final int TYPICAL_ANSWER = 600;

    private static final int TYPICAL_JUDGMENT = 700;
    private static final int MAX_SAMPLES = 16;

    private final ArenaRepository arena;
    private final BattleRepository battles;
    private final ArenaJobRepository jobs;
    private final InstructionSelector selector;
    private final EndpointService endpoints;
    private final ModelGateway gateway;
    private final JudgeAgents judges;
    private final JobRegistry<JobProgress<String>> registry;
    private final VerdictChanges changes;
    private final AnswerPrompts answerPrompts;

    public ArenaJobService(
            ArenaRepository arena,
            BattleRepository battles,
            ArenaJobRepository jobs,
            InstructionSelector selector,
            EndpointService endpoints,
            ModelGateway gateway,
            JudgeAgents judges,
            JobRegistry<JobProgress<String>> registry,
            VerdictChanges changes,
            AnswerPrompts answerPrompts) {
        this.arena = arena;
        this.battles = battles;
        this.jobs = jobs;
        this.selector = selector;
        this.endpoints = endpoints;
        this.gateway = gateway;
        this.judges = judges;
        this.registry = registry;
        this.changes = changes;
        this.answerPrompts = answerPrompts;
        // One process has the store open at a time: a job still marked running was stopped by a kill.
        jobs.markInterrupted();
    }

    /**
     * What to answer: each endpoint's model answers each selected instruction {@code perModel} times.
     *
     * @param instructions all, run:ID, dataset:NAME, category:NAME or ids:1,2,3
     * @param answerPrompt the answerer prompt's version the models are asked with ({@link AnswerPrompts}); 0 for
     *                     none, the instruction as it is. Answers asked with a version count only for it.
     */
    public record AnswerRequest(List<String> endpoints, String instructions, int perModel, int answerPrompt) {
        public AnswerRequest {
            endpoints = List.copyOf(endpoints);
        }

        public AnswerRequest(List<String> endpoints, String instructions, int perModel) {
            this(endpoints, instructions, perModel, 0);
        }
    }

    /**
     * What to judge: the selected battles, by each judge endpoint with the judge prompt, in one or two games; a
     * jury when there are several judges.
     *
     * @param battles unjudged, all, status:S, model:M, category:C or ids:1,2,3
     * @param pool    majority or mean
     */
    public record JudgeRequest(List<String> judges, String prompt, String pool, String battles, int games) {
        public JudgeRequest {
            judges = List.copyOf(judges);
        }
    }

    /**
     * What a job will take before it starts.
     *
     * @param items  answers or battles it covers
     * @param done   of those, held by the store already (not asked again)
     * @param calls  model calls still to make (the ledger may answer some)
     * @param cost   null when no model involved has a price
     */
    public record Estimate(
            int items, int done, int calls, long tokensIn, long tokensOut, BigDecimal cost, boolean costComplete) {
        /** Both estimates together; the cost is complete when each part that makes calls has its price. */
        public Estimate plus(Estimate b) {
            BigDecimal sum = cost == null ? b.cost() : b.cost() == null ? cost : cost.add(b.cost());
            boolean complete = (costComplete || calls == 0) && (b.costComplete() || b.calls() == 0);
            return new Estimate(
                    items + b.items(),
                    done + b.done(),
                    calls + b.calls(),
                    tokensIn + b.tokensIn(),
                    tokensOut + b.tokensOut(),
                    sum,
                    complete);
        }
    }

    public JudgeAgents judges() {
        return judges;
    }

    /** The answerer prompt's versions (decision 0019). */
    public AnswerPrompts answerPrompts() {
        return answerPrompts;
    }

    public List<ArenaJob> list() {
        return jobs.list(null);
    }

    public List<Map.Entry<String, Failure<String>>> failures(long jobId) {
        return jobs.failures(jobId);
    }

    public Optional<ArenaJob> job(long jobId) {
        return jobs.find(jobId);
    }

    /** The job's request as the command line says it, e.g. {@code answer --endpoints a,b --instructions all}. */
    public String commandLine(ArenaJob job) {
        try {
            if (job.kind() == ArenaJob.Kind.ANSWER) {
                AnswerRequest r = JSON.readValue(job.config(), AnswerRequest.class);
                return "answer --endpoints " + String.join(",", r.endpoints()) + " --instructions " + r.instructions()
                        + " --per-model " + r.perModel()
                        + (r.answerPrompt() == 0 ? "" : " (answerer prompt version " + r.answerPrompt() + ")");
            }
            JudgeRequest r = JSON.readValue(job.config(), JudgeRequest.class);
            return "judge --judges " + String.join(",", r.judges()) + " --prompt " + orDefault(r.prompt(), "graded")
                    + " --pool " + orDefault(r.pool(), "majority") + " --battles " + orDefault(r.battles(), "unjudged")
                    + " --games " + r.games();
        } catch (JsonProcessingException e) {
            return job.kind().id() + " (a request this version cannot read)";
        }
    }

    /** The request an answering job was recorded with; empty for a judging job or one this version cannot read. */
    public Optional<AnswerRequest> answerRequest(ArenaJob job) {
        if (job.kind() != ArenaJob.Kind.ANSWER) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(job.config(), AnswerRequest.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The request a judging job was recorded with; empty for an answering job or one this version cannot read. */
    public Optional<JudgeRequest> judgeRequest(ArenaJob job) {
        if (job.kind() != ArenaJob.Kind.JUDGE) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(job.config(), JudgeRequest.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /**
     * What answering {@code instructions} instructions not made yet would take (none held, so every answer is a call),
     * each prompt about {@code promptTokens} tokens: the estimate of a later stage, before its instructions exist.
     */
    public Estimate foresee(AnswerRequest request, int instructions, long promptTokens) {
        List<Endpoint> pool = endpoints(request.endpoints(), "answering");
        int items = instructions * samples(request);
        List<long[]> parts = new ArrayList<>();
        for (Endpoint e : pool) {
            long reply = e.maxTokens() != null ? Math.min(e.maxTokens(), TYPICAL_ANSWER) : TYPICAL_ANSWER;
            parts.add(new long[] {(long) items * promptTokens, (long) items * reply});
        }
        return priced(pool, parts, items * pool.size());
    }

    /**
     * What judging {@code battleCount} battles not made yet would take, each battle's prompt and answers about
     * {@code battleTokens} tokens together.
     */
    public Estimate foresee(JudgeRequest request, int battleCount, long battleTokens) {
        List<Endpoint> jury = endpoints(request.judges(), "judge");
        JudgeAgent agent = judgeAgent(request);
        int games = games(request);
        pool(request);
        long templateTokens =
                (agent.prompt().system().length() + agent.prompt().user().length()) / 4;
        long reply = agent.maxTokens() != null ? Math.min(agent.maxTokens(), TYPICAL_JUDGMENT) : TYPICAL_JUDGMENT;
        int perJudge = battleCount * games;
        List<long[]> parts = new ArrayList<>();
        for (int i = 0; i < jury.size(); i++) {
            parts.add(new long[] {perJudge * (templateTokens + battleTokens), perJudge * reply});
        }
        return priced(jury, parts, perJudge * jury.size());
    }

    /** Calls and tokens per endpoint ({in, out} each) priced by the endpoints' models; nothing held yet. */
    private Estimate priced(List<Endpoint> used, List<long[]> parts, int calls) {
        Map<String, ModelPrice> prices = endpoints.prices();
        long in = 0;
        long out = 0;
        BigDecimal cost = null;
        boolean complete = true;
        for (int i = 0; i < used.size(); i++) {
            in += parts.get(i)[0];
            out += parts.get(i)[1];
            ModelPrice price = prices.get(used.get(i).model());
            if (price == null) {
                complete = false;
            } else {
                BigDecimal c = price.cost(parts.get(i)[0], parts.get(i)[1]);
                cost = cost == null ? c : cost.add(c);
            }
        }
        return new Estimate(calls, 0, calls, in, out, cost, complete);
    }

    private static String orDefault(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value.strip();
    }

    /** The judge endpoints' and answerers' endpoints by name, refused with every unknown name listed. */
    private List<Endpoint> endpoints(List<String> names, String what) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("name at least one " + what + " endpoint");
        }
        List<Endpoint> out = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String n : new LinkedHashSet<>(names)) {
            endpoints.find(n.strip()).ifPresentOrElse(out::add, () -> unknown.add(n));
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("there is no endpoint " + String.join(", ", unknown) + " (endpoints: "
                    + String.join(
                            ", ", endpoints.list().stream().map(Endpoint::name).toList()) + ")");
        }
        return out;
    }

    // --- answering ---

    /** The instructions {@code --instructions} names; a dataset that does not exist or nothing selected is refused. */
    private List<ArenaInstruction> instructions(String selection) {
        InstructionSelection parsed = InstructionSelector.parse(selection);
        if (parsed.kind().equals("dataset")
                && arena.datasets().stream().noneMatch(d -> d.name().equals(parsed.value()))) {
            throw new IllegalArgumentException("there is no dataset " + parsed.value() + " (datasets: "
                    + String.join(
                            ", ",
                            arena.datasets().stream().map(ArenaDataset::name).toList()) + ")");
        }
        List<ArenaInstruction> selected = selector.select(parsed);
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("'" + selection.strip() + "' selects no instructions");
        }
        return selected;
    }

    public Estimate estimate(AnswerRequest request) {
        List<Endpoint> pool = endpoints(request.endpoints(), "answering");
        String answererPrompt = answererPrompt(request);
        List<ArenaInstruction> selected = instructions(request.instructions());
        Map<Long, Map<String, Integer>> held = arena.responseCounts(
                selected.stream().map(ArenaInstruction::id).toList(),
                request.answerPrompt() == 0 ? null : AnswerJob.AGENT,
                request.answerPrompt());
        Map<String, ModelPrice> prices = endpoints.prices();
        int items = 0;
        int done = 0;
        long in = 0;
        long out = 0;
        BigDecimal cost = null;
        boolean complete = true;
        for (Endpoint e : pool) {
            long partIn = 0;
            long partOut = 0;
            for (ArenaInstruction i : selected) {
                int have = held.getOrDefault(i.id(), Map.of()).getOrDefault(e.model(), 0);
                int missing = Math.max(0, samples(request) - have);
                items += samples(request);
                done += samples(request) - missing;
                long promptTokens = (i.conversation().stream()
                                                .mapToLong(m -> m.content().length())
                                                .sum()
                                        + (answererPrompt == null ? 0 : answererPrompt.length()))
                                / 4
                        + 8;
                partIn += missing * promptTokens;
                partOut += (long) missing
                        * (e.maxTokens() != null ? Math.min(e.maxTokens(), TYPICAL_ANSWER) : TYPICAL_ANSWER);
            }
            in += partIn;
            out += partOut;
            ModelPrice price = prices.get(e.model());
            if (price == null) {
                complete = false;
            } else {
                BigDecimal c = price.cost(partIn, partOut);
                cost = cost == null ? c : cost.add(c);
            }
        }
        return new Estimate(items, done, items - done, in, out, cost, complete);
    }

    private static int samples(AnswerRequest request) {
        if (request.perModel() < 1 || request.perModel() > MAX_SAMPLES) {
            throw new IllegalArgumentException("--per-model must be from 1 to " + MAX_SAMPLES);
        }
        return request.perModel();
    }

    /** The answerer prompt of the request's version; null for none; a version the store lacks is refused. */
    private String answererPrompt(AnswerRequest request) {
        if (request.answerPrompt() == 0) {
            return null;
        }
        return answerPrompts
                .text(request.answerPrompt())
                .orElseThrow(() ->
                        new IllegalArgumentException("there is no answerer prompt version " + request.answerPrompt()));
    }

    /** Records an answering job and returns it ready to {@link ArenaJobExecution#run()}. */
    public ArenaJobExecution answer(AnswerRequest request) {
        List<Endpoint> pool = endpoints(request.endpoints(), "answering");
        answererPrompt(request);
        int samples = samples(request);
        List<ArenaInstruction> selected = instructions(request.instructions());
        refuseWhileRunning(JobClaim.answering(pool, selected));
        long id = jobs.create(ArenaJob.Kind.ANSWER, json(request), ranBy());
        return answerJob(id, request, pool, samples, selected);
    }

    private AnswerJob answerJob(
            long id, AnswerRequest request, List<Endpoint> pool, int samples, List<ArenaInstruction> selected) {
        return new AnswerJob(
                id,
                selected,
                pool,
                samples,
                request.answerPrompt(),
                answererPrompt(request),
                arena,
                jobs,
                gateway,
                Pricing.at(endpoints.prices()),
                registry);
    }

    // --- judging ---

    /** The battles {@code --battles} names. */
    public List<Long> battleIds(String selection) {
        String s = selection == null ? "unjudged" : selection.strip();
        if (s.startsWith("run:")) {
            try {
                return battles.idsOfRun(Long.parseLong(s.substring(4).strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + s.substring(4).strip() + "' is not a run number");
            }
        }
        if (s.startsWith("ids:")) {
            List<Long> ids = new ArrayList<>();
            for (String part : s.substring(4).split(",")) {
                try {
                    long id = Long.parseLong(part.strip());
                    if (battles.battle(id).isEmpty()) {
                        throw new IllegalArgumentException("there is no battle " + id);
                    }
                    ids.add(id);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + part.strip() + "' is not a battle number");
                }
            }
            return ids;
        }
        return battles.ids(filter(s));
    }

    private static BattleFilter filter(String s) {
        if (s.equals("all")) {
            return BattleFilter.ALL;
        }
        if (s.equals("unjudged")) {
            return new BattleFilter(BattleStatus.UNJUDGED, null, null, null);
        }
        int colon = s.indexOf(':');
        String value = colon < 0 ? "" : s.substring(colon + 1).strip();
        if (!value.isEmpty()) {
            switch (s.substring(0, colon)) {
                case "status":
                    return new BattleFilter(BattleStatus.of(value), null, null, null);
                case "model":
                    return new BattleFilter(null, value, null, null);
                case "category":
                    return new BattleFilter(null, null, value, null);
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("'" + s
                + "' names no battles: use unjudged, all, status:S, model:M, category:C, run:ID" + " or ids:1,2,3");
    }

    private JudgeAgent judgeAgent(JudgeRequest request) {
        String id = request.prompt() == null || request.prompt().isBlank()
                ? "graded"
                : request.prompt().strip();
        return judges.find(id)
                .orElseThrow(() -> new IllegalArgumentException("there is no judge prompt " + id + " (prompts: "
                        + String.join(
                                ", ", judges.all().stream().map(JudgeAgent::id).toList()) + ")"));
    }

    private static Pool pool(JudgeRequest request) {
        String p = request.pool() == null ? "majority" : request.pool().strip().toLowerCase(Locale.ROOT);
        return switch (p) {
            case "majority" -> Pool.MAJORITY;
            case "mean" -> Pool.MEAN;
            default -> throw new IllegalArgumentException("--pool is majority or mean, not " + p);
        };
    }

    private static int games(JudgeRequest request) {
        if (request.games() != 1 && request.games() != 2) {
            throw new IllegalArgumentException("--games is 2 (positions swapped) or 1, not " + request.games());
        }
        return request.games();
    }

    /** Calls and tokens of a judging job; a jury's are its judges' together. */
    public Estimate estimate(JudgeRequest request) {
        List<Endpoint> jury = endpoints(request.judges(), "judge");
        JudgeAgent agent = judgeAgent(request);
        int games = games(request);
        pool(request);
        List<Long> ids = battleIds(request.battles());
        Map<String, ModelPrice> prices = endpoints.prices();
        long templateTokens =
                (agent.prompt().system().length() + agent.prompt().user().length()) / 4;
        int calls = 0;
        int done = 0;
        long in = 0;
        long out = 0;
        BigDecimal cost = null;
        boolean complete = true;
        List<String> keys = new ArrayList<>();
        for (long id : ids) {
            for (Endpoint j : jury) {
                for (int g = 1; g <= games; g++) {
                    keys.add(JudgeJob.gameKey(id, j, agent, g));
                }
            }
        }
        Set<String> stored = new HashSet<>();
        for (int from = 0; from < keys.size(); from += 5000) {
            stored.addAll(battles.storedKeys(keys.subList(from, Math.min(keys.size(), from + 5000))));
        }
        long answerTokens = battleTokens(ids);
        for (Endpoint j : jury) {
            int missing = 0;
            for (long id : ids) {
                for (int g = 1; g <= games; g++) {
                    if (!stored.contains(JudgeJob.gameKey(id, j, agent, g))) {
                        missing++;
                    }
                }
            }
            calls += missing;
            long perCallIn = templateTokens + (ids.isEmpty() ? 0 : answerTokens / ids.size());
            long partIn = missing * perCallIn;
            long partOut = (long) missing
                    * (agent.maxTokens() != null ? Math.min(agent.maxTokens(), TYPICAL_JUDGMENT) : TYPICAL_JUDGMENT);
            in += partIn;
            out += partOut;
            ModelPrice price = prices.get(j.model());
            if (price == null) {
                complete = false;
            } else {
                BigDecimal c = price.cost(partIn, partOut);
                cost = cost == null ? c : cost.add(c);
            }
        }
        done = keys.size() - calls;
        return new Estimate(keys.size(), done, calls, in, out, cost, complete);
    }

    /**
     * Calls and tokens of judging battles not made yet, whose answers are not asked for yet (regenerating both-bad
     * battles estimates before anything is made): {@code battles} battles on prompts of {@code promptChars}
     * characters in all, each answer assumed of typical length.
     */
    public Estimate estimateNewBattles(JudgeRequest request, int battles, long promptChars) {
        List<Endpoint> jury = endpoints(request.judges(), "judge");
        JudgeAgent agent = judgeAgent(request);
        int games = games(request);
        pool(request);
        Map<String, ModelPrice> prices = endpoints.prices();
        long templateTokens =
                (agent.prompt().system().length() + agent.prompt().user().length()) / 4;
        long perCallIn = templateTokens + (battles == 0 ? 0 : promptChars / 4 / battles) + 2L * TYPICAL_ANSWER;
        long perCallOut = agent.maxTokens() != null ? Math.min(agent.maxTokens(), TYPICAL_JUDGMENT) : TYPICAL_JUDGMENT;
        int calls = 0;
        long in = 0;
        long out = 0;
        BigDecimal cost = null;
        boolean complete = true;
        for (Endpoint j : jury) {
            int n = battles * games;
            calls += n;
            in += n * perCallIn;
            out += n * perCallOut;
            ModelPrice price = prices.get(j.model());
            if (price == null) {
                complete = false;
            } else {
                BigDecimal c = price.cost(n * perCallIn, n * perCallOut);
                cost = cost == null ? c : cost.add(c);
            }
        }
        return new Estimate(calls, 0, calls, in, out, cost, complete);
    }

    /** Prompt and answer tokens of the battles together (about four characters a token), from a sample. */
    private long battleTokens(List<Long> ids) {
        int sample = Math.min(ids.size(), 200);
        if (sample == 0) {
            return 0;
        }
        long chars = 0;
        for (long id : ids.subList(0, sample)) {
            Battle b = battles.battle(id).orElse(null);
            if (b == null || b.instructionId() == null) {
                continue;
            }
            chars += arena.instruction(b.instructionId())
                    .map(i -> (long) i.prompt().length())
                    .orElse(0L);
            chars += b.responseA() == null
                    ? 0
                    : arena.response(b.responseA())
                            .map(r -> (long) r.text().length())
                            .orElse(0L);
            chars += b.responseB() == null
                    ? 0
                    : arena.response(b.responseB())
                            .map(r -> (long) r.text().length())
                            .orElse(0L);
        }
        return chars / 4 * ids.size() / sample;
    }

    /** Records a judging job and returns it ready to {@link ArenaJobExecution#run()}. */
    public ArenaJobExecution judge(JudgeRequest request) {
        List<Endpoint> jury = endpoints(request.judges(), "judge");
        JudgeAgent agent = judgeAgent(request);
        int games = games(request);
        Pool pool = pool(request);
        List<Long> ids = battleIds(request.battles());
        refuseWhileRunning(JobClaim.judging(jury, agent, ids));
        // The prompt version is part of every game's key: a resume must judge with the same one, even if the prompt
        // was edited since, or it would ask again for every game it stored.
        ObjectNode config = JSON.valueToTree(request);
        config.put(PROMPT_VERSION, agent.version());
        // So is the structured choice: a resume asks as the job started, even if the judge or an endpoint changed.
        Map<String, Boolean> structured = JudgeJob.structuredChoices(agent, jury);
        ObjectNode asks = config.putObject(STRUCTURED);
        structured.forEach(asks::put);
        long id = jobs.create(ArenaJob.Kind.JUDGE, config.toString(), ranBy());
        return judgeJob(id, request, ids, jury, agent, structured, games, pool);
    }

    private JudgeJob judgeJob(
            long id,
            JudgeRequest request,
            List<Long> ids,
            List<Endpoint> jury,
            JudgeAgent agent,
            Map<String, Boolean> structured,
            int games,
            Pool pool) {
        return new JudgeJob(
                id,
                ids,
                jury,
                agent,
                structured,
                games,
                pool,
                arena,
                battles,
                jobs,
                gateway,
                Pricing.at(endpoints.prices()),
                registry,
                changes);
    }

    // --- resuming ---

    /**
     * The job again, from its recorded request: what it stored is kept and not asked for again. A judging job
     * resumes over the battles its selection names now, with the judge prompt's version it started with.
     */
    public ArenaJobExecution resume(long jobId) {
        ArenaJob job =
                jobs.find(jobId).orElseThrow(() -> new IllegalArgumentException("there is no arena job " + jobId));
        if (job.status() == RunStatus.RUNNING || job.status() == RunStatus.PAUSED) {
            if (registry.isRunning(jobId)) {
                throw new IllegalStateException("arena job " + jobId + " is running");
            }
        }
        ArenaJobExecution execution = execution(job);
        // Of processes sharing a team store, the one whose takeover lands resumes it (decision 0024).
        jobs.takeOver(jobId).ifPresent(owner -> {
            throw new IllegalStateException("arena job " + jobId + " is already being run by " + owner);
        });
        return execution;
    }

    private ArenaJobExecution execution(ArenaJob job) {
        long jobId = job.id();
        try {
            if (job.kind() == ArenaJob.Kind.ANSWER) {
                AnswerRequest r = JSON.readValue(job.config(), AnswerRequest.class);
                List<ArenaInstruction> selected = instructions(r.instructions());
                return answerJob(jobId, r, endpoints(r.endpoints(), "answering"), samples(r), selected);
            }
            JsonNode config = JSON.readTree(job.config());
            JudgeRequest r = JSON.treeToValue(config, JudgeRequest.class);
            JudgeAgent agent = judgeAgent(r);
            if (config.hasNonNull(PROMPT_VERSION) && config.get(PROMPT_VERSION).asInt() != agent.version()) {
                agent = judges.at(agent.id(), config.get(PROMPT_VERSION).asInt())
                        .orElse(agent);
            }
            return judgeJob(
                    jobId,
                    r,
                    battleIds(r.battles()),
                    endpoints(r.judges(), "judge"),
                    agent,
                    pinnedStructure(config, r.judges(), agent),
                    games(r),
                    pool(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("arena job " + jobId + " has a request this version cannot read", e);
        }
    }

    /** Refused before a job row is made; {@link ArenaJobExecution#run()} checks again as it registers. */
    private void refuseWhileRunning(JobClaim claim) {
        for (long running : registry.running()) {
            registry.job(running)
                    .filter(ArenaJobExecution.class::isInstance)
                    .flatMap(job -> claim.conflictWith(((ArenaJobExecution) job).claim(), running))
                    .ifPresent(why -> {
                        throw new IllegalStateException(why);
                    });
        }
    }

    /**
     * Whether each judge endpoint asked with the schema, as the job's config recorded it. A job recorded before the
     * choice was kept asked with it only when its judge said so outright ({@code always}; auto did not exist).
     */
    private static Map<String, Boolean> pinnedStructure(JsonNode config, List<String> judges, JudgeAgent agent) {
        Map<String, Boolean> out = new HashMap<>();
        JsonNode asks = config.get(STRUCTURED);
        for (String name : judges) {
            out.put(
                    name,
                    asks != null && asks.has(name)
                            ? asks.get(name).asBoolean()
                            : agent.structured() == StructuredOutput.ALWAYS);
        }
        return out;
    }

    private static String json(Object request) {
        try {
            return JSON.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String ranBy() {
        return System.getProperty("user.name", "");
    }
}
