package io.arenainstruct.studio.service.arena;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.InstructionSelection;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.service.arena.ArenaJobService.JudgeRequest;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.llm.RetryPolicy;
import io.arenainstruct.studio.service.workspace.TestWorkspaces;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.ArenaRepository.Item;
import io.arenainstruct.studio.store.ArenaRepository.ItemResponse;
import io.arenainstruct.studio.testserver.FakeModelServer;

/**
 * Issue 10's benchmark: judging 10,000 battles (20,000 games) against a local server that serves at most C requests
 * at once with latency L. Reports the wall time against the ideal calls x L / C (target: within 1.1x). A warm-up
 * judges 100 other battles first, off the record.
 */
public final class JudgeBenchmark {
    private static final int BATTLES = Integer.getInteger("bench.battles", 10_000);
    private static final int WARM_UP = 100;
    private static final int CAPACITY = 8;
    private static final Duration LATENCY = Duration.ofMillis(100);

    private JudgeBenchmark() {}

    public static void run(Path root, Consumer<String> report) {
        try (FakeModelServer server = FakeModelServer.start();
                Workspace ws = TestWorkspaces.open(
                        root.resolve("judge-store"),
                        new KeyResolver(root.resolve("secrets.properties"), n -> null),
                        RetryPolicy.DEFAULT)) {
            // a judge that writes a little and decides by which answer it sees first (the benchmark is the job's)
            server.replyWith(r -> "Both answers address the prompt; the first is a little clearer. [[A>B]]")
                    .capacity(CAPACITY)
                    .latency(LATENCY);
            long f0 = System.nanoTime();
            fill(ws, BATTLES + WARM_UP);
            double fillSeconds = (System.nanoTime() - f0) / 1e9;
            ArenaFixture.endpoint(ws, "judge", "judge-model", server.openAiBaseUrl(), CAPACITY);

            List<Battle> warm = ws.battles().page(BattleFilter.ALL, 0, WARM_UP);
            String warmIds = "ids:"
                    + String.join(
                            ",", warm.stream().map(b -> Long.toString(b.id())).toList());
            ws.arena()
                    .judge(new JudgeRequest(List.of("judge"), "graded", null, warmIds, 2))
                    .run();
            int before = server.chatRequests().size();

            ArenaJobExecution job = ws.arena().judge(new JudgeRequest(List.of("judge"), "graded", null, "unjudged", 2));
            long t0 = System.nanoTime();
            RunStatus status = job.run();
            double seconds = (System.nanoTime() - t0) / 1e9;
            int sent = server.chatRequests().size() - before;
            double ideal = sent * (LATENCY.toMillis() / 1000.0) / CAPACITY;
            int disputed = ws.battles().count(new BattleFilter(BattleStatus.DISPUTED, null, null, null));
            report.accept(String.format(
                    Locale.ROOT,
                    "judge %d battles (%s, %d disputed), %d games sent, server C=%d, L=%d ms: %.1f s;"
                            + " ideal calls x L / C = %.1f s; %.3fx the ideal (target 1.1); 429s %d;"
                            + " (store filled with %d instructions, answers and battles in %.1f s)",
                    BATTLES,
                    status.id(),
                    disputed,
                    sent,
                    CAPACITY,
                    LATENCY.toMillis(),
                    seconds,
                    ideal,
                    seconds / ideal,
                    server.count429(),
                    BATTLES + WARM_UP,
                    fillSeconds));
        }
    }

    /** Instructions of about 300 characters with two answers of about 1,500 each, and their baseline battles. */
    private static void fill(Workspace ws, int count) {
        ArenaRepository arena = new ArenaRepository(WorkspaceRepositories.store(ws));
        List<Item> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String prompt = text("Question " + i + ": explain ", i, 300);
            batch.add(new Item(
                    ArenaInstruction.of(List.of(), prompt, "category " + (i % 20), null),
                    "q" + i,
                    List.of(
                            new ItemResponse("base", text("Base answer " + i + ". ", i * 3 + 1, 1_500), null),
                            new ItemResponse("other", text("Other answer " + i + ". ", i * 3 + 2, 1_500), null))));
            if (batch.size() == 1_000) {
                arena.add("bench", "prompts", batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            arena.add("bench", "prompts", batch);
        }
        ws.battles().create(PairingStrategy.parse("baseline:base"), InstructionSelection.all(), List.of());
    }

    private static final String[] WORDS = ("the of and to in is was for on that with as by at from river market"
                    + " model engine theory signal protein harbor ledger voltage orbit glacier tariff enzyme syntax")
            .split(" ");

    private static String text(String start, long seed, int chars) {
        StringBuilder b = new StringBuilder(start);
        long x = seed * 2654435761L + 1;
        while (b.length() < chars) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            b.append(WORDS[(int) ((x >>> 33) % WORDS.length)]).append(' ');
        }
        return b.toString();
    }
}
