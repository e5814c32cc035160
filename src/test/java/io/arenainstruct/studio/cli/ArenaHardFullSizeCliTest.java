package io.arenainstruct.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.service.workspace.TemporaryUserData;

/**
 * Arena-Hard v0.1 at full size (500 questions, answers of three models) through the command line: 500
 * instructions, 1,500 responses, and 1,000 battles against the baseline. The real files cannot be fetched here, so
 * they are written in the same shape as the 40-question sample (src/test/resources/arena-hard-sample).
 */
class ArenaHardFullSizeCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MODELS = List.of("gpt-4-0314", "gpt-3.5-turbo-0125", "llama-2-70b-chat");

    @TempDir
    Path tmp;

    @RegisterExtension
    final TemporaryUserData userData = new TemporaryUserData();

    @Test
    void fiveHundredQuestionsAndThreeModelsMakeAThousandBaselineBattles() throws IOException {
        List<String> questions = new ArrayList<>();
        for (int q = 0; q < 500; q++) {
            questions.add(JSON.writeValueAsString(Map.of(
                    "uid",
                    String.format("%032x", q),
                    "category",
                    "arena-hard-v0.1",
                    "cluster",
                    "Cluster " + q % 50,
                    "prompt",
                    "Question " + q + ": explain how to do thing number " + q + ".")));
        }
        Path questionFile = Files.write(tmp.resolve("question.jsonl"), questions);
        List<Path> answerFiles = new ArrayList<>();
        for (String model : MODELS) {
            List<String> answers = new ArrayList<>();
            for (int q = 499; q >= 0; q--) { // answers in another order than the questions
                answers.add(JSON.writeValueAsString(Map.of(
                        "uid",
                        String.format("%032x", q),
                        "ans_id",
                        model + "-" + q,
                        "model",
                        model,
                        "messages",
                        List.of(
                                Map.of("role", "user", "content", "Question " + q),
                                Map.of("role", "assistant", "content", Map.of("answer", model + " answers " + q))))));
            }
            answerFiles.add(Files.write(tmp.resolve(model + ".jsonl"), answers));
        }
        Path store = tmp.resolve("store");
        List<Object> args = new ArrayList<>(List.of("dataset", "import"));
        args.addAll(answerFiles.subList(0, 2));
        args.add(questionFile);
        args.add(answerFiles.get(2));

        CliRun imported = CliRun.on(store, args.toArray());
        CliRun paired = CliRun.on(store, "battles", "create", "--strategy", "baseline:gpt-4-0314");

        assertThat(imported.code()).isEqualTo(Cli.OK);
        assertThat(imported.out().lines()).last().isEqualTo("imported 500 instructions, 1500 responses, rejected 0");
        assertThat(paired.code()).isEqualTo(Cli.OK);
        assertThat(paired.out().lines()).containsExactly("created 1000 battles");
    }
}
