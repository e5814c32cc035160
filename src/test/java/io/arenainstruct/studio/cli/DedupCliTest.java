package io.arenainstruct.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.service.workspace.TemporaryUserData;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;

/** {@code dedup}: planted duplicates and a planted benchmark prompt in a real store, and the bad inputs. */
class DedupCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path QUESTIONS = Path.of("src/test/resources/arena-hard-sample/question.jsonl");
    private static final String ABC_UID = "328c149ed45a41c0b9d6f14659e63599";
    /** Arena instruction ids are offset by 2^40 (StoreItems.ARENA_OFFSET), worked out here by hand. */
    private static final long ARENA = 1_099_511_627_776L;

    private static final String POEM =
            "Write a short poem about the sea at night, and make every line of it rhyme with the one before it.";
    private static final String POEM_SHOWN =
            "Write a short poem about the sea at night, and make every line of it rhyme with…";
    private static final String HASH_JAVA =
            "Explain hash table collisions, with a short example in Python and one in Java.";
    private static final String HASH_RUST =
            "Explain hash table collisions, with a short example in Python and one in Rust.";
    private static final String ABC =
            "Please help me out: Use ABC notation to write a melody in the style of a folk tune. Thanks!";
    private static final String ABC_SHOWN =
            "Please help me out: Use ABC notation to write a melody in the style of a folk t…";
    private static final String CAPITAL = "What is the capital of France?";
    private static final String CAPITAL_AGAIN = "Which city is France's capital?";
    private static final String BREAD = "Give me a recipe for banana bread.";
    private static final String WATER = "Describe the water cycle for a ten year old in three short paragraphs.";

    @TempDir
    Path tmp;

    @RegisterExtension
    final TemporaryUserData userData = new TemporaryUserData();

    private Path store() {
        return tmp.resolve("store");
    }

    /**
     * Run instructions 1 (the poem), 2 (the poem in other case and punctuation: exact), 3 (a placeholder whose hand
     * edit is the hash-table text) and 4 (the poem again, rejected: left out); arena prompts 1 (the hash-table text
     * with Rust for Java: near, Jaccard 11/13 over 3-word shingles), 2 (holds Arena-Hard's ABC question) and 3.
     */
    private void plant() throws IOException {
        try (Workspace ws = Workspace.open(store())) {
            WorkspaceRepositories.store(ws).write(c -> {
                try (Statement st = c.createStatement()) {
                    // the rows a final text is read from; no run, seed or passage behind them
                    st.execute("SET REFERENTIAL_INTEGRITY FALSE");
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO instruction (id, run_id, skill, seed_id,"
                        + " passage_id, slot, category, rounds_planned, rounds_done, generated, instruction, response,"
                        + " status, created_at) VALUES (?, 1, 's', 1, 1, ?, 'c', 0, 0, ?, ?, 'answer', 'complete',"
                        + " CURRENT_TIMESTAMP)")) {
                    List<String> texts = List.of(
                            POEM,
                            "write a short poem about the SEA at night; and make every line of it rhyme with the one"
                                    + " before it!",
                            "A placeholder the curator replaced.",
                            POEM);
                    for (int i = 0; i < texts.size(); i++) {
                        ps.setLong(1, i + 1);
                        ps.setInt(2, i);
                        ps.setString(3, texts.get(i)); // the generated text: round 0's, final without rounds
                        ps.setString(4, texts.get(i));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (Statement st = c.createStatement()) {
                    st.execute("SET REFERENTIAL_INTEGRITY TRUE");
                }
                return null;
            });
            ws.instructions().edit(3, "instruction", HASH_JAVA, "ana");
            ws.instructions().reject(4, "ana");
        }
        Path prompts = tmp.resolve("prompts.jsonl");
        List<String> lines = new ArrayList<>();
        for (String p : List.of(HASH_RUST, ABC, WATER)) {
            lines.add(JSON.createObjectNode().put("prompt", p).toString());
        }
        Files.write(prompts, lines, StandardCharsets.UTF_8);
        assertThat(CliRun.on(store(), "dataset", "import", prompts).code()).isEqualTo(Cli.OK);
    }

    @Test
    void plantedDuplicatesAndTheBenchmarkPromptAreReported() throws IOException {
        plant();

        CliRun r = CliRun.on(store(), "dedup", "--against", QUESTIONS);

        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isEqualTo(Cli.OK);
        assertThat(r.out().lines())
                .containsExactly(
                        "6 items: 1 contaminated, 1 exact duplicates in 1 cluster, 1 near duplicates in 1 cluster;"
                                + " 3 kept",
                        "",
                        "exact cluster of 2, kept instruction 1: " + POEM_SHOWN,
                        "  dropped instruction 2: write a short poem about the SEA at night; and make every line of it"
                                + " rhyme with…",
                        "    same text after normalisation as instruction 1",
                        "",
                        "near cluster of 2, kept instruction 3: " + HASH_JAVA,
                        "  dropped arena prompt 1: " + HASH_RUST,
                        "    near duplicate of instruction 3: Jaccard 0.85 over 3-word shingles",
                        "",
                        "Contaminated:",
                        "  arena prompt 2: " + ABC_SHOWN,
                        "    shares 13 words in a row with question.jsonl prompt " + ABC_UID
                                + ": \u201cuse abc notation to write a melody in the style of a folk\u201d");
    }

    @Test
    void jsonListsClustersAndDropsWithReasonsInSnakeCase() throws IOException {
        plant();

        CliRun r = CliRun.on(store(), "dedup", "--json", "--against", QUESTIONS);

        assertThat(r.code()).isEqualTo(Cli.OK);
        JsonNode report = JSON.readTree(r.out());
        assertThat(report.get("summary").asText()).startsWith("6 items: 1 contaminated");
        assertThat(report.get("checked").asInt()).isEqualTo(6);
        assertThat(report.at("/options/near_threshold").asDouble()).isEqualTo(0.7);
        JsonNode dirty = report.get("contaminated");
        assertThat(dirty).hasSize(1);
        assertThat(dirty.at("/0/item/id").asLong()).isEqualTo(ARENA + 2);
        assertThat(dirty.at("/0/item/label").asText()).isEqualTo("arena prompt 2");
        assertThat(dirty.at("/0/item/text").asText()).isEqualTo(ABC);
        assertThat(dirty.at("/0/reference_set").asText()).isEqualTo("question.jsonl");
        assertThat(dirty.at("/0/reference_id").asText()).isEqualTo(ABC_UID);
        assertThat(dirty.at("/0/shared_ngram").asText())
                .isEqualTo("use abc notation to write a melody in the style of a folk");
        JsonNode clusters = report.get("clusters");
        assertThat(clusters).hasSize(2);
        assertThat(clusters.at("/0/kind").asText()).isEqualTo("EXACT");
        assertThat(clusters.at("/0/kept/id").asLong()).isEqualTo(1);
        assertThat(clusters.at("/0/dropped/0/item/id").asLong()).isEqualTo(2);
        assertThat(clusters.at("/0/dropped/0/similar_to").asLong()).isEqualTo(1);
        assertThat(clusters.at("/0/dropped/0/reason").asText())
                .isEqualTo("same text after normalisation as instruction 1");
        assertThat(clusters.at("/1/kind").asText()).isEqualTo("NEAR");
        assertThat(clusters.at("/1/kept/text").asText()).isEqualTo(HASH_JAVA);
        assertThat(clusters.at("/1/dropped/0/item/id").asLong()).isEqualTo(ARENA + 1);
        assertThat(clusters.at("/1/dropped/0/similarity").asDouble()).isCloseTo(11.0 / 13, within());
        List<Long> kept = new ArrayList<>();
        report.get("kept").forEach(k -> kept.add(k.get("id").asLong()));
        assertThat(kept).containsExactly(1L, 3L, ARENA + 3);
    }

    @Test
    void withoutReferencesOrNearOnlyExactDuplicatesAreFound() throws IOException {
        plant();

        CliRun r = CliRun.on(store(), "dedup", "--no-near");

        assertThat(r.code()).isEqualTo(Cli.OK);
        assertThat(r.out().lines())
                .first()
                .isEqualTo("6 items: 0 contaminated, 1 exact duplicates in 1 cluster, 0 near duplicates in 0 clusters;"
                        + " 5 kept");
    }

    @Test
    void aThresholdOutsideZeroToOneIsAUsageError() {
        CliRun near = CliRun.on(store(), "dedup", "--near", "1.5");
        CliRun reference = CliRun.on(store(), "dedup", "--reference-threshold", "-0.1");

        assertThat(near.code()).isEqualTo(Cli.USAGE);
        assertThat(near.err())
                .contains("error: The near-duplicate threshold must be between 0 and 1 (a similarity), not 1.5.");
        assertThat(reference.code()).isEqualTo(Cli.USAGE);
        assertThat(reference.err())
                .contains(
                        "error: The reference similarity threshold must be between 0 and 1 (a similarity), not -0.1.");
        assertThat(near.out()).isEmpty();
    }

    /** Arena prompts 1 (France's capital), 2 (the same question in other words: no word 3-gram shared), 3. */
    private void plantParaphrase() throws IOException {
        Path prompts = tmp.resolve("paraphrase.jsonl");
        List<String> lines = new ArrayList<>();
        for (String p : List.of(CAPITAL, CAPITAL_AGAIN, BREAD)) {
            lines.add(JSON.createObjectNode().put("prompt", p).toString());
        }
        Files.write(prompts, lines, StandardCharsets.UTF_8);
        assertThat(CliRun.on(store(), "dataset", "import", prompts).code()).isEqualTo(Cli.OK);
    }

    @Test
    void semanticFindsAParaphraseTheNearPassCannotSee() throws IOException {
        plantParaphrase();

        CliRun plain = CliRun.on(store(), "dedup");
        CliRun semantic = CliRun.on(store(), "dedup", "--semantic", "0.8");

        assertThat(plain.out().lines())
                .containsExactly("3 items: 0 contaminated, 0 exact duplicates in 0 clusters, 0 near duplicates in 0"
                        + " clusters; 3 kept");
        assertThat(semantic.err()).isEmpty();
        assertThat(semantic.code()).isEqualTo(Cli.OK);
        assertThat(semantic.out().lines())
                .hasSize(5)
                .startsWith(
                        "3 items: 0 contaminated, 0 exact duplicates in 0 clusters, 0 near duplicates in 0 clusters,"
                                + " 1 semantic duplicates in 1 cluster; 2 kept",
                        "",
                        "semantic cluster of 2, kept arena prompt 1: " + CAPITAL,
                        "  dropped arena prompt 2: " + CAPITAL_AGAIN);
        assertThat(semantic.out().lines().toList().get(4))
                .matches("    same meaning as arena prompt 1: cosine 0\\.\\d\\d of all-MiniLM-L6-v2 sentence"
                        + " embeddings");
    }

    @Test
    void semanticJsonListsTheClusterWithItsReason() throws IOException {
        plantParaphrase();

        CliRun r = CliRun.on(store(), "dedup", "--semantic", "0.8", "--json");

        assertThat(r.code()).isEqualTo(Cli.OK);
        JsonNode report = JSON.readTree(r.out());
        assertThat(report.get("summary").asText()).contains("1 semantic duplicates in 1 cluster; 2 kept");
        assertThat(report.at("/options/semantic").asBoolean()).isTrue();
        assertThat(report.at("/options/semantic_threshold").asDouble()).isEqualTo(0.8);
        JsonNode clusters = report.get("clusters");
        assertThat(clusters).hasSize(1);
        assertThat(clusters.at("/0/kind").asText()).isEqualTo("SEMANTIC");
        assertThat(clusters.at("/0/kept/id").asLong()).isEqualTo(ARENA + 1);
        assertThat(clusters.at("/0/dropped")).hasSize(1);
        assertThat(clusters.at("/0/dropped/0/item/id").asLong()).isEqualTo(ARENA + 2);
        assertThat(clusters.at("/0/dropped/0/item/text").asText()).isEqualTo(CAPITAL_AGAIN);
        assertThat(clusters.at("/0/dropped/0/similar_to").asLong()).isEqualTo(ARENA + 1);
        double similarity = clusters.at("/0/dropped/0/similarity").asDouble();
        assertThat(similarity).isBetween(0.8, 1.0);
        assertThat(clusters.at("/0/dropped/0/reason").asText())
                .isEqualTo(String.format(
                        Locale.ROOT,
                        "same meaning as arena prompt 1: cosine %.2f of all-MiniLM-L6-v2 sentence embeddings",
                        similarity));
        List<Long> kept = new ArrayList<>();
        report.get("kept").forEach(k -> kept.add(k.get("id").asLong()));
        assertThat(kept).containsExactly(ARENA + 1, ARENA + 3);
    }

    @Test
    void aSemanticThresholdOutsideZeroToOneIsAUsageError() {
        CliRun r = CliRun.on(store(), "dedup", "--semantic", "1.2");

        assertThat(r.code()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).contains("error: The semantic threshold must be between 0 and 1 (a similarity), not 1.2.");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aReferenceFileOfNoKnownFormatIsRejectedNamingIt() throws IOException {
        Path csv = Files.writeString(tmp.resolve("bench.csv"), "prompt\nhello\n");
        Path missing = tmp.resolve("missing.jsonl");

        CliRun unknown = CliRun.on(store(), "dedup", "--against", QUESTIONS, csv);
        CliRun unreadable = CliRun.on(store(), "dedup", "--against", missing);

        assertThat(unknown.code()).isEqualTo(Cli.REJECTED);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err().lines())
                .singleElement(InstanceOfAssertFactories.STRING)
                .startsWith("rejected: " + csv + ": not a known reference format")
                .contains("Arena-Hard question.jsonl");
        assertThat(unreadable.code()).isEqualTo(Cli.REJECTED);
        assertThat(unreadable.err()).contains("rejected: " + missing + ": cannot read the file");
    }

    @Test
    void anEmptyStoreHasNothingToCheck() {
        CliRun r = CliRun.on(store(), "dedup");

        assertThat(r.code()).isEqualTo(Cli.OK);
        assertThat(r.out().lines())
                .containsExactly("Nothing to check: the store has no instruction texts or arena prompts.");
    }

    private static Offset<Double> within() {
        return Offset.offset(1e-9);
    }
}
