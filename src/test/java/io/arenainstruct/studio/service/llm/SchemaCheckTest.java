package io.arenainstruct.studio.service.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.sun.net.httpserver.HttpServer;

import io.arenainstruct.studio.domain.llm.Message;
import io.arenainstruct.studio.domain.llm.ModelRequest;
import io.arenainstruct.studio.service.task.Cancellation;

/** The schema validator never fetches anything: not from a host, not from a file. */
class SchemaCheckTest {
    private static final String PLANTED = "PLANTED-SECRET-0815";

    @TempDir
    Path tmp;

    private HttpServer listener;
    private final AtomicInteger received = new AtomicInteger();

    @BeforeEach
    void setUp() throws IOException {
        listener = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        listener.createContext("/", exchange -> {
            received.incrementAndGet();
            byte[] body =
                    ("{\"type\":\"integer\",\"description\":\"" + PLANTED + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        listener.start();
    }

    @AfterEach
    void tearDown() {
        listener.stop(0);
    }

    private String web() {
        return "http://127.0.0.1:" + listener.getAddress().getPort() + "/s.json";
    }

    private String file() throws IOException {
        Path planted = tmp.resolve("planted.json");
        Files.writeString(planted, "{\"type\":\"integer\",\"description\":\"" + PLANTED + "\"}");
        return planted.toUri().toString();
    }

    private static String schemaWith(String key, String target) {
        return "{\"type\":\"object\",\"properties\":{\"a\":{\"" + key + "\":\"" + target + "\"}},\"required\":[\"a\"]}";
    }

    @Test
    void aReferenceToAHostOrAFileIsNeverFetchedWhenCheckingAReply() throws Exception {
        for (String target : List.of(web(), file())) {
            for (String key : List.of("$ref", "$dynamicRef")) {
                SchemaCheck.Result r = SchemaCheck.check(schemaWith(key, target), "{\"a\":\"text\"}");
                assertThat(String.join(" ", r.problems())).doesNotContain(PLANTED);
            }
            SchemaCheck.Result meta = SchemaCheck.check("{\"$schema\":\"" + target + "\",\"type\":\"object\"}", "{}");
            assertThat(String.join(" ", meta.problems())).doesNotContain(PLANTED);
        }
        assertThat(received).hasValue(0);
    }

    @Test
    void aSchemaWithAnOutsideReferenceIsRefusedBeforeAnyCallNamingIt() throws Exception {
        String web = web();
        assertThatThrownBy(() -> SchemaCheck.requireReadable(schemaWith("$ref", web)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(web)
                .hasMessageContaining("points outside the schema");
        String file = file();
        assertThatThrownBy(() -> SchemaCheck.requireReadable(schemaWith("$ref", file)))
                .hasMessageContaining(file)
                .hasMessageNotContaining(PLANTED);
        assertThatThrownBy(() -> SchemaCheck.requireReadable("{\"$schema\":\"" + web + "\",\"type\":\"object\"}"))
                .hasMessageContaining("meta-schema elsewhere");
        assertThat(received).hasValue(0);
    }

    @Test
    void referencesInsideTheSchemaStillWork() {
        String schema = """
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
                 "$defs":{"text":{"type":"string","minLength":1}},
                 "properties":{"a":{"$ref":"#/$defs/text"},"$ref":{"type":"string"}},"required":["a"]}""";
        SchemaCheck.requireReadable(schema);
        assertThat(SchemaReferences.outside(schema)).isEmpty();
        assertThat(SchemaCheck.check(schema, "{\"a\":\"x\"}").valid()).isTrue();
        assertThat(SchemaCheck.check(schema, "{\"a\":\"\"}").problems()).isNotEmpty();
    }

    @Test
    void theGatewayRefusesSuchASchemaWithoutSendingAnything(@TempDir Path store) {
        try (GatewayHarness h = new GatewayHarness(store)) {
            ModelRequest request =
                    ModelRequest.of(List.of(Message.user("json"))).withSchema(schemaWith("$ref", web()));
            assertThatThrownBy(() -> h.gateway().call(h.openAi("qwen2.5"), request, Cancellation.NEVER))
                    .hasMessageContaining("points outside the schema");
            assertThat(h.server.requests()).isEmpty();
        }
        assertThat(received).hasValue(0);
    }
}
