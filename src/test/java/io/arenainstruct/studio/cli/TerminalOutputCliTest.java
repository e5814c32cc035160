package io.arenainstruct.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.service.workspace.TemporaryUserData;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.Fault;
import io.arenainstruct.studio.testserver.SchemaReplies;

/**
 * Text from outside (model replies, server error bodies, file names) reaches the terminal only escaped: no escape
 * sequence, BEL, NUL, carriage return, C1 control or bidi override gets through, whatever the command; JSON output
 * keeps the exact text.
 */
class TerminalOutputCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Clear screen, window title, an OSC 8 link, red, a CR that overwrites, a right-to-left override, C1 CSI. */
    private static final String HOSTILE = "\u001b[2J\u001b]0;owned\u0007\u001b]8;;http://x\u001b\\link\u001b[31m"
            + "\rfake\u202Eevil\u2067iso\u200F\u0000\u009b1m";

    private static final String SHOWN =
            "\\e[2J\\e]0;owned\\a\\e]8;;http://x\\e\\link\\e[31m" + "\\rfake\\u202Eevil\\u2067iso\\u200F\\0\\u009B1m";

    @TempDir
    Path tmp;

    @RegisterExtension
    final TemporaryUserData userData = new TemporaryUserData();

    private FakeModelServer server;

    @BeforeEach
    void setUp() {
        server = FakeModelServer.start();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private CliRun cli(Object... args) {
        return CliRun.on(tmp.resolve("store"), args);
    }

    /** Nothing a terminal acts on: only line breaks and tabs among the controls, no bidi controls. */
    private static void assertHarmless(String printed) {
        assertThat(printed.chars()
                        .filter(c -> (c < 0x20 && c != '\n' && c != '\t')
                                || (c >= 0x7F && c <= 0x9F)
                                || (c >= 0x202A && c <= 0x202E)
                                || (c >= 0x2066 && c <= 0x2069)
                                || c == 0x200E
                                || c == 0x200F
                                || c == 0x061C))
                .as(printed)
                .isEmpty();
    }

    private void addEndpoint() {
        CliRun add = cli(
                "models",
                "add",
                "local",
                "--provider",
                "openai-compatible",
                "--base-url",
                server.openAiBaseUrl(),
                "--model",
                "qwen2.5");
        assertThat(add.code()).as(add.err()).isZero();
    }

    @Test
    void modelsTestShowsAHostileReplyEscaped() {
        addEndpoint();
        server.reply("hi " + HOSTILE);
        CliRun test = cli("models", "test", "local");
        assertThat(test.code()).as(test.err()).isZero();
        assertThat(test.out()).contains("hi " + SHOWN);
        assertHarmless(test.out() + test.err());
    }

    @Test
    void anErrorLineOnStderrIsEscapedToo() {
        CliRun test = cli("models", "test", "x" + HOSTILE);
        assertThat(test.code()).isEqualTo(Cli.FAILED);
        assertThat(test.err()).contains("error: there is no endpoint named 'x" + SHOWN + "'");
        assertHarmless(test.err());
    }

    @Test
    void seedsImportRejectionsAndSeedsListShowHostileNamesEscapedAndJsonKeepsThemExactly() throws Exception {
        // File names cannot hold NUL or '/', and stay ASCII so any locale can write them.
        String name = "a\u001b]0;title\u0007\u001b[2Jb\rc\nrun 9 completed.md";
        Path dir = Files.createDirectories(tmp.resolve("seeds"));
        Files.writeString(dir.resolve(name), "A seed about tides and the moon.");
        Files.writeString(
                dir.resolve("records.jsonl"),
                "{\""
                        + HOSTILE.replace("\u0000", "")
                                .replace("\u001b", "\\u001b")
                                .replace("\u0007", "\\u0007")
                                .replace("\r", "\\r")
                                .replace("\\link", "\\\\link")
                        + "\\nimported 99\": \"x\"}\n");

        CliRun imported = cli("seeds", "import", dir);
        assertThat(imported.out())
                .contains("rejected ")
                .contains("\\e[2J\\e]0;owned\\a")
                .contains("\\u202Eevil")
                .contains("\\nimported 99")
                .doesNotContain("\nimported 99");
        assertHarmless(imported.out() + imported.err());

        CliRun list = cli("seeds", "list");
        assertThat(list.out())
                .contains("a\\e]0;title\\a\\e[2Jb\\rc\\nrun 9 completed.md")
                .as("a name cannot fake a line")
                .doesNotContain("\nrun 9");
        assertHarmless(list.out());

        JsonNode json = JSON.readTree(cli("seeds", "list", "--json").out());
        assertThat(json).extracting(n -> n.get("name").asText()).contains(name);
    }

    @Test
    void runFailureLinesAndInstructionsListShowModelTextEscapedAndJsonKeepsItExactly() throws Exception {
        assertThat(cli("seeds", "import", Path.of("sample-seeds")).code()).isZero();
        addEndpoint();
        // The error body a server sends back, echoed into the failure reasons.
        server.enqueue(
                Fault.status(400).rawBody("text/plain", "bad " + HOSTILE),
                Fault.status(400).rawBody("text/plain", "bad " + HOSTILE));
        CliRun failed = cli(
                "run", "--skill", "reading-comprehension", "--seeds", "1,2", "--endpoint", "local", "--rounds", "0");
        assertThat(failed.code()).isEqualTo(Cli.FAILED);
        assertThat(failed.err())
                .contains("failed: ")
                .contains("\\e[2J\\e]0;owned\\a")
                .contains("\\u202Eevil");
        assertHarmless(failed.out() + failed.err());

        // Model text in JSON replies (escaped as JSON on the wire, raw once read).
        String jsonEscaped = "\\u001b[2J\\u202Eevil\\r\\u0007";
        server.replyWith(r -> SchemaReplies.fill().apply(r).replace("for: ", "for: " + jsonEscaped));
        CliRun ok =
                cli("run", "--skill", "reading-comprehension", "--seeds", "3", "--endpoint", "local", "--rounds", "0");
        assertThat(ok.code()).as(ok.err()).isZero();

        CliRun list = cli("instructions", "list", "--run", "2");
        // (this listing puts each instruction on one line: the CR became a space)
        assertThat(list.out()).contains("\\e[2J\\u202Eevil \\a");
        assertHarmless(list.out());

        JsonNode items = JSON.readTree(
                cli("instructions", "list", "--run", "2", "--json").out());
        assertThat(items.get(0).get("instruction").asText()).contains("\u001b[2J\u202Eevil\r\u0007");
    }
}
