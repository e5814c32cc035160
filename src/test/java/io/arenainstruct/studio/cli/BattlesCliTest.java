package io.arenainstruct.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.domain.adjudication.HumanVote;
import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.store.AdjudicationRepository;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.ArenaRepository.Item;
import io.arenainstruct.studio.store.ArenaRepository.ItemResponse;
import io.arenainstruct.studio.store.Store;

class BattlesCliTest {
    @TempDir
    Path tmp;

    private Path storeDir;

    record Run(int code, String out, String err) {}

    private Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(1, "--store");
        all.add(2, storeDir.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(all.toArray(String[]::new), p -> {}, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeEach
    void aStoreWithAnswers() {
        storeDir = tmp.resolve("ws");
        try (Store store = Store.open(storeDir)) {
            ArenaRepository arena = new ArenaRepository(store);
            arena.add(
                    "d",
                    "prompts",
                    List.of(
                            new Item(
                                    ArenaInstruction.of(List.of(), "Add 2 and 2.", "Math", null),
                                    "q1",
                                    List.of(new ItemResponse("base", "4", null), new ItemResponse("m1", "four", null))),
                            new Item(
                                    ArenaInstruction.of(List.of(), "Say hi\u001b[2J", "Chat", null),
                                    "q2",
                                    List.of(new ItemResponse("m1", "hi", null)))));
        }
    }

    @Test
    void createPrintsWhatItMadeAndNamesWhatItSkipped() {
        Run r = cli("battles", "create", "--strategy", "baseline:base");

        assertThat(r.code()).isEqualTo(Cli.OK);
        assertThat(r.out().lines().toList())
                .containsExactly(
                        "skipped instruction 2: only one answer (m1)", "created 1 battle, skipped 1 instruction");
        assertThat(cli("battles", "create", "--strategy", "baseline:base").out())
                .contains("created 0 battles (1 existed already)");
    }

    @Test
    void listJsonHasTheFieldsScriptsRelyOn() throws Exception {
        cli("battles", "create", "--strategy", "all-pairs");

        Run r = cli("battles", "list", "--json");

        assertThat(r.code()).isEqualTo(Cli.OK);
        JsonNode list = new ObjectMapper().readTree(r.out());
        assertThat(list).hasSize(1);
        JsonNode b = list.get(0);
        assertThat(b.get("id").asLong()).isEqualTo(1);
        assertThat(b.get("instruction").asLong()).isEqualTo(1);
        assertThat(b.get("model_a").asText()).isEqualTo("base");
        assertThat(b.get("model_b").asText()).isEqualTo("m1");
        assertThat(b.get("category").asText()).isEqualTo("Math");
        assertThat(b.get("status").asText()).isEqualTo("unjudged");
        assertThat(b.get("verdicts").isArray()).isTrue();
        assertThat(cli("battles", "list", "--status", "judged").out()).isEqualTo("0 battles\n");
    }

    @Test
    void forRegenerationListsTheBattlesPeopleFoundBothBad() throws Exception {
        cli("battles", "create", "--strategy", "all-pairs");
        assertThat(cli("battles", "list", "--for-regeneration").out()).isEqualTo("0 battles\n");
        try (Store store = Store.open(storeDir)) {
            new AdjudicationRepository(store)
                    .vote(HumanVote.shown(1, "Dana", null, false, false), Instant.parse("2026-12-07T00:00:00Z"));
        }

        JsonNode list = new ObjectMapper()
                .readTree(cli("battles", "list", "--for-regeneration", "--json").out());

        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("id").asLong()).isEqualTo(1);
        assertThat(list.get(0).get("status").asText()).isEqualTo("adjudicated");
    }

    @Test
    void badStrategiesStatusesAndModelsAreUsageOrFailureWithOneLine() {
        Run strategy = cli("battles", "create", "--strategy", "round-robin");
        assertThat(strategy.code()).isEqualTo(Cli.USAGE);
        assertThat(strategy.err()).contains("all-pairs, baseline:MODEL or target:MODEL");

        Run model = cli("battles", "create", "--strategy", "baseline:nobody");
        assertThat(model.code()).isEqualTo(Cli.FAILED);
        assertThat(model.err()).contains("there is no model nobody (models: base, m1)");

        Run status = cli("battles", "list", "--status", "done");
        assertThat(status.code()).isEqualTo(Cli.USAGE);
        assertThat(status.err()).contains("unjudged, judged, disputed, adjudicated");
    }
}
