package io.arenainstruct.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import com.sun.net.httpserver.HttpServer;

import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.flow.Flow;
import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.service.flow.FlowYaml;
import io.arenainstruct.studio.service.workspace.TemporaryUserData;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.FlowRepository;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.SchemaReplies;

/**
 * A flow's output schema never makes the app fetch anything: a reference to a host or a file is refused by
 * {@code flows import} with its line, and a stored flow holding one is refused at run start. A local listener
 * receives nothing and a planted file's text appears nowhere.
 */
class SchemaReferencesCliTest {
    private static final String PLANTED = "PLANTED-SECRET-4711";

    @TempDir
    Path tmp;

    @RegisterExtension
    final TemporaryUserData userData = new TemporaryUserData();

    private HttpServer listener;
    private final AtomicInteger received = new AtomicInteger();
    private FakeModelServer model;
    private Path planted;

    @BeforeEach
    void setUp() throws IOException {
        listener = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        listener.createContext("/", exchange -> {
            received.incrementAndGet();
            byte[] body =
                    ("{\"type\":\"string\",\"description\":\"" + PLANTED + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        listener.start();
        model = FakeModelServer.start().replyWith(SchemaReplies.fill());
        planted = tmp.resolve("planted.json");
        Files.writeString(planted, "{\"type\":\"string\",\"description\":\"" + PLANTED + "\"}");
    }

    @AfterEach
    void tearDown() {
        listener.stop(0);
        model.close();
    }

    private CliRun cli(Object... args) {
        return CliRun.on(tmp.resolve("store"), args);
    }

    private String hostileSchema() {
        return """
                {
                  "type": "object",
                  "properties": {
                    "response": {"type": "string"},
                    "web": {"$ref": "http://127.0.0.1:%d/schema.json"},
                    "disk": {"$ref": "%s"}
                  },
                  "required": ["response"]
                }""".formatted(listener.getAddress().getPort(), planted.toUri());
    }

    /** The reading-comprehension flow file with the hostile schema given to its answerer. */
    private String hostileFlow() throws IOException {
        Path file = tmp.resolve("rc.yaml");
        assertThat(cli("flows", "export", "reading-comprehension", file).code()).isZero();
        String text = Files.readString(file);
        String block = "  schema: |\n"
                + hostileSchema().lines().map(l -> "    " + l + "\n").reduce("", String::concat);
        return text.replace("answerer:\n  id: answerer\n", "answerer:\n  id: answerer\n" + block);
    }

    @Test
    void flowsImportRefusesASchemaReferenceToAHostOrAFileNamingItsLineAndColumn() throws Exception {
        String text = hostileFlow();
        Path file = tmp.resolve("hostile.yaml");
        Files.writeString(file, text);
        List<String> lines = text.lines().toList();
        int webLine = lines.indexOf(lines.stream()
                        .filter(l -> l.contains("\"web\""))
                        .findFirst()
                        .orElseThrow())
                + 1;
        int webColumn = lines.get(webLine - 1).indexOf("\"http:") + 1;

        CliRun run = cli("flows", "import", file);

        assertThat(run.code()).isEqualTo(Cli.REJECTED);
        assertThat(run.err())
                .contains(file + ":" + webLine + ":" + webColumn + ": \"$ref\": \"http://127.0.0.1:")
                .contains(file + ":" + (webLine + 1) + ":")
                .contains("points outside the schema")
                .contains("nothing imported");
        assertThat(received).hasValue(0);
        assertThat(run.out() + run.err()).doesNotContain(PLANTED);
    }

    @Test
    void aStoredFlowWithAnOutsideReferenceIsRefusedAtRunStartAndNothingIsFetched() throws Exception {
        String text = hostileFlow();
        // A store written before the check: the hostile flow is already in it.
        try (Workspace ws = Workspace.open(tmp.resolve("store"))) {
            Flow flow = FlowYaml.parseStored("planted", text);
            Map<String, Prompt> prompts = new LinkedHashMap<>();
            for (Agent a : flow.agents()) {
                prompts.put(Agent.key(flow.skill(), a.id()), a.prompt());
            }
            new FlowRepository(WorkspaceRepositories.store(ws)).replace(flow.skill(), text, prompts, "planted");
            assertThat(ws.flows().find("reading-comprehension"))
                    .as("the flow still opens")
                    .isPresent();
        }
        assertThat(cli("seeds", "import", Path.of("sample-seeds")).code()).isZero();
        assertThat(cli(
                                "models",
                                "add",
                                "local",
                                "--provider",
                                "openai-compatible",
                                "--base-url",
                                model.openAiBaseUrl(),
                                "--model",
                                "qwen2.5")
                        .code())
                .isZero();

        CliRun run = cli("run", "--skill", "reading-comprehension", "--seeds", "1,2", "--endpoint", "local");

        assertThat(run.code()).isEqualTo(Cli.REJECTED);
        assertThat(run.err())
                .contains("rejected: reading-comprehension / answerer: output schema line 5:")
                .contains("points outside the schema");
        assertThat(received).hasValue(0);
        assertThat(model.chatRequests()).isEmpty();
        assertThat(run.out() + run.err()).doesNotContain(PLANTED);
        assertThat(storeText()).doesNotContain(PLANTED);
    }

    private String storeText() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(tmp.resolve("store"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }
}
