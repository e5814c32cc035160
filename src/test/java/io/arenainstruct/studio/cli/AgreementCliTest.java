package io.arenainstruct.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code agreement} over a few dozen hand-written MT-Bench-style human votes (Chatbot-Arena rows) and two FastChat
 * judges' pairwise judgments, imported through {@code dataset import} and {@code battles import}. The expected
 * figures were computed once, independently of this code, by {@code src/test/resources/agreement/expected.py}
 * (standard-library Python, its own reading of the files): its output is {@code expected.json}.
 */
class AgreementCliTest {
    private static final Path FILES = Path.of("src/test/resources/agreement");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path imported() {
        Path store = tmp.resolve("store");
        assertThat(CliRun.on(store, "dataset", "import", FILES.resolve("questions.jsonl"))
                        .code())
                .isZero();
        CliRun human = CliRun.on(store, "battles", "import", FILES.resolve("human.jsonl"));
        assertThat(human.code()).as(human.out() + human.err()).isZero();
        CliRun judges = CliRun.on(
                store,
                "battles",
                "import",
                "--as",
                "judge",
                FILES.resolve("gpt-4_pair.jsonl"),
                FILES.resolve("gpt-3.5-turbo_pair.jsonl"));
        assertThat(judges.code()).as(judges.out() + judges.err()).isZero();
        return store;
    }

    @Test
    void figuresOfImportedHumanVotesAndJudgmentsMatchTheIndependentScript() throws Exception {
        Path store = imported();
        JsonNode expected = JSON.readTree(FILES.resolve("expected.json").toFile());

        CliRun all = CliRun.on(store, "agreement", "--json");
        assertThat(all.code()).as(all.err()).isZero();
        JsonNode got = JSON.readTree(all.out());
        assertSameReport(got, expected, "all");
        assertThat(names(got.get("categories"))).containsExactly("math", "writing");
        assertSameReport(
                got.get("categories").get("math"), expected.get("categories").get("math"), "math");
        assertSameReport(
                got.get("categories").get("writing"), expected.get("categories").get("writing"), "writing");

        CliRun math = CliRun.on(store, "agreement", "--json", "--category", "math");
        assertThat(math.code()).isZero();
        JsonNode gotMath = JSON.readTree(math.out());
        assertSameReport(gotMath, expected.get("categories").get("math"), "--category math");
        assertThat(gotMath.get("category").asText()).isEqualTo("math");
        assertThat(gotMath.has("categories")).isFalse();
    }

    @Test
    void theJsonHasTheNamedFieldsAndTheTableIsReadable() {
        Path store = imported();
        JsonNode got;
        try {
            got = JSON.readTree(CliRun.on(store, "agreement", "--json").out());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(names(got)).startsWith("judges", "annotators", "krippendorff_alpha");
        assertThat(names(got.get("judges").get(0)))
                .startsWith(
                        "judge",
                        "prompt_version",
                        "battles",
                        "agreement",
                        "agreement_without_ties",
                        "kappa",
                        "game_agreement",
                        "position_consistency",
                        "first_position_wins",
                        "longer_wins");
        assertThat(names(got.get("annotators").get(0))).containsExactly("a", "b", "battles", "agreement", "kappa");
        // a figure that cannot be computed is null, never 0 (FastChat judgments name no prompt version)
        assertThat(got.get("judges").get(0).get("prompt_version").isNull()).isTrue();

        CliRun text = CliRun.on(store, "agreement");
        assertThat(text.code()).isZero();
        assertThat(text.out())
                .startsWith("Agreement, all battles: 7 battles with a human majority verdict, 3 battles where"
                        + " annotators split (left out of the judges' figures)\n")
                .contains("\ngpt-4                                      -        6  0.667    1.000  0.538  0.846"
                        + "    0.667  0.700  1.000\n")
                .contains("\nauthor_0                 expert_0                        5  0.200  0.000\n")
                .contains("\nAgreement, category math: ")
                .contains("Krippendorff's alpha (nominal, over 9 battles with two or more annotators): 0.071\n");

        CliRun none = CliRun.on(store, "agreement", "--category", "poetry");
        assertThat(none.code()).isZero();
        assertThat(none.out())
                .contains("No judge verdicts on battles people voted on.")
                .contains("No two annotators voted on the same battle.")
                .contains("alpha (nominal, over 0 battles with two or more annotators): -\n");
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    /** The fields expected.json has, equal (figures within 1e-9; null only where it is null). */
    private static void assertSameReport(JsonNode got, JsonNode expected, String scope) {
        for (String field : List.of("battles_with_human_verdict", "battles_left_out_split", "alpha_battles")) {
            assertThat(got.get(field).asLong())
                    .as(scope + " " + field)
                    .isEqualTo(expected.get(field).asLong());
        }
        assertFigure(got.get("krippendorff_alpha"), expected.get("krippendorff_alpha"), scope + " alpha");
        assertRows(got.get("judges"), expected.get("judges"), scope + " judge ", "judge");
        assertRows(got.get("annotators"), expected.get("annotators"), scope + " pair ", "a");
    }

    private static void assertRows(JsonNode got, JsonNode expected, String scope, String nameField) {
        assertThat(got.size()).as(scope + "rows").isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode e = expected.get(i);
            JsonNode g = got.get(i);
            String row = scope
                    + e.get(nameField).asText()
                    + (e.has("b") ? "-" + e.get("b").asText() : "");
            for (String field : names(e)) {
                if (e.get(field).isTextual()) {
                    assertThat(g.get(field).asText())
                            .as(row + " " + field)
                            .isEqualTo(e.get(field).asText());
                } else {
                    assertFigure(g.get(field), e.get(field), row + " " + field);
                }
            }
        }
    }

    private static void assertFigure(JsonNode got, JsonNode expected, String what) {
        assertThat(got).as(what + " present").isNotNull();
        if (expected.isNull()) {
            assertThat(got.isNull()).as(what + " is null, got " + got).isTrue();
        } else {
            assertThat(got.isNull()).as(what + " is not null").isFalse();
            assertThat(got.asDouble()).as(what).isCloseTo(expected.asDouble(), within(1e-9));
        }
    }
}
