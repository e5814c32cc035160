package io.arenainstruct.studio.service.arena.battlefiles;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.service.workspace.TestWorkspaces;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.ArenaRepository.Item;
import io.arenainstruct.studio.store.ArenaRepository.ItemResponse;

/**
 * Importing a battle file: 10,000 Arena-Hard judgment rows (two games each, judgment texts of about 600 characters)
 * into a store that holds their questions and both models' answers; then the same file again (nothing new); then,
 * in a fresh store, the judgments before their questions and the questions after them (the battles waiting for them
 * join them). Not a test: nothing here passes or fails on time.
 */
public final class BattleImportBenchmark {
    private static final int ROWS = Integer.getInteger("bench.battleRows", 10_000);

    private BattleImportBenchmark() {}

    public static void run(Path root, Consumer<String> report) {
        Path file = root.resolve("gpt-4-judge/m1.jsonl");
        writeJudgments(file);
        try (Workspace ws = TestWorkspaces.open(root.resolve("battle-import-store"))) {
            ArenaRepository arena = new ArenaRepository(WorkspaceRepositories.store(ws));
            addQuestions(arena, true);
            long t0 = System.nanoTime();
            BattleFileImporter.Report first = ws.battleFiles().importFiles(List.of(file), VerdictSource.JUDGE);
            double seconds = (System.nanoTime() - t0) / 1e9;
            check(first.verdicts() == 3 * ROWS && first.newBattles() == ROWS, first);
            long t1 = System.nanoTime();
            BattleFileImporter.Report again = ws.battleFiles().importFiles(List.of(file), VerdictSource.JUDGE);
            double againSeconds = (System.nanoTime() - t1) / 1e9;
            check(again.verdicts() == 0, again);
            report.accept(String.format(
                    Locale.ROOT,
                    "battles import: %,d Arena-Hard judgment rows into a store holding their questions and answers:"
                            + " %.1f s = %.0f rows/s (%,d verdicts, %,d battles); the same file again: %.1f s ="
                            + " %.0f rows/s, nothing added",
                    ROWS,
                    seconds,
                    ROWS / seconds,
                    first.verdicts(),
                    first.newBattles(),
                    againSeconds,
                    ROWS / againSeconds));
        }
        try (Workspace ws = TestWorkspaces.open(root.resolve("battle-import-before-store"))) {
            ArenaRepository arena = new ArenaRepository(WorkspaceRepositories.store(ws));
            long t0 = System.nanoTime();
            BattleFileImporter.Report first = ws.battleFiles().importFiles(List.of(file), VerdictSource.JUDGE);
            double seconds = (System.nanoTime() - t0) / 1e9;
            check(first.unknownQuestions().size() == ROWS, first);
            long t1 = System.nanoTime();
            addQuestions(arena, false);
            double questionSeconds = (System.nanoTime() - t1) / 1e9;
            report.accept(String.format(
                    Locale.ROOT,
                    "battles import before the questions: %,d rows %.1f s = %.0f rows/s; then %,d questions with"
                            + " their answers, each joining its waiting battle: %.1f s",
                    ROWS,
                    seconds,
                    ROWS / seconds,
                    ROWS,
                    questionSeconds));
        }
    }

    private static void check(boolean ok, BattleFileImporter.Report r) {
        if (!ok) {
            throw new IllegalStateException("unexpected import: " + r);
        }
    }

    /** The questions u0 … u(ROWS-1) with answers of m1 and the baseline, 500 to a transaction (as dataset import). */
    private static void addQuestions(ArenaRepository arena, boolean withAnswers) {
        List<Item> batch = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            List<ItemResponse> answers = List.of(
                    new ItemResponse(
                            "m1", "Answer of m1 to question " + i + ". " + "Some reasoning. ".repeat(20), null),
                    new ItemResponse(
                            "gpt-4-0314", "The baseline's answer to " + i + ". " + "Steps. ".repeat(30), null));
            batch.add(new Item(
                    ArenaInstruction.of(
                            List.of(), "Question " + i + ": " + "explain this in detail. ".repeat(8), "bench", null),
                    "u" + i,
                    answers));
            if (batch.size() == 500) {
                arena.add("arena-hard-bench", "arena-hard", batch);
                batch.clear();
            }
        }
        arena.add("arena-hard-bench", "arena-hard", batch);
    }

    private static void writeJudgments(Path file) {
        String[] scores = {"A>B", "B>A", "A=B", "A>>B", "B>>A"};
        String judgment = "Both assistants address the question. " + "Assistant A covers more of it. ".repeat(17);
        try {
            Files.createDirectories(file.getParent());
            try (BufferedWriter w = Files.newBufferedWriter(file)) {
                for (int i = 0; i < ROWS; i++) {
                    String g1 = scores[i % scores.length];
                    String g2 = scores[(i / scores.length) % scores.length];
                    w.write("{\"uid\": \"u" + i + "\", \"category\": \"arena-hard-v0.1\", \"judge\": \"gpt-4-judge\","
                            + " \"model\": \"m1\", \"baseline\": \"gpt-4-0314\", \"games\": [{\"score\": \"" + g1
                            + "\", \"judgment\": \"" + judgment + "[[" + g1 + "]]\"}, {\"score\": \"" + g2
                            + "\", \"judgment\": {\"answer\": \"" + judgment + "[[" + g2 + "]]\"}}]}\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
