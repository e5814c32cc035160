package io.arenainstruct.studio.service.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ErrorClass;
import io.arenainstruct.studio.domain.llm.ModelCallException;
import io.arenainstruct.studio.domain.llm.ModelPrice;
import io.arenainstruct.studio.domain.llm.ModelReply;
import io.arenainstruct.studio.domain.llm.ModelRequest;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.store.EndpointRepository;

/** Endpoints: configure, discover models, and test a connection. */
public final class EndpointService {
    /** Presets a curator picks from; Ollama on this machine is what a new workspace suggests. */
    public record Preset(String label, Provider provider, String baseUrl) {}

    /** The preset for any other server speaking the OpenAI wire format: its address is the curator's to type. */
    public static final String OTHER_OPENAI_COMPATIBLE = "Other OpenAI-compatible server";

    public static final List<Preset> PRESETS = List.of(
            new Preset("Ollama (this machine)", Provider.OLLAMA, "http://localhost:11434"),
            new Preset("LM Studio", Provider.OPENAI_COMPATIBLE, "http://localhost:1234/v1"),
            new Preset("vLLM", Provider.OPENAI_COMPATIBLE, "http://localhost:8000/v1"),
            new Preset("llama.cpp server", Provider.OPENAI_COMPATIBLE, "http://localhost:8080/v1"),
            new Preset(OTHER_OPENAI_COMPATIBLE, Provider.OPENAI_COMPATIBLE, ""),
            new Preset("OpenAI", Provider.OPENAI, "https://api.openai.com/v1"),
            new Preset("Anthropic", Provider.ANTHROPIC, "https://api.anthropic.com/v1"),
            new Preset("Dry run (no model; shows the messages)", Provider.DRY_RUN, ""));

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String TEST_PROMPT = "Reply with one word: ready";

    private final EndpointRepository repository;
    private final KeyResolver keys;
    private final ModelGateway gateway;

    public EndpointService(EndpointRepository repository, KeyResolver keys, ModelGateway gateway) {
        this.repository = repository;
        this.keys = keys;
        this.gateway = gateway;
    }

    public List<Endpoint> list() {
        return repository.list();
    }

    public Optional<Endpoint> find(String name) {
        return repository.find(name);
    }

    public Endpoint require(String name) {
        return repository
                .find(name)
                .orElseThrow(() -> new IllegalArgumentException(
                        "there is no endpoint named '" + name + "'; see them with: models list"));
    }

    public void save(Endpoint endpoint) {
        repository.save(endpoint);
    }

    public boolean remove(String name) {
        return repository.delete(name);
    }

    public KeyResolver keys() {
        return keys;
    }

    /** What a connection test found: the reply and latency, or the failure in words. */
    public record TestResult(boolean ok, String reply, Duration latency, ErrorClass errorClass, String message) {}

    /** Sends a tiny prompt (never from the cache) and reports what came back. */
    public TestResult test(Endpoint endpoint, Cancellation cancellation) {
        ModelRequest probe = ModelRequest.ofUser(TEST_PROMPT)
                .withSettings(0.0, 16, null)
                .asFresh()
                .withProvenance(null, "connection test");
        try {
            ModelReply reply = gateway.call(endpoint, probe, cancellation);
            return new TestResult(
                    true,
                    reply.text().strip(),
                    reply.latency(),
                    null,
                    "answered in " + reply.latency().toMillis() + " ms");
        } catch (ModelCallException e) {
            return new TestResult(false, null, null, e.errorClass(), e.getMessage());
        }
    }

    /** The models the server offers (Ollama /api/tags, OpenAI-compatible /models), for the drop-down. */
    public List<String> discoverModels(Provider provider, String baseUrl, String apiKeyEnv) {
        if (provider == Provider.DRY_RUN) {
            return List.of("dry-run");
        }
        Endpoint probe = new Endpoint(
                "discovery", provider, baseUrl, "any", apiKeyEnv, 1, 0, 0, Duration.ofSeconds(10), null, null, null);
        String key = keys.keyFor(probe).orElse(null);
        String url = provider == Provider.OLLAMA ? trimSlash(baseUrl) + "/api/tags" : trimSlash(baseUrl) + "/models";
        HttpRequest.Builder request =
                HttpRequest.builder().method(HttpMethod.GET).url(url);
        if (key != null && provider == Provider.ANTHROPIC) {
            request.addHeader("x-api-key", key).addHeader("anthropic-version", "2023-06-01");
        } else if (key != null) {
            request.addHeader("Authorization", "Bearer " + key);
        }
        HttpClient client = new HeaderAwareHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(10))
                .build();
        String body;
        try {
            body = client.execute(request.build()).body();
        } catch (RuntimeException e) {
            ErrorClassifier.Classified c = ErrorClassifier.classify(e, key);
            if (c.errorClass() == ErrorClass.MODEL_NOT_FOUND) {
                // A 404 on a list call is about the address or the provider, not about a model.
                throw new IllegalStateException(noModelList(provider, url), e);
            }
            throw new IllegalStateException(
                    c.errorClass().explanation() + " (" + KeyResolver.scrub(c.detail(), key) + ")", e);
        }
        List<String> names = new ArrayList<>();
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode list = provider == Provider.OLLAMA ? root.path("models") : root.path("data");
            for (JsonNode m : list) {
                String name = provider == Provider.OLLAMA
                        ? m.path("name").asText()
                        : m.path("id").asText();
                if (!name.isBlank()) {
                    names.add(name);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(ErrorClass.MALFORMED_REPLY.explanation(), e);
        }
        names.sort(null);
        return names;
    }

    private static String noModelList(Provider provider, String url) {
        String hint = switch (provider) {
            case OLLAMA -> "is it an Ollama server? For LM Studio, vLLM or llama.cpp choose OpenAI-compatible";
            case OPENAI_COMPATIBLE, OPENAI ->
                "is it an OpenAI-compatible server (the address usually ends in /v1)?" + " For Ollama choose Ollama";
            default -> "check the provider and the address";
        };
        return "The server has no model list at " + url + ": " + hint + ".";
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Prices for cost figures. */
    public Map<String, ModelPrice> prices() {
        return repository.prices();
    }

    public void setPrice(ModelPrice price) {
        repository.setPrice(price);
    }

    /** Forgets a model's price; its calls then show no cost. Returns whether there was one. */
    public boolean removePrice(String model) {
        return repository.removePrice(model);
    }
}
