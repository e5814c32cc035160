package io.arenainstruct.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.service.arena.ArenaFixture;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.JudgeReplies;

/** {@code answer}, {@code judge} and {@code arena-jobs} on the Arena-Hard sample against an in-test server. */
class ArenaJobsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path store;
    private FakeModelServer server;
    private ArenaFixture.Battles sample;

    @BeforeEach
    void setUp() {
        store = tmp.resolve("store");
        server = FakeModelServer.start();
        try (Workspace ws = ArenaFixture.open(store)) {
            ArenaFixture.importSampleWithBattles(ws);
            sample = new ArenaFixture.Battles(ws);
        }
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private CliRun cli(Object... args) {
        return CliRun.on(store, args);
    }

    private void addEndpoint(String name, String model) {
        CliRun add = cli(
                "models",
                "add",
                name,
                "--provider",
                "openai-compatible",
                "--base-url",
                server.openAiBaseUrl(),
                "--model",
                model,
                "--max-concurrent",
                "4");
        assertThat(add.code()).as(add.err()).isZero();
    }

    @Test
    void judgePrintsTheEstimateThenJudgesEveryBattleInTwoGames() throws Exception {
        // prefers the baseline wherever it is shown; scores 8 and 4 in the score style
        server.replyWith(
                sample.judge(g -> g.battle().id() % 2 == 0 && g.judgeModel().equals("judge-model")
                        ? (g.baselineFirst() ? "[[A>B]]" : "[[B>A]]")
                        : g.baselineFirst() ? "[[8, 4]] [[A>B]]" : "[[4, 8]] [[B>A]]"));
        addEndpoint("judge", "judge-model");

        CliRun judged = cli("judge", "--judges", "judge");

        assertThat(judged.code()).as(judged.err()).isZero();
        assertThat(judged.err())
                .contains("estimate: 80 calls for 80 games (0 held already), about ")
                .contains("cost unknown")
                .contains("judge job 1 started")
                .containsPattern("judge job 1: judge 80/80, verdict 40/40, 80 calls \\(0 from the ledger\\)");
        assertThat(judged.out()).isEqualTo("judge job 1 completed: 40 battles judged\n");
        assertThat(server.chatRequests()).hasSize(80);
        CliRun battles = cli("battles", "list", "--status", "judged");
        assertThat(battles.out()).endsWith("40 battles\n");

        CliRun again = cli("judge", "--judges", "judge");
        assertThat(again.out()).isEqualTo("no battles to judge: 'unjudged' selects none\n");

        CliRun scored = cli("judge", "--judges", "judge", "--prompt", "scores", "--battles", "all", "--games", "1");
        assertThat(scored.code()).as(scored.err()).isZero();
        assertThat(scored.err()).contains("estimate: 40 calls for 40 games (0 held already)");
        // the 20 games whose reply has no scores miss the score schema, are repaired once, then asked as text
        assertThat(server.chatRequests()).hasSize(160);

        CliRun list = cli("arena-jobs", "list");
        assertThat(list.out())
                .isEqualTo("job 2: completed, judge --judges judge --prompt scores --pool majority --battles all"
                        + " --games 1\n"
                        + "job 1: completed, judge --judges judge --prompt graded --pool majority --battles unjudged"
                        + " --games 2\n"
                        + "2 jobs\n");
        JsonNode json = JSON.readTree(cli("arena-jobs", "list", "--json").out());
        assertThat(json.get(1).get("kind").asText()).isEqualTo("judge");
        assertThat(json.get(1).get("config").get("judges").get(0).asText()).isEqualTo("judge");
        assertThat(json.get(1).get("failed").asInt()).isZero();
    }

    @Test
    void answerFailuresAreToldWithReasonsAndResumeAsksOnlyForThem() {
        AtomicBoolean broken = new AtomicBoolean(true);
        server.replyWith(r -> {
            if (broken.get()
                    && r.model().equals("model-two")
                    && r.lastUserMessage().startsWith("Use ABC notation")) {
                throw new IllegalStateException("out of memory");
            }
            return r.model() + " says hi";
        });
        addEndpoint("one", "model-one");
        addEndpoint("two", "model-two");

        CliRun answered = cli("answer", "--endpoints", "one,two", "--instructions", "dataset:arena-hard-v0.1");

        assertThat(answered.code()).as(answered.out() + answered.err()).isEqualTo(Cli.FAILED);
        assertThat(answered.err())
                .contains("estimate: 80 calls for 80 answers (0 held already)")
                .contains("answer job 1 started")
                .contains("answer job 1: answer 79/80 (1 failed)")
                .containsPattern("failed: 1 failed at answer: .*out of memory")
                .contains("error: answer job 1 ended with 1 failed item; once the cause is fixed, retry them with:"
                        + " arena-jobs resume 1");
        assertThat(cli("arena-jobs", "list").out())
                .startsWith("job 1: incomplete, answer --endpoints one,two --instructions dataset:arena-hard-v0.1"
                        + " --per-model 1, 1 failed item (1 item failed; resume the job to try them again)");
        int sent = server.chatRequests().size();

        broken.set(false);
        CliRun resumed = cli("arena-jobs", "resume", "1");

        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).isEqualTo("answer job 1 completed: 80 answers\n");
        assertThat(server.chatRequests()).hasSize(sent + 1);
        assertThat(cli("arena-jobs", "list").out()).startsWith("job 1: completed, answer");
    }

    @Test
    void aServerServingFewerThanTheEndpointAsksForShowsAsThrottling() {
        server.replyWith(JudgeReplies.always("[[A=B]]")).capacity(1).latency(Duration.ofMillis(40));
        addEndpoint("judge", "judge-model");
        String ids =
                "ids:" + sample.all().get(0).id() + "," + sample.all().get(1).id() + ","
                        + sample.all().get(2).id() + "," + sample.all().get(3).id();

        CliRun judged = cli("judge", "--judges", "judge", "--battles", ids);

        assertThat(judged.code()).as(judged.err()).isZero();
        assertThat(server.count429()).isPositive();
        assertThat(judged.err()).containsPattern("; judge throttled to [1-3] in flight \\(server answered 429\\)");
        assertThat(judged.out()).isEqualTo("judge job 1 completed: 4 battles judged\n");
    }

    @Test
    void wrongRequestsAreRefusedInWords() {
        addEndpoint("judge", "judge-model");

        CliRun unknown = cli("judge", "--judges", "judge,nobody");
        assertThat(unknown.code()).isEqualTo(Cli.REJECTED);
        assertThat(unknown.err()).startsWith("rejected: there is no endpoint nobody (endpoints: judge)");

        CliRun prompt = cli("judge", "--judges", "judge", "--prompt", "vibes");
        assertThat(prompt.code()).isEqualTo(Cli.REJECTED);
        assertThat(prompt.err()).contains("there is no judge prompt vibes (prompts: graded, scores)");

        assertThat(cli("judge", "--judges", "judge", "--games", "3").code()).isEqualTo(Cli.USAGE);
        assertThat(cli("judge", "--judges", "judge", "--pool", "vote").code()).isEqualTo(Cli.USAGE);
        assertThat(cli("judge", "--judges", "judge", "--battles", "best").err())
                .contains("names no battles: use unjudged, all, status:S, model:M, category:C, run:ID or ids:1,2,3");
        assertThat(cli("answer", "--endpoints", "judge", "--instructions", "some")
                        .code())
                .isEqualTo(Cli.USAGE);
        assertThat(cli("answer", "--endpoints", "judge", "--instructions", "dataset:nope")
                        .err())
                .startsWith("rejected: there is no dataset nope");
        CliRun resume = cli("arena-jobs", "resume", "9");
        assertThat(resume.code()).isEqualTo(Cli.FAILED);
        assertThat(resume.err()).isEqualTo("error: there is no arena job 9\n");
        assertThat(server.chatRequests()).isEmpty();
        assertThat(cli("arena-jobs", "list").out()).isEqualTo("0 jobs\n");
    }
}
