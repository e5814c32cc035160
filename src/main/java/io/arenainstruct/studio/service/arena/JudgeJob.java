package io.arenainstruct.studio.service.arena;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.arenainstruct.studio.domain.Hashes;
import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.ArenaResponse;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.JudgeAgent;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ModelReply;
import io.arenainstruct.studio.domain.llm.ModelRequest;
import io.arenainstruct.studio.domain.provenance.AgentCall;
import io.arenainstruct.studio.domain.provenance.Failure;
import io.arenainstruct.studio.service.arena.VerdictRules.Pool;
import io.arenainstruct.studio.service.job.AgentStep;
import io.arenainstruct.studio.service.job.JobProgress;
import io.arenainstruct.studio.service.job.JobRegistry;
import io.arenainstruct.studio.service.job.JobStage;
import io.arenainstruct.studio.service.job.Pricing;
import io.arenainstruct.studio.service.job.StepFailure;
import io.arenainstruct.studio.service.llm.ModelGateway;
import io.arenainstruct.studio.store.ArenaJobRepository;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.BattleRepository;
import io.arenainstruct.studio.store.BattleRepository.VerdictWrite;
import io.arenainstruct.studio.store.StoreException;

/**
 * Judges battles: each judge endpoint plays each battle in two games with the positions swapped (or one game),
 * every game stored as it is read (a kill loses no finished game; a resume asks only for the missing ones), then
 * each judge's combined verdict, the jury's when there are several judges, and the battle's status, in one
 * transaction with the last game. The rules are {@link VerdictRules}'. Workers share commits ({@link SharedCommits}):
 * a commit per game would cost more than the judge's latency hides (README, benchmarks).
 */
final class JudgeJob extends ArenaJobExecution {
    static final String GAMES = "judge";
    static final String VERDICT = "verdict";

    private final List<Long> battleIds;
    private final List<Endpoint> judges;
    private final JudgeAgent agent;
    /** Whether each judge endpoint (by name) is asked with the verdict schema: decided when the job started. */
    private final Map<String, Boolean> structured;
    /**
     * Judge endpoints (by name) that refused the schema in this execution, with the refused call in words: their
     * later games are asked as text at once rather than refused again (a resume finds out anew, with one call).
     */
    private final Map<String, String> refusedSchema = new ConcurrentHashMap<>();

    private final int games;
    private final Pool pool;
    private final ArenaRepository arena;
    private final BattleRepository battles;
    private final AgentStep step;
    private final SharedCommits commits;
    private final List<JobStage<Work, String>> stages = List.of(new Games(), new Verdicts());

    /** One battle to judge, read when its turn comes. */
    final class Work {
        final long battleId;
        /** The keys of the verdicts the store held when the job started. */
        final Set<String> held;

        /** The games known for the battle by key: judged by this execution, or read back from the store. */
        final Map<String, Verdict> games = new HashMap<>();
        /** The combined verdicts were stored with the last game. */
        boolean combinedStored;

        Battle battle;
        ArenaInstruction instruction;
        String answerA;
        String answerB;

        Work(long battleId, Set<String> held) {
            this.battleId = battleId;
            this.held = held;
        }

        /** Reads the battle, its instruction and both answers once, before its first game. */
        void load() {
            if (battle != null) {
                return;
            }
            battle = battles.battle(battleId)
                    .orElseThrow(() -> StepFailure.failed("BATTLE_MISSING", "the battle was deleted"));
            if (battle.instructionId() == null || battle.responseA() == null || battle.responseB() == null) {
                throw StepFailure.failed("NO_ANSWERS", "the battle has no instruction or answer text to judge");
            }
            instruction = arena.instruction(battle.instructionId())
                    .orElseThrow(() -> StepFailure.failed("NO_ANSWERS", "the battle's instruction was deleted"));
            answerA =
                    arena.response(battle.responseA()).map(ArenaResponse::text).orElse(null);
            answerB =
                    arena.response(battle.responseB()).map(ArenaResponse::text).orElse(null);
            if (answerA == null || answerB == null) {
                throw StepFailure.failed("NO_ANSWERS", "an answer of the battle was deleted");
            }
        }
    }

    JudgeJob(
            long jobId,
            List<Long> battleIds,
            List<Endpoint> judges,
            JudgeAgent agent,
            Map<String, Boolean> structured,
            int games,
            Pool pool,
            ArenaRepository arena,
            BattleRepository battles,
            ArenaJobRepository jobs,
            ModelGateway gateway,
            Pricing pricing,
            JobRegistry<JobProgress<String>> registry,
            VerdictChanges changes) {
        super(jobId, "judge", judges, gateway, pricing, jobs, registry);
        if (games != 1 && games != 2) {
            throw new IllegalArgumentException("a battle is judged in 1 or 2 games, not " + games);
        }
        this.battleIds = List.copyOf(battleIds);
        this.judges = List.copyOf(judges);
        this.agent = agent;
        Map<String, Boolean> asks = new HashMap<>();
        for (Endpoint j : judges) {
            asks.put(j.name(), structured.getOrDefault(j.name(), JudgeRequests.asksForSchema(agent, j)));
        }
        this.structured = Map.copyOf(asks);
        this.games = games;
        this.pool = pool;
        this.arena = arena;
        this.battles = battles;
        this.step = new AgentStep(gateway::call, runner, null);
        this.commits = new SharedCommits(battles, changes);
        runner.counter().declare(stages);
    }

    /** Whether each judge endpoint (by name) asks with the verdict schema, as the job decides when it starts. */
    static Map<String, Boolean> structuredChoices(JudgeAgent agent, List<Endpoint> judges) {
        Map<String, Boolean> out = new HashMap<>();
        for (Endpoint j : judges) {
            out.put(j.name(), JudgeRequests.asksForSchema(agent, j));
        }
        return out;
    }

    /** The key of a judge's game (0: its combined verdict) on a battle: what makes it once. */
    static String gameKey(long battleId, Endpoint judge, JudgeAgent agent, int game) {
        return "judge:" + battleId + ":" + judge.name() + ":" + agent.key() + "@" + agent.version() + ":g" + game;
    }

    /**
     * The key of a judge's combined verdict over this job's games: the number of games is part of it, so judging
     * again in two games after one adds the two-game verdict instead of keeping the one-game one.
     */
    String combinedKey(long battleId, Endpoint judge) {
        return gameKey(battleId, judge, agent, 0) + "of" + games;
    }

    /** The jury's key: its members (hashed, so any number of long endpoint names fits), pooling and games. */
    String juryKey(long battleId) {
        String members = judges.stream().map(Endpoint::name).sorted().collect(Collectors.joining(","));
        return "jury:" + battleId + ":" + pool.name().toLowerCase(Locale.ROOT) + ":" + agent.key() + "@"
                + agent.version() + ":g" + games + ":" + Hashes.sha256(members).substring(0, 16);
    }

    /** What the jury is called in verdicts: its judges' models and how it pools. */
    String juryName() {
        return "jury (" + pool.name().toLowerCase(Locale.ROOT) + "): "
                + judges.stream().map(Endpoint::model).collect(Collectors.joining(", "));
    }

    @Override
    JobClaim claim() {
        return JobClaim.judging(judges, agent, battleIds);
    }

    @Override
    protected void start() {
        List<Work> all = new ArrayList<>();
        for (int from = 0; from < battleIds.size(); from += 500) {
            List<Long> chunk = battleIds.subList(from, Math.min(battleIds.size(), from + 500));
            List<String> keys = new ArrayList<>();
            for (long id : chunk) {
                keys.addAll(keysOf(id));
            }
            Set<String> stored = battles.storedKeys(keys);
            for (long id : chunk) {
                all.add(new Work(
                        id, keysOf(id).stream().filter(stored::contains).collect(Collectors.toSet())));
            }
        }
        all.forEach(w -> runner.plan(stages, w, 1));
        runner.publish();
        for (Work w : all) {
            runner.submit(() -> runner.process(w, stages));
        }
    }

    private List<String> keysOf(long battleId) {
        List<String> keys = new ArrayList<>();
        for (Endpoint j : judges) {
            for (int g = 1; g <= games; g++) {
                keys.add(gameKey(battleId, j, agent, g));
            }
            keys.add(combinedKey(battleId, j));
        }
        if (judges.size() > 1) {
            keys.add(juryKey(battleId));
        }
        return keys;
    }

    /** Each unit is one game of one judge: judge {@code unit / games}, game {@code unit % games + 1}. */
    private final class Games implements JobStage<Work, String> {
        @Override
        public String stage() {
            return GAMES;
        }

        @Override
        public int units(Work w) {
            return judges.size() * games;
        }

        @Override
        public boolean holds(Work w, int unit) {
            return w.held.contains(gameKey(w.battleId, judges.get(unit / games), agent, unit % games + 1));
        }

        @Override
        public void run(Work w, int unit) {
            w.load();
            Endpoint judge = judges.get(unit / games);
            int game = unit % games + 1;
            boolean swapped = game == 2;
            ModelRequest request = JudgeRequests.request(
                    agent, w.instruction, w.answerA, w.answerB, swapped, structured.get(judge.name()));
            String refused = request.jsonSchema() == null ? null : refusedSchema.get(judge.name());
            JudgeRequests.Asked asked = refused != null
                    ? JudgeRequests.askAsText(request, refused, r -> step.ask(judge, r, GAMES))
                    : JudgeRequests.ask(request, r -> step.ask(judge, r, GAMES));
            if (asked.refusal() != null) {
                refusedSchema.putIfAbsent(judge.name(), asked.refusal());
            }
            ModelReply reply = asked.reply();
            String text = reply.text() == null ? "" : reply.text();
            JudgeRequests.Reading reading = JudgeRequests.read(agent, asked.structured(), text);
            GameReading g = reading.game().unswapped(swapped);
            String note = g.problem() == null
                    ? asked.fallback()
                    : asked.fallback() == null ? g.problem() : g.problem() + "; " + asked.fallback();
            Verdict v = new Verdict(
                    0,
                    w.battleId,
                    VerdictSource.JUDGE,
                    game,
                    swapped,
                    judge.model(),
                    g.outcome(),
                    g.label(),
                    g.rawLabel(),
                    g.scoreA(),
                    g.scoreB(),
                    reading.judgment(),
                    new AgentCall(agent.key(), agent.version(), reply.callId(), judge.name(), judge.model()),
                    false,
                    gameKey(w.battleId, judge, agent, game),
                    note,
                    null);
            w.games.put(v.key(), v);
            // The last game is stored with the verdicts it completes, in one commit.
            VerdictWrite write = unit == units(w) - 1 ? combined(w, false) : null;
            try {
                commits.write(write != null ? write : new VerdictWrite(w.battleId, List.of(v), null, null));
            } catch (StoreException e) {
                // the item fails (the ledger keeps the judgment: a resume stores it without asking)
                throw new StepFailure("STORE", e.getMessage(), reply.callId(), false, e);
            }
            w.combinedStored = write != null;
            succeeded(item(w, unit));
            if (w.combinedStored) {
                succeeded("battle " + w.battleId);
            }
        }

        @Override
        public void fail(Work w, int unit, StepFailure failure) {
            jobs.fail(jobId, item(w, unit), new Failure<>(GAMES, failure.errorClass(), failure.getMessage()));
        }

        private String item(Work w, int unit) {
            return "battle " + w.battleId + " / " + judges.get(unit / games).name() + " game " + (unit % games + 1);
        }
    }

    /** Once every game is in: each judge's combined verdict, the jury's, and the battle's status. */
    private final class Verdicts implements JobStage<Work, String> {
        @Override
        public String stage() {
            return VERDICT;
        }

        @Override
        public int callsPerUnit() {
            return 0;
        }

        @Override
        public boolean holds(Work w, int unit) {
            return w.combinedStored
                    || (judges.size() > 1
                            ? w.held.contains(juryKey(w.battleId))
                            : w.held.contains(combinedKey(w.battleId, judges.get(0))));
        }

        @Override
        public void run(Work w, int unit) {
            try {
                commits.write(combined(w, true));
            } catch (StoreException e) {
                throw StepFailure.failed("STORE", e.getMessage());
            }
            succeeded("battle " + w.battleId);
        }

        @Override
        public void fail(Work w, int unit, StepFailure failure) {
            jobs.fail(
                    jobId, "battle " + w.battleId, new Failure<>(VERDICT, failure.errorClass(), failure.getMessage()));
        }
    }

    /**
     * The battle's games (with what this execution judged) combined: each judge's verdict, the jury's when there are
     * several judges, and the battle's status (a person's adjudication stays, see
     * {@link BattleRepository#addJudgeVerdicts}). Games stored by an earlier execution are read from the store.
     *
     * @param required false: null when a game is missing (the verdict stage tries again); true: a missing game fails
     */
    private VerdictWrite combined(Work w, boolean required) {
        List<Verdict> rows = new ArrayList<>(w.games.values());
        if (rows.size() < judges.size() * games) {
            for (Verdict v : battles.verdicts(w.battleId)) {
                if (v.key() != null && v.game() != null && v.game() > 0) {
                    w.games.putIfAbsent(v.key(), v);
                }
            }
        }
        List<Verdict> combined = new ArrayList<>();
        List<Combined> each = new ArrayList<>();
        for (Endpoint judge : judges) {
            List<GameReading> readings = new ArrayList<>();
            for (int g = 1; g <= games; g++) {
                Verdict v = w.games.get(gameKey(w.battleId, judge, agent, g));
                if (v == null) {
                    if (!required) {
                        return null;
                    }
                    throw StepFailure.failed("GAME_MISSING", "game " + g + " of " + judge.name() + " is missing");
                }
                readings.add(reading(v));
            }
            Combined c = VerdictRules.games(readings);
            each.add(c);
            combined.add(combinedRow(
                    w.battleId,
                    VerdictSource.JUDGE,
                    0,
                    judge.model(),
                    c,
                    new AgentCall(agent.key(), agent.version(), 0, judge.name(), judge.model()),
                    combinedKey(w.battleId, judge)));
        }
        Combined last = each.get(0);
        if (judges.size() > 1) {
            last = VerdictRules.jury(each, pool);
            combined.add(combinedRow(
                    w.battleId,
                    VerdictSource.JURY,
                    null,
                    juryName(),
                    last,
                    new AgentCall(agent.key(), agent.version(), 0, null, null),
                    juryKey(w.battleId)));
        }
        // the games this execution judged, then the combined verdicts (stored ones are skipped by key)
        List<Verdict> out = new ArrayList<>();
        w.games.values().stream().filter(v -> v.id() == 0).forEach(out::add);
        out.addAll(combined);
        BattleStatus status = last.disputed() ? BattleStatus.DISPUTED : BattleStatus.JUDGED;
        return new VerdictWrite(w.battleId, out, status, each.stream().anyMatch(Combined::inconsistent));
    }

    private static Verdict combinedRow(
            long battleId, VerdictSource source, Integer game, String voter, Combined c, AgentCall call, String key) {
        return new Verdict(
                0,
                battleId,
                source,
                game,
                false,
                voter,
                c.outcome(),
                c.label(),
                c.label() == null ? null : c.label().text(),
                c.scoreA(),
                c.scoreB(),
                null,
                call,
                false,
                key,
                c.note(),
                null);
    }

    /** A stored game as the rules read it (stored un-swapped already). */
    private static GameReading reading(Verdict v) {
        if (!v.outcome().decided()) {
            return GameReading.unparsable(v.note() == null ? "no readable verdict" : v.note());
        }
        if (v.label() != null) {
            return GameReading.graded(v.label(), v.rawLabel());
        }
        if (v.scoreA() != null && v.scoreB() != null) {
            return GameReading.scores(v.scoreA(), v.scoreB(), v.rawLabel());
        }
        return GameReading.unparsable("the stored game has neither a label nor scores");
    }
}
