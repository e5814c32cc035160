package io.arenainstruct.studio.service.arena;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.InstructionSelection;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.llm.RetryPolicy;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.task.ProgressListener;
import io.arenainstruct.studio.service.workspace.TestWorkspaces;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.testserver.JudgeReplies;
import io.arenainstruct.studio.testserver.RecordedRequest;

/**
 * The Arena-Hard sample (40 questions, answers of gpt-4-0314 and gpt-3.5-turbo-0125) in a workspace, its baseline
 * battles, and judge servers whose replies depend on what the request shows: which battle (by its question) and
 * which model's answer comes first. A planted judge is a function of those, so a test states what each game says.
 */
public final class ArenaFixture {
    public static final Path SAMPLE = Path.of("src/test/resources/arena-hard-sample");
    public static final String BASELINE = "gpt-4-0314";
    public static final String OTHER = "gpt-3.5-turbo-0125";
    /** Two attempts with short backoff, so a failing call fails fast. */
    public static final RetryPolicy QUICK_RETRIES =
            new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(2), 0.1);

    private ArenaFixture() {}

    public static Workspace open(Path dir) {
        return TestWorkspaces.open(
                dir, new KeyResolver(dir.resolveSibling("secrets.properties"), n -> null), QUICK_RETRIES);
    }

    /** The H2 store in {@code dir} always: for tests whose child JVM opens the same folder. */
    public static Workspace openFolder(Path dir) {
        return Workspace.open(dir, new KeyResolver(dir.resolveSibling("secrets.properties"), n -> null), QUICK_RETRIES);
    }

    /** Imports the three sample files and makes the baseline battles (one per question). */
    public static int importSampleWithBattles(Workspace ws) {
        ws.datasets()
                .importFiles(
                        List.of(
                                SAMPLE.resolve("question.jsonl"),
                                SAMPLE.resolve(BASELINE + ".jsonl"),
                                SAMPLE.resolve(OTHER + ".jsonl")),
                        null,
                        null,
                        null,
                        ProgressListener.NONE,
                        Cancellation.NEVER);
        return ws.battles()
                .create(PairingStrategy.parse("baseline:" + BASELINE), InstructionSelection.all(), List.of())
                .created();
    }

    public static Endpoint endpoint(Workspace ws, String name, String model, String baseUrl, int maxConcurrent) {
        Endpoint e = Endpoint.of(name, Provider.OPENAI_COMPATIBLE, baseUrl, model)
                .withLimits(maxConcurrent, 0, 0)
                .withTimeout(Duration.ofSeconds(10));
        ws.endpoints().save(e);
        return e;
    }

    /** What a planted judge sees of one game. */
    public record Game(Battle battle, String prompt, boolean baselineFirst, String judgeModel) {}

    /** Each battle's question and both answers, as the judge prompts show them. */
    public static final class Battles {
        private final List<Battle> battles;
        private final Map<String, Battle> byPrompt = new HashMap<>();
        private final Map<Long, String> baselineAnswer = new HashMap<>();
        private final Map<Long, String> otherAnswer = new HashMap<>();

        public Battles(Workspace ws) {
            ArenaRepository arena = new ArenaRepository(WorkspaceRepositories.store(ws));
            battles = new ArrayList<>(ws.battles().page(BattleFilter.ALL, 0, 100_000));
            for (Battle b : battles) {
                byPrompt.put(arena.instruction(b.instructionId()).orElseThrow().prompt(), b);
                String a = arena.response(b.responseA()).orElseThrow().text();
                String other = arena.response(b.responseB()).orElseThrow().text();
                baselineAnswer.put(b.id(), b.modelA().equals(BASELINE) ? a : other);
                otherAnswer.put(b.id(), b.modelA().equals(BASELINE) ? other : a);
            }
        }

        public List<Battle> all() {
            return battles;
        }

        /** The battle in a judge request and which answer it shows first; fails on a request it cannot place. */
        public Game game(RecordedRequest request) {
            // the judge prompt's user message is the first (a repair round adds another after the reply)
            String user = request.messages().stream()
                    .filter(m -> m.role().equals("user"))
                    .map(RecordedRequest.Message::content)
                    .findFirst()
                    .orElseThrow();
            Battle found = null;
            String prompt = null;
            for (Map.Entry<String, Battle> e : byPrompt.entrySet()) {
                // the question comes right after the prompt's first header line
                int firstLine = user.indexOf('\n');
                if (user.startsWith(e.getKey(), firstLine + 1)
                        && (prompt == null || e.getKey().length() > prompt.length())) {
                    found = e.getValue();
                    prompt = e.getKey();
                }
            }
            if (found == null) {
                throw new AssertionError("a judge request for no known battle: " + user.substring(0, 200));
            }
            int base = user.indexOf(baselineAnswer.get(found.id()), prompt.length());
            int other = user.indexOf(otherAnswer.get(found.id()), prompt.length());
            if (base < 0 || other < 0) {
                throw new AssertionError("a judge request without both answers of battle " + found.id());
            }
            return new Game(found, prompt, base < other, request.model());
        }

        /**
         * A server reply function: the planted judge's text for each game, in the verdict's JSON fields when the
         * request carries the schema (as a schema-enforcing server answers; see {@link JudgeReplies}).
         */
        public Function<RecordedRequest, String> judge(Function<Game, String> plant) {
            return JudgeReplies.structuredWhenAsked(request -> plant.apply(game(request)));
        }
    }
}
