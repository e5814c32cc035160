package io.arenainstruct.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.PostgresqlLocation;
import io.arenainstruct.studio.domain.StoreLocation;
import io.arenainstruct.studio.domain.adjudication.HumanVote;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.service.arena.ArenaFixture;
import io.arenainstruct.studio.service.workspace.TemporaryUserData;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.store.Store;
import io.arenainstruct.studio.store.StoreDump;
import io.arenainstruct.studio.store.TestStores;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.JudgeReplies;
import io.arenainstruct.studio.testserver.SchemaReplies;

/**
 * {@code store copy} (decision 0026) of a workspace with a run, an edited instruction, arena battles judged by a
 * model, people's votes and imported verdicts: to PostgreSQL and back gives the same listings, and the source is
 * left as it was.
 */
class StoreCopyCliTest {
    /** What a curator scripts against: the three listings the copy must keep byte for byte. */
    private static final List<List<String>> LISTINGS = List.of(
            List.of("instructions", "list", "--json"),
            List.of("battles", "list", "--json"),
            List.of("ratings", "--json"));

    @TempDir
    Path tmp;

    @RegisterExtension
    final TemporaryUserData userData = new TemporaryUserData();

    private FakeModelServer server;
    private Path original;

    @BeforeEach
    void aWorkspaceWithRunsBattlesAndVerdicts() throws IOException {
        server = FakeModelServer.start().replyWith(SchemaReplies.fill());
        original = tmp.resolve("original");
        ok(cli(original, "seeds", "import", Path.of("sample-seeds")));
        ok(cli(
                original,
                "models",
                "add",
                "local",
                "--provider",
                "openai-compatible",
                "--base-url",
                server.openAiBaseUrl(),
                "--model",
                "qwen2.5",
                "--max-concurrent",
                "4"));
        ok(cli(original, "run", "--skill", "reading-comprehension", "--seeds", "1,2,3", "--endpoint", "local"));
        try (Workspace ws = ArenaFixture.open(original)) {
            long first = ws.instructions().ids(InstructionFilter.ALL).get(0);
            ws.instructions().edit(first, "response", "Riverton, by the river.\nSecond line: ünïcödé 🙂", "ana");
            ArenaFixture.importSampleWithBattles(ws);
        }
        server.replyWith(JudgeReplies.always("[[A>B]]"));
        ok(cli(
                original,
                "models",
                "add",
                "judge",
                "--provider",
                "openai-compatible",
                "--base-url",
                server.openAiBaseUrl(),
                "--model",
                "judge-model",
                "--max-concurrent",
                "4"));
        ok(cli(original, "judge", "--judges", "judge"));
        try (Workspace ws = ArenaFixture.open(original)) {
            ws.adjudication().vote(HumanVote.shown(1, "Dana", GradedLabel.B_BETTER, false, false));
            ws.adjudication().vote(HumanVote.shown(2, "Dana", null, true, false));
            ws.adjudication().vote(HumanVote.shown(3, "Eli", GradedLabel.TIE, false, true));
        }
        Path file = tmp.resolve("battles.jsonl");
        Files.writeString(file, """
                {"question_id": "q1", "model_a": "m1", "model_b": "m2", "winner": "model_a", "tstamp": 1700000001,\
                 "conversation_a": [{"role": "user", "content": "Q1"}, {"role": "assistant", "content": "a"}],\
                 "conversation_b": [{"role": "user", "content": "Q1"}, {"role": "assistant", "content": "b"}]}
                {"question_id": "q2", "model_a": "m2", "model_b": "m1", "winner": "tie", "tstamp": 1700000002,\
                 "conversation_a": [{"role": "user", "content": "Q2"}, {"role": "assistant", "content": "c"}],\
                 "conversation_b": [{"role": "user", "content": "Q2"}, {"role": "assistant", "content": "d"}]}
                """);
        ok(cli(original, "battles", "import", file));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void toPostgresqlAndBackGivesTheSameListingsAndLeavesTheSourceAsItWas() throws Exception {
        PostgresqlLocation team = TestStores.freshDatabase();
        Path back = tmp.resolve("back");
        List<String> before = listings(original.toString());
        Map<String, List<String>> rowsBefore = dump(new StoreLocation.Folder(original));
        assertThat(before.get(0)).contains("Riverton, by the river.");
        assertThat(before.get(1)).contains("\"source\" : \"human\"").contains("\"source\" : \"judge\"");

        CliRun there = copy(original.toString(), team.display());
        ok(there);
        assertThat(there.err())
                .startsWith("copying " + original + " to " + team.display() + "\n")
                // the sample's 40 baseline battles and the 2 imported ones
                .containsPattern("copied battle \\(\\d+ of \\d+\\): 42/42 rows\n");
        int tables = rowsBefore.size();
        long total = rowsBefore.values().stream().mapToLong(List::size).sum();
        assertThat(there.out())
                .contains(String.format(Locale.ROOT, "copied %d tables, %,d rows; counts match%n", tables, total))
                .containsPattern("(?m)^battle +42$")
                // an empty table is counted, not listed
                .contains(
                        "(" + rowsBefore.values().stream().filter(List::isEmpty).count() + " tables empty in both)\n")
                .doesNotContainPattern("(?m)^loop_proposal ");
        assertThat(rowsBefore.get("loop_proposal")).isEmpty();

        CliRun home = copy(team.display(), back.toString());
        ok(home);

        assertThat(listings(team.display())).isEqualTo(before);
        assertThat(listings(back.toString())).isEqualTo(before);
        assertThat(listings(original.toString())).isEqualTo(before);
        assertThat(dump(new StoreLocation.Folder(original))).isEqualTo(rowsBefore);
        assertThat(dump(team)).isEqualTo(rowsBefore);
        assertThat(dump(new StoreLocation.Folder(back))).isEqualTo(rowsBefore);

        // folder to folder, and team store to team store, alike
        Path folderCopy = tmp.resolve("folder-copy");
        ok(copy(original.toString(), folderCopy.toString()));
        assertThat(listings(folderCopy.toString())).isEqualTo(before);
        PostgresqlLocation secondTeam = TestStores.freshDatabase();
        ok(copy(team.display(), secondTeam.display()));
        assertThat(listings(secondTeam.display())).isEqualTo(before);
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private static void ok(CliRun run) {
        assertThat(run.code()).as(run.out() + run.err()).isZero();
    }

    private static CliRun cli(Path store, Object... args) {
        return CliRun.on(store, args);
    }

    private static CliRun copy(String from, String to) {
        return run("store", "copy", from, to);
    }

    /** A command on a store named as --store takes it (a folder or a PostgreSQL address). */
    private static CliRun on(String store, List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.add("--store");
        all.add(store);
        return run(all.toArray(String[]::new));
    }

    private static CliRun run(String... args) {
        return CliRun.of((Object[]) args);
    }

    private static List<String> listings(String store) {
        List<String> got = new ArrayList<>();
        for (List<String> args : LISTINGS) {
            CliRun r = on(store, args);
            ok(r);
            got.add(r.out());
        }
        return got;
    }

    /** Every row of every table, read with plain SQL (not by the copier). */
    private Map<String, List<String>> dump(StoreLocation at) {
        try (Store store = Store.open(at, tmp.resolve("local-files"))) {
            return StoreDump.of(store);
        }
    }
}
