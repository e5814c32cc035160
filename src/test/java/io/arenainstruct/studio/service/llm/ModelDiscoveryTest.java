package io.arenainstruct.studio.service.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.testserver.RecordedRequest;

/** "Find models": the listing of each provider family, with the key sent the way that family expects. */
class ModelDiscoveryTest {
    private static final String KEY = "sk-discovery-test-key-0123456789";

    @TempDir
    Path tmp;

    private GatewayHarness h;

    @BeforeEach
    void setUp() {
        h = new GatewayHarness(tmp);
        h.environment.put("DISCOVERY_KEY", KEY);
        h.server.models("qwen2.5:7b", "llama3.2:latest", "mistral-nemo:12b");
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void ollamaAndOpenAiCompatibleListingsFillTheDropDownSorted() {
        assertThat(h.workspace.endpoints().discoverModels(Provider.OLLAMA, h.server.baseUrl(), null))
                .containsExactly("llama3.2:latest", "mistral-nemo:12b", "qwen2.5:7b");
        assertThat(h.workspace.endpoints().discoverModels(Provider.OPENAI_COMPATIBLE, h.server.openAiBaseUrl(), null))
                .containsExactly("llama3.2:latest", "mistral-nemo:12b", "qwen2.5:7b");
    }

    @Test
    void anthropicIsAskedWithItsOwnKeyHeaderAndVersion() {
        h.server.requireApiKey(KEY).models("claude-3-5-haiku-latest", "claude-sonnet-4-5");
        assertThat(h.workspace
                        .endpoints()
                        .discoverModels(Provider.ANTHROPIC, h.server.baseUrl() + "/v1", "DISCOVERY_KEY"))
                .containsExactly("claude-3-5-haiku-latest", "claude-sonnet-4-5");
        RecordedRequest listing = h.server.requests().get(h.server.requests().size() - 1);
        assertThat(listing.api()).isEqualTo(RecordedRequest.Api.ANTHROPIC);
        assertThat(listing.header("x-api-key")).isEqualTo(KEY);
        assertThat(listing.header("Authorization")).isNull();
    }

    @Test
    void aWrongKeyIsAnAuthenticationFailureThatDoesNotShowTheKey() {
        h.server.requireApiKey("sk-the-right-one-000000000000");
        assertThatThrownBy(() -> h.workspace
                        .endpoints()
                        .discoverModels(Provider.ANTHROPIC, h.server.baseUrl() + "/v1", "DISCOVERY_KEY"))
                .hasMessageContaining("key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
    }
}
