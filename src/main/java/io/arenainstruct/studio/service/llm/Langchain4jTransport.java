package io.arenainstruct.studio.service.llm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicChatResponseMetadata;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Message;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.task.Cancellation;

/**
 * Real calls through langchain4j (OpenAI, OpenAI-compatible servers, Ollama, Anthropic). langchain4j's own retries
 * are off: the gateway retries, so limits, Retry-After and the ledger see every attempt. langchain4j
 * types do not leave this class.
 */
final class Langchain4jTransport implements ChatTransport {
    /** Keyless local servers still need some bearer value in the OpenAI client. */
    private static final String NO_KEY = "not-needed";
    /** Anthropic's API requires max_tokens; this is used when neither call nor endpoint sets one. */
    private static final int ANTHROPIC_DEFAULT_MAX_TOKENS = 1024;

    private static final String SCHEMA_INSTRUCTION =
            "Reply with only a JSON value, no other text, that matches" + " this JSON schema:\n%s";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<ModelKey, ChatModel> models = new ConcurrentHashMap<>();
    private final Map<ModelKey, StreamingChatModel> streamingModels = new ConcurrentHashMap<>();

    @Override
    public TransportReply send(
            Endpoint endpoint,
            String apiKey,
            RequestCodec.Resolved request,
            Consumer<String> partials,
            Cancellation cancellation)
            throws Exception {
        List<Message> messages = request.messages();
        if (request.jsonSchema() != null && endpoint.provider() == Provider.ANTHROPIC) {
            // No native JSON-schema output here: say it in words; the gateway validates and repairs.
            messages = new ArrayList<>(messages);
            messages.add(0, Message.system(String.format(SCHEMA_INSTRUCTION, request.jsonSchema())));
        }
        ChatRequest chatRequest = ChatRequest.builder()
                .messages(messages(messages))
                .parameters(parameters(endpoint, request))
                .build();
        ChatResponse response = partials == null
                ? model(endpoint, apiKey).chat(chatRequest)
                : stream(streamingModel(endpoint, apiKey), chatRequest, partials, cancellation);
        if (partials != null && response.finishReason() == null) {
            // The body ended cleanly but without the final event ([DONE] / "done": true): the reply is cut off.
            throw new TruncatedReplyException();
        }
        if (response.finishReason() == FinishReason.CONTENT_FILTER) {
            throw new ContentFilteredException("the provider stopped the reply (finish reason content_filter)");
        }
        if (isAnthropicRefusal(response)) {
            throw new ContentFilteredException("the provider stopped the reply (stop reason refusal)");
        }
        AiMessage ai = response.aiMessage();
        String text = ai == null || ai.text() == null ? "" : ai.text();
        TokenUsage usage = response.tokenUsage();
        int in = usage != null && usage.inputTokenCount() != null ? usage.inputTokenCount() : estimateTokens(request);
        int out = usage != null && usage.outputTokenCount() != null ? usage.outputTokenCount() : text.length() / 4;
        return new TransportReply(text, in, out);
    }

    /**
     * langchain4j reports Anthropic's {@code stop_reason "refusal"} (its safety classifiers stopped the reply) as
     * finish reason OTHER, like any stop reason it does not know; the raw reply tells them apart.
     */
    private static boolean isAnthropicRefusal(ChatResponse response) {
        if (response.finishReason() != FinishReason.OTHER
                || !(response.metadata() instanceof AnthropicChatResponseMetadata meta)) {
            return false;
        }
        List<String> raw = new ArrayList<>();
        if (meta.rawHttpResponse() != null && meta.rawHttpResponse().body() != null) {
            raw.add(meta.rawHttpResponse().body());
        }
        if (meta.rawServerSentEvents() != null) {
            meta.rawServerSentEvents().stream().map(ServerSentEvent::data).forEach(raw::add);
        }
        for (String body : raw) {
            try {
                JsonNode node = JSON.readTree(body);
                if (node != null
                        && ("refusal".equals(node.path("stop_reason").asText(null))
                                || "refusal"
                                        .equals(node.path("delta")
                                                .path("stop_reason")
                                                .asText(null)))) {
                    return true;
                }
            } catch (IOException | RuntimeException notJson) {
                // not a JSON body or event: nothing to learn from it
            }
        }
        return false;
    }

    private static int estimateTokens(RequestCodec.Resolved request) {
        return request.messages().stream().mapToInt(m -> m.content().length()).sum() / 4;
    }

    private ChatResponse stream(
            StreamingChatModel model, ChatRequest request, Consumer<String> partials, Cancellation cancellation)
            throws Exception {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        AtomicReference<StreamingHandle> handle = new AtomicReference<>();
        model.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                handle.set(context.streamingHandle());
                if (cancellation.isCancelled()) {
                    context.streamingHandle().cancel();
                    done.completeExceptionally(new CancellationException("cancelled while streaming"));
                    return;
                }
                partials.accept(partial.text());
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        // Our HTTP client parses the stream on this thread, so chat() returns once the body has ended. A stream
        // that ended without its final event leaves Ollama's handler waiting forever: that is a cut-off reply.
        long endedAt = System.nanoTime();
        while (true) {
            try {
                return done.get(50, TimeUnit.MILLISECONDS);
            } catch (TimeoutException waiting) {
                if (System.nanoTime() - endedAt > 500_000_000L) {
                    throw new TruncatedReplyException();
                }
                if (cancellation.isCancelled()) {
                    StreamingHandle h = handle.get();
                    if (h != null) {
                        h.cancel();
                    }
                    throw new CancellationException("cancelled while streaming");
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            }
        }
    }

    private static List<ChatMessage> messages(List<Message> messages) {
        return messages.stream()
                .<ChatMessage>map(m -> switch (m.role()) {
                    case SYSTEM -> SystemMessage.from(m.content());
                    case USER -> UserMessage.from(m.content());
                    case ASSISTANT -> AiMessage.from(m.content());
                })
                .toList();
    }

    private static ChatRequestParameters parameters(Endpoint endpoint, RequestCodec.Resolved r) {
        ResponseFormat format = r.jsonSchema() == null
                ? null
                : ResponseFormat.builder()
                        .type(ResponseFormatType.JSON)
                        .jsonSchema(JsonSchema.builder()
                                .name("reply")
                                .rootElement(JsonRawSchema.from(r.jsonSchema()))
                                .build())
                        .build();
        if (endpoint.provider() == Provider.ANTHROPIC) {
            return ChatRequestParameters.builder()
                    .modelName(endpoint.model())
                    .temperature(r.temperature())
                    .maxOutputTokens(r.maxTokens() != null ? r.maxTokens() : ANTHROPIC_DEFAULT_MAX_TOKENS)
                    .build();
        }
        if (endpoint.provider() == Provider.OLLAMA) {
            return OllamaChatRequestParameters.builder()
                    .modelName(endpoint.model())
                    .temperature(r.temperature())
                    .maxOutputTokens(r.maxTokens())
                    .seed(r.seed())
                    .responseFormat(format)
                    .build();
        }
        return OpenAiChatRequestParameters.builder()
                .modelName(endpoint.model())
                .temperature(r.temperature())
                .maxOutputTokens(r.maxTokens())
                .seed(r.seed())
                .responseFormat(format)
                .build();
    }

    /** A built model per endpoint and key; the key is held only as its hash. A record: no string built per call. */
    private record ModelKey(Endpoint endpoint, int apiKeyHash) {}

    private static ModelKey cacheKey(Endpoint endpoint, String apiKey) {
        return new ModelKey(endpoint, Objects.hashCode(apiKey));
    }

    /** Ollama itself needs no key, but one behind an authenticating proxy does: sent as a bearer token when set. */
    private static Map<String, String> ollamaHeaders(String apiKey) {
        return apiKey == null ? Map.of() : Map.of("Authorization", "Bearer " + apiKey);
    }

    private ChatModel model(Endpoint e, String apiKey) {
        return models.computeIfAbsent(cacheKey(e, apiKey), k -> switch (e.provider()) {
            case OLLAMA ->
                OllamaChatModel.builder()
                        .baseUrl(e.baseUrl())
                        .modelName(e.model())
                        .timeout(e.timeout())
                        .maxRetries(0)
                        .customHeaders(ollamaHeaders(apiKey))
                        .httpClientBuilder(new HeaderAwareHttpClient.Builder())
                        .build();
            case OPENAI, OPENAI_COMPATIBLE ->
                OpenAiChatModel.builder()
                        .baseUrl(e.baseUrl())
                        .apiKey(apiKey == null ? NO_KEY : apiKey)
                        .modelName(e.model())
                        .timeout(e.timeout())
                        .maxRetries(0)
                        .strictJsonSchema(true)
                        .httpClientBuilder(new HeaderAwareHttpClient.Builder())
                        .build();
            case ANTHROPIC ->
                AnthropicChatModel.builder()
                        .baseUrl(e.baseUrl())
                        .apiKey(apiKey == null ? NO_KEY : apiKey)
                        .modelName(e.model())
                        .timeout(e.timeout())
                        .maxRetries(0)
                        .maxTokens(ANTHROPIC_DEFAULT_MAX_TOKENS)
                        .httpClientBuilder(new HeaderAwareHttpClient.Builder())
                        .build();
            case DRY_RUN -> throw new IllegalStateException("dry run needs no model");
        });
    }

    private StreamingChatModel streamingModel(Endpoint e, String apiKey) {
        return streamingModels.computeIfAbsent(cacheKey(e, apiKey), k -> switch (e.provider()) {
            case OLLAMA ->
                OllamaStreamingChatModel.builder()
                        .baseUrl(e.baseUrl())
                        .modelName(e.model())
                        .timeout(e.timeout())
                        .customHeaders(ollamaHeaders(apiKey))
                        .httpClientBuilder(new HeaderAwareHttpClient.Builder())
                        .build();
            case OPENAI, OPENAI_COMPATIBLE ->
                OpenAiStreamingChatModel.builder()
                        .baseUrl(e.baseUrl())
                        .apiKey(apiKey == null ? NO_KEY : apiKey)
                        .modelName(e.model())
                        .timeout(e.timeout())
                        .strictJsonSchema(true)
                        .httpClientBuilder(new HeaderAwareHttpClient.Builder())
                        .build();
            case ANTHROPIC ->
                AnthropicStreamingChatModel.builder()
                        .baseUrl(e.baseUrl())
                        .apiKey(apiKey == null ? NO_KEY : apiKey)
                        .modelName(e.model())
                        .timeout(e.timeout())
                        .maxTokens(ANTHROPIC_DEFAULT_MAX_TOKENS)
                        .httpClientBuilder(new HeaderAwareHttpClient.Builder())
                        .build();
            case DRY_RUN -> throw new IllegalStateException("dry run needs no model");
        });
    }
}
