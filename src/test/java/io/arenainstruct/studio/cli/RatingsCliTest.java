package io.arenainstruct.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code ratings} on Chatbot-Arena rows imported with {@code battles import}: six battles of m1 against m2, m1 wins
 * 3, loses 1, ties 2. m1 scores 4 of 6, so the two-model fit gives P(m1 beats m2) = 2/3: a gap of 400·log10(2) =
 * 120.412 rating points, 1060.206 and 939.794 centred on 1000 (worked out by hand, not by the code).
 */
class RatingsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double GAP = 400 * Math.log10(2);

    @TempDir
    Path tmp;

    private static String row(int q, String a, String b, String winner, String answerA, String answerB) {
        return String.format(
                Locale.ROOT,
                "{\"question_id\": \"q%d\", \"model_a\": \"%s\", \"model_b\": \"%s\", \"winner\": \"%s\","
                        + " \"tstamp\": %d,"
                        + " \"conversation_a\": [{\"role\": \"user\", \"content\": \"Question %d\"},"
                        + " {\"role\": \"assistant\", \"content\": \"%s\"}],"
                        + " \"conversation_b\": [{\"role\": \"user\", \"content\": \"Question %d\"},"
                        + " {\"role\": \"assistant\", \"content\": \"%s\"}]}",
                q,
                a,
                b,
                winner,
                1_700_000_000 + q,
                q,
                answerA,
                q,
                answerB);
    }

    /** A store holding the six battles, plus {@code more} rows. */
    private Path store(String... more) throws IOException {
        List<String> rows = new ArrayList<>();
        String[] winners = {"model_a", "model_a", "model_a", "model_b", "tie", "tie"};
        for (int i = 0; i < winners.length; i++) {
            rows.add(row(i + 1, "m1", "m2", winners[i], "# Answer\\n- point " + i + "\\n- **more**", "short " + i));
        }
        rows.addAll(List.of(more));
        Path file = tmp.resolve("battles.jsonl");
        Files.write(file, rows);
        Path store = tmp.resolve("store");
        CliRun imported = CliRun.on(store, "battles", "import", file);
        assertThat(imported.code()).as(imported.out() + imported.err()).isZero();
        return store;
    }

    private static JsonNode json(CliRun run) throws IOException {
        assertThat(run.code()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    @Test
    void jsonHasTheNamedFieldsSortedByRating() throws IOException {
        Path store = store();

        JsonNode got = json(CliRun.on(store, "ratings", "--source", "imported", "--json"));

        assertThat(got.isArray()).isTrue();
        assertThat(got).hasSize(2);
        JsonNode m1 = got.get(0);
        JsonNode m2 = got.get(1);
        assertThat(m1.get("model").asText()).isEqualTo("m1");
        assertThat(m2.get("model").asText()).isEqualTo("m2");
        assertThat(m1.get("rating").asDouble()).isCloseTo(1000 + GAP / 2, within(0.001));
        assertThat(m1.get("rating").asDouble()).isCloseTo(1060.206, within(0.001));
        assertThat(m2.get("rating").asDouble()).isCloseTo(939.794, within(0.001));
        assertThat(List.of(
                        m1.get("wins").asInt(),
                        m1.get("losses").asInt(),
                        m1.get("ties").asInt()))
                .containsExactly(3, 1, 2);
        assertThat(List.of(
                        m2.get("wins").asInt(),
                        m2.get("losses").asInt(),
                        m2.get("ties").asInt()))
                .containsExactly(1, 3, 2);
        assertThat(m1.get("battles").asInt()).isEqualTo(6);
        assertThat(m1.get("observations").asInt()).isEqualTo(6);
        assertThat(m1.get("ci_low").asDouble())
                .isLessThanOrEqualTo(m1.get("rating").asDouble());
        assertThat(m1.get("ci_high").asDouble())
                .isGreaterThanOrEqualTo(m1.get("rating").asDouble());
        assertThat(m1.get("elo").isNumber()).isTrue();
        assertThat(m1.get("flags").toString()).contains("few_battles");
        List<String> fields = new ArrayList<>();
        m1.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .contains("model", "rating", "ci_low", "ci_high", "battles", "wins", "losses", "ties", "elo")
                .contains("observations", "flags");

        // the same seed gives the same figures; an anchor moves every rating with it
        assertThat(json(CliRun.on(store, "ratings", "--source", "imported", "--json")))
                .isEqualTo(got);
        JsonNode anchored = json(CliRun.on(store, "ratings", "--source", "imported", "--anchor", "m2=900", "--json"));
        assertThat(anchored.get(0).get("rating").asDouble()).isCloseTo(900 + GAP, within(0.001));
        assertThat(anchored.get(1).get("rating").asDouble()).isCloseTo(900, within(0.001));
    }

    @Test
    void aFigureThatCannotBeComputedIsNull() throws IOException {
        // m3 and m4 never met m1 or m2: not rated
        Path store = store(row(7, "m3", "m4", "model_a", "x", "y"));

        JsonNode got = json(CliRun.on(store, "ratings", "--source", "imported", "--json"));

        JsonNode last = got.get(got.size() - 1);
        assertThat(last.get("model").asText()).isIn("m3", "m4");
        assertThat(last.get("rating").isNull()).isTrue();
        assertThat(last.get("ci_low").isNull()).isTrue();
        assertThat(last.get("ci_high").isNull()).isTrue();
        assertThat(last.get("elo").isNull()).isTrue();
        assertThat(last.get("flags").toString()).contains("disconnected");
        assertThat(got.get(0).get("rating").asDouble()).isCloseTo(1060.206, within(0.001));
    }

    @Test
    void theTableShowsRanksIntervalsRecordsAndWhatItWasComputedFrom() throws IOException {
        Path store = store();

        CliRun run = CliRun.on(store, "ratings", "--source", "imported", "--target", "m1");

        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).contains("rank", "model", "rating", "95% interval", "elo", "battles", "W/L/T");
        assertThat(lines.get(1)).startsWith("   1  m1").contains("1060.2", "3/1/2", "few_battles");
        // lmarena's rank: m1's interval does not lie wholly above m2's (six battles), so both rank first
        assertThat(lines.get(2)).startsWith("   1  m2").contains("939.8", "1/3/2");
        assertThat(run.out()).contains("Target m1 against each competitor:", "m2     3/1/2  66.7%");
        assertThat(lines.get(lines.size() - 1))
                .isEqualTo("6 observations on 6 battles, source imported; bootstrap intervals over 100 rounds,"
                        + " seed 42.");
    }

    @Test
    void aNameWithControlCharactersIsShownEscapedAndTheColumnsStayAligned() throws IOException {
        Path store = store(row(7, "m3", "m4\\u001b[31m", "model_a", "x", "y"));

        CliRun run = CliRun.on(store, "ratings", "--source", "imported");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("\u001b").contains("m4\\e[31m");
        List<String> lines = run.out().lines().toList();
        int column = lines.get(0).indexOf("W/L/T");
        String escaped =
                lines.stream().filter(l -> l.contains("m4\\e")).findFirst().orElseThrow();
        assertThat(escaped.indexOf("0/1/0")).isEqualTo(column);
        assertThat(lines.get(1).indexOf("3/1/2")).isEqualTo(column);
    }

    @Test
    void styleControlPrintsTheCoefficients() throws IOException {
        Path store = store();

        CliRun run = CliRun.on(store, "ratings", "--source", "imported", "--style-control", "--ci", "sandwich");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Style coefficients")
                .contains("  length ", "  headers ", "  lists ", "  bold ")
                .contains("style-controlled; sandwich (robust) intervals.");
    }

    /**
     * Arena-Hard judgments of m1 against the baseline: game 1 shows the baseline as A, game 2 swaps them. u1: B>>A
     * then A>B, m1 wins both, the first strongly; u2: A>B then B>A, m1 loses both; u3: two ties. Each game is an
     * observation: m1 has 2 wins, 2 losses, 2 ties. With strong weight 3 m1 scores 3 + 1 + ½ + ½ = 5 of 8, a gap of
     * 400·log10(5/3) = 88.740: 1044.370 against 955.630. With weight 1, 3 of 6: both 1000.
     */
    @Test
    void importedArenaHardGamesCountEachWithStrongVerdictsWeighted() throws IOException {
        String row = "{\"uid\": \"%s\", \"category\": \"hard\", \"judge\": \"gpt-4\", \"model\": \"m1\","
                + " \"baseline\": \"base\", \"games\": [{\"score\": \"%s\", \"judgment\": \"[[%s]]\"},"
                + " {\"score\": \"%s\", \"judgment\": \"[[%s]]\"}]}";
        Path file = tmp.resolve("m1.jsonl");
        Files.write(
                file,
                List.of(
                        String.format(Locale.ROOT, row, "u1", "B>>A", "B>>A", "A>B", "A>B"),
                        String.format(Locale.ROOT, row, "u2", "A>B", "A>B", "B>A", "B>A"),
                        String.format(Locale.ROOT, row, "u3", "A=B", "A=B", "A=B", "A=B")));
        Path store = tmp.resolve("store");
        CliRun imported = CliRun.on(store, "battles", "import", file);
        assertThat(imported.code()).as(imported.out() + imported.err()).isZero();

        JsonNode weighted = json(CliRun.on(store, "ratings", "--source", "imported", "--json"));
        assertThat(weighted.get(0).get("model").asText()).isEqualTo("m1");
        assertThat(weighted.get(0).get("rating").asDouble()).isCloseTo(1044.370, within(0.001));
        assertThat(weighted.get(1).get("rating").asDouble()).isCloseTo(955.630, within(0.001));
        JsonNode m1 = weighted.get(0);
        assertThat(List.of(
                        m1.get("wins").asInt(),
                        m1.get("losses").asInt(),
                        m1.get("ties").asInt()))
                .containsExactly(2, 2, 2);
        assertThat(m1.get("observations").asInt()).isEqualTo(6);
        assertThat(m1.get("battles").asInt()).isEqualTo(3);

        JsonNode plain = json(CliRun.on(store, "ratings", "--source", "imported", "--strong-weight", "1", "--json"));
        assertThat(plain.get(0).get("rating").asDouble()).isCloseTo(1000, within(0.001));
        assertThat(plain.get(1).get("rating").asDouble()).isCloseTo(1000, within(0.001));
    }

    @Test
    void bothBadIsATieOrLeftOut() throws IOException {
        Path store = store(row(7, "m1", "m2", "tie (bothbad)", "x", "y"));

        JsonNode tie = json(CliRun.on(store, "ratings", "--source", "imported", "--json"));
        assertThat(tie.get(0).get("ties").asInt()).isEqualTo(3);
        CliRun exclude = CliRun.on(store, "ratings", "--source", "imported", "--both-bad", "exclude", "--json");
        JsonNode excluded = json(exclude);
        assertThat(excluded.get(0).get("ties").asInt()).isEqualTo(2);
        assertThat(excluded.get(0).get("rating").asDouble()).isCloseTo(1060.206, within(0.001));
        assertThat(exclude.err()).contains("note: 1 both-bad verdict left out");
    }

    @Test
    void aKnownTargetThatIsNotRatedGetsANoteBesideTheRatings() throws IOException {
        // m3's only verdict is both-bad: left out with --both-bad exclude, so m3 is in the store but not rated
        Path store = store(row(7, "m1", "m3", "tie (bothbad)", "x", "y"));

        CliRun table = CliRun.on(store, "ratings", "--source", "imported", "--both-bad", "exclude", "--target", "m3");
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out())
                .contains("m3 has no verdicts in what was rated: no target figures.")
                .doesNotContain("Target m3");
        assertThat(table.out().lines().toList().get(1)).startsWith("   1  m1").contains("1060.2");

        CliRun json = CliRun.on(
                store, "ratings", "--source", "imported", "--both-bad", "exclude", "--target", "m3", "--json");
        assertThat(json(json).size()).isEqualTo(2);
        assertThat(json.err()).contains("note: m3 has no verdicts in what was rated: no target figures.");
    }

    @Test
    void aFigureThatRoundsToZeroIsPrintedWithoutASign() {
        assertThat(RatingsCommand.fixed(-0.0004, 3)).isEqualTo("0.000");
        assertThat(RatingsCommand.fixed(-0.0, 3)).isEqualTo("0.000");
        assertThat(RatingsCommand.fixed(-0.04, 1)).isEqualTo("0.0");
        assertThat(RatingsCommand.fixed(-0.0006, 3)).isEqualTo("-0.001");
        assertThat(RatingsCommand.fixed(-10.0004, 3)).isEqualTo("-10.000");
        assertThat(RatingsCommand.fixed(0.1234, 3)).isEqualTo("0.123");
    }

    @Test
    void helpNamesEveryOptionWithoutPicocliWarnings() {
        // picocli warns on System.err (not the command's) about a description it cannot format: a bare '%'
        PrintStream systemErr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        CliRun help;
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            help = CliRun.on(tmp.resolve("store"), "ratings", "--help");
        } finally {
            System.setErr(systemErr);
        }
        assertThat(help.code()).isZero();
        assertThat(help.err()).isEmpty();
        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(help.out())
                .contains("--source=judge|human|combined|imported", "--anchor=MODEL=RATING", "--both-bad=tie|exclude")
                .contains("with 95% intervals", "How the 95% intervals are estimated");
    }

    @Test
    void badInputIsRefusedWithASentenceAndTheContractsExitCode() throws IOException {
        Path store = store();

        CliRun source = CliRun.on(store, "ratings", "--source", "jury");
        assertThat(source.code()).isEqualTo(Cli.USAGE);
        assertThat(source.err()).contains("unknown source 'jury': judge, human, combined or imported");

        CliRun malformed = CliRun.on(store, "ratings", "--anchor", "m1");
        assertThat(malformed.code()).isEqualTo(Cli.USAGE);
        assertThat(malformed.err()).contains("--anchor is MODEL=RATING");
        assertThat(CliRun.on(store, "ratings", "--anchor", "m1=high").code()).isEqualTo(Cli.USAGE);
        assertThat(CliRun.on(store, "ratings", "--both-bad", "maybe").code()).isEqualTo(Cli.USAGE);
        assertThat(CliRun.on(store, "ratings", "--strong-weight", "0").code()).isEqualTo(Cli.USAGE);
        // bounds so a typo cannot hang online Elo (a strong verdict replayed weight times) or exhaust memory
        CliRun heavy = CliRun.on(store, "ratings", "--strong-weight", "1000000000");
        assertThat(heavy.code()).isEqualTo(Cli.USAGE);
        assertThat(heavy.err()).contains("the strong verdict weight must be from 1 to 10, not 1000000000");
        CliRun rounds = CliRun.on(store, "ratings", "--bootstrap", "10001");
        assertThat(rounds.code()).isEqualTo(Cli.USAGE);
        assertThat(rounds.err()).contains("bootstrap rounds must be from 0 to 10,000, not 10,001");
        assertThat(CliRun.on(store, "ratings", "--bootstrap", "-1").code()).isEqualTo(Cli.USAGE);

        CliRun ghost = CliRun.on(store, "ratings", "--source", "imported", "--anchor", "ghost=1000");
        assertThat(ghost.code()).isEqualTo(Cli.REJECTED);
        assertThat(ghost.err()).startsWith("rejected: ").contains("ghost");
        assertThat(ghost.out()).isEmpty();

        CliRun target = CliRun.on(store, "ratings", "--source", "imported", "--target", "ghost");
        assertThat(target.code()).isEqualTo(Cli.REJECTED);
        assertThat(target.err().strip())
                .isEqualTo("rejected: No model named ghost has verdicts in this store, so it cannot be the target.");
        assertThat(target.out()).isEmpty();

        CliRun category = CliRun.on(store, "ratings", "--source", "imported", "--category", "Poetry");
        assertThat(category.code()).isEqualTo(Cli.REJECTED);
        assertThat(category.err()).contains("rejected: There is no category 'Poetry'. Categories with verdicts: none.");

        CliRun human = CliRun.on(store, "ratings", "--source", "human");
        assertThat(human.code()).isEqualTo(Cli.REJECTED);
        assertThat(human.err().strip())
                .isEqualTo("rejected: No human votes to rate yet. The store holds 6 imported verdicts: try the"
                        + " imported source.");
    }
}
