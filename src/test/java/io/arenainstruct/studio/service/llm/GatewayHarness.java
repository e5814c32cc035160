package io.arenainstruct.studio.service.llm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.domain.llm.StreamSink;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.testserver.FakeModelServer;

/** A workspace on a temp store whose gateway talks to a {@link FakeModelServer}, with quick retries. */
final class GatewayHarness implements AutoCloseable {
    static final RetryPolicy QUICK =
            new RetryPolicy(4, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(3), 0.1);

    final FakeModelServer server = FakeModelServer.start();
    final Map<String, String> environment = new HashMap<>();
    final KeyResolver keys;
    final Workspace workspace;

    GatewayHarness(Path tmp) {
        keys = new KeyResolver(tmp.resolve("home/secrets.properties"), environment::get);
        workspace = Workspace.open(tmp.resolve("store"), keys, QUICK);
    }

    Endpoint openAi(String model) {
        return Endpoint.of("local-openai", Provider.OPENAI_COMPATIBLE, server.openAiBaseUrl(), model)
                .withTimeout(Duration.ofSeconds(5));
    }

    Endpoint ollama(String model) {
        return Endpoint.of("local-ollama", Provider.OLLAMA, server.baseUrl(), model)
                .withTimeout(Duration.ofSeconds(5));
    }

    ModelGateway gateway() {
        return workspace.gateway();
    }

    /** What a stream showed: pieces appended, cleared when the gateway starts over (a retry). */
    static final class Collected implements StreamSink {
        private final StringBuilder seen = new StringBuilder();

        @Override
        public void text(String piece) {
            seen.append(piece);
        }

        @Override
        public void restart() {
            seen.setLength(0);
        }

        @Override
        public String toString() {
            return seen.toString();
        }
    }

    @Override
    public void close() {
        workspace.close();
        server.close();
    }
}
