package io.arenainstruct.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BattlesImportCliTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    private Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(1, "--store");
        all.add(2, tmp.resolve("ws").toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(all.toArray(String[]::new), p -> {}, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static String fixture(String name) {
        try {
            return Path.of(BattlesImportCliTest.class
                            .getResource("/battlefiles/" + name)
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void importNamesRejectedRowsAndNewModelsAndExitsThreeWhenRowsWereRejected() {
        String file = fixture("chatbot-arena.jsonl");

        Run r = cli("battles", "import", file);

        assertThat(r.code()).isEqualTo(Cli.REJECTED);
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0))
                .isEqualTo("rejected " + file + ":4: winner is not model_a, model_b, tie or tie (bothbad)");
        assertThat(lines.get(1)).startsWith("rejected " + file + ":5: not JSON");
        assertThat(lines.get(2)).isEqualTo("rejected " + file + ":7: both sides name the same model");
        assertThat(lines.get(3)).isEqualTo("new models: m-alpha, m-beta, x, y");
        assertThat(lines.get(4)).isEqualTo("imported 4 verdicts on 3 battles (3 new), rejected 3");

        Run again = cli("battles", "import", file);
        assertThat(again.code()).isEqualTo(Cli.REJECTED);
        assertThat(again.out().lines().toList())
                .last()
                .isEqualTo("imported 0 verdicts on 0 battles (0 new), rejected 3");
        // q1's two people disagree (one vote each): disputed; the other two battles have one vote each
        assertThat(cli("battles", "list", "--status", "adjudicated").out()).endsWith("2 battles\n");
        assertThat(cli("battles", "list", "--status", "disputed").out()).endsWith("1 battle\n");
    }

    @Test
    void aCleanFileExitsZeroAndHostileNamesCannotSteerTheTerminal() throws IOException {
        Path file = tmp.resolve("votes.jsonl");
        Files.writeString(
                file,
                "{\"model_a\": \"evil\\u001b[2J\\nfake line\", \"model_b\": \"good\","
                        + " \"winner\": \"model_b\", \"question_id\": \"q\\u001b]0;x\\u0007\"}\n");

        Run r = cli("battles", "import", file.toString(), "--as", "judge");

        assertThat(r.code()).isEqualTo(Cli.OK);
        assertThat(r.out()).doesNotContain("\u001b").doesNotContain("\u0007");
        assertThat(r.out().lines().toList())
                .containsExactly(
                        "new models: evil\\e[2J\\nfake line, good",
                        "1 unknown question (verdicts kept on battles without an instruction): q\\e]0;x\\a",
                        "imported 1 verdict on 1 battle (1 new), rejected 0");
        assertThat(cli("battles", "list", "--status", "judged").out()).endsWith("1 battle\n");
    }

    @Test
    void judgeFilesAreJudgesVerdictsSoAsHumanIsAUsageError() {
        Run r = cli("battles", "import", fixture("fastchat_pair.jsonl"), "--as", "human");

        assertThat(r.code()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).contains("--as human").contains("fastchat-pair");
        assertThat(cli("battles", "list").out()).isEqualTo("0 battles\n");

        Run asJudge = cli("battles", "import", fixture("fastchat_pair.jsonl"), fixture("arena-hard-judge.jsonl"));
        assertThat(asJudge.code()).isEqualTo(Cli.REJECTED);
        assertThat(asJudge.out().lines().toList())
                .contains(
                        "5 unknown questions (verdicts kept on battles without an instruction): 81, 82, u1, u2, u3",
                        "imported 22 verdicts on 7 battles (7 new), rejected 3");
    }

    @Test
    void aFileInNoKnownFormatIsNamedWithTheSupportedOnes() throws IOException {
        Path file = tmp.resolve("other.jsonl");
        Files.writeString(file, "{\"prompt\": \"hi\"}\n");

        Run r = cli("battles", "import", file.toString());

        assertThat(r.code()).isEqualTo(Cli.FAILED);
        assertThat(r.err()).contains("other.jsonl is not a battle file").contains("chatbot-arena", "fastchat-pair");
        assertThat(cli("battles", "import", tmp.resolve("missing.jsonl").toString())
                        .code())
                .isEqualTo(Cli.FAILED);
        assertThat(cli("battles", "import", file.toString(), "--as", "robot").code())
                .isEqualTo(Cli.USAGE);
    }

    @Test
    void judgmentsImportedBeforeTheirQuestionsJoinThemWhenTheQuestionsAreImported() throws IOException {
        Path judgments = Files.writeString(
                tmp.resolve("m1.jsonl"),
                "{\"uid\": \"q1\", \"judge\": \"j\", \"model\": \"m1\", \"baseline\": \"base\","
                        + " \"games\": [{\"score\": \"B>A\"}, {\"score\": \"A>>B\"}]}\n");
        Path questions = Files.writeString(
                tmp.resolve("question.jsonl"),
                "{\"uid\": \"q1\", \"category\": \"bench\", \"cluster\": \"Sums\", \"prompt\": \"Solve 2+2.\"}\n");

        assertThat(cli("battles", "import", judgments.toString()).code()).isZero();
        assertThat(cli("battles", "list", "--category", "Sums").out()).isEqualTo("0 battles\n");
        assertThat(cli("dataset", "import", questions.toString()).code()).isZero();

        // the one battle now has the question's category, and is still one battle, judged
        assertThat(cli("battles", "list").out()).endsWith("1 battle\n");
        assertThat(cli("battles", "list", "--category", "Sums", "--status", "judged")
                        .out())
                .endsWith("1 battle\n");
    }
}
