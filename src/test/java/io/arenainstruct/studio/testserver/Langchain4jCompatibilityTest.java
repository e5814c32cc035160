package io.arenainstruct.studio.testserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.anthropic.internal.api.AnthropicStreamingException;
import dev.langchain4j.model.catalog.ModelDescription;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaModel;
import dev.langchain4j.model.ollama.OllamaModels;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiModelCatalog;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;

import io.arenainstruct.studio.testserver.RecordedRequest.Message;

/**
 * langchain4j 1.18.1's own clients (langchain4j-anthropic 1.18.0 for Anthropic) parse what {@link FakeModelServer}
 * answers (text, token usage, finish reason), and the server records what those clients really send. Mostly
 * successful exchanges here; the gateway's tests cover how the app reports the faults. The exception: what the
 * Anthropic clients themselves do with a cut-off reply, an error event and the 529 "overloaded" status, which
 * the app's transport has to make up for.
 */
class Langchain4jCompatibilityTest {

    private static final String REPLY = "The quick brown fox jumps";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String CLAUDE = "claude-3-5-haiku-latest";
    private static final String ANTHROPIC_KEY = "sk-ant-test";

    private FakeModelServer server;

    @BeforeEach
    void start() {
        server = FakeModelServer.start().models("llama3.2", "gpt-4o-mini").reply(REPLY);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ChatRequest question() {
        return ChatRequest.builder()
                .messages(SystemMessage.from("You are terse."), UserMessage.from("Say something about a fox"))
                .build();
    }

    /** Streams one request and returns the partial texts and the final response. */
    private record Streamed(List<String> partials, ChatResponse response) {}

    private Streamed stream(StreamingChatModel model, ChatRequest request) throws Exception {
        List<String> partials = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                partials.add(partial);
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
        return new Streamed(partials, done.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    }

    private static void assertParsed(ChatResponse response) {
        assertThat(response.aiMessage().text()).isEqualTo(REPLY);
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(3 + 5);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(5);
        assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(13);
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    }

    private void assertRecordedQuestion(RecordedRequest request) {
        assertThat(request.isChat()).isTrue();
        assertThat(request.messages())
                .containsExactly(
                        new Message("system", "You are terse."), new Message("user", "Say something about a fox"));
    }

    @Test
    void openAiChatModelParsesTheCompletion() {
        ChatModel model = OpenAiChatModel.builder()
                .baseUrl(server.openAiBaseUrl())
                .apiKey("sk-test")
                .modelName("gpt-4o-mini")
                .maxRetries(0)
                .timeout(TIMEOUT)
                .temperature(0.3)
                .seed(11)
                .maxTokens(50)
                .build();

        ChatResponse response = model.chat(question());

        assertParsed(response);
        RecordedRequest request = server.lastRequest();
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.authorization()).isEqualTo("Bearer sk-test");
        assertThat(request.model()).isEqualTo("gpt-4o-mini");
        assertThat(request.stream()).isFalse();
        assertThat(request.temperature()).isEqualTo(0.3);
        assertThat(request.seed()).isEqualTo(11L);
        assertThat(request.maxTokens()).isEqualTo(50);
        assertRecordedQuestion(request);
    }

    @Test
    void openAiStreamingChatModelParsesTheChunksAndTheUsageChunk() throws Exception {
        StreamingChatModel model = OpenAiStreamingChatModel.builder()
                .baseUrl(server.openAiBaseUrl())
                .apiKey("sk-test")
                .modelName("gpt-4o-mini")
                .timeout(TIMEOUT)
                .build();

        Streamed streamed = stream(model, question());

        assertThat(streamed.partials()).containsExactly("The", " quick", " brown", " fox", " jumps");
        assertParsed(streamed.response());
        RecordedRequest request = server.lastRequest();
        assertThat(request.stream()).isTrue();
        assertThat(request.includeUsage())
                .as("langchain4j asks for the usage chunk")
                .isTrue();
        assertRecordedQuestion(request);
    }

    @Test
    void ollamaChatModelParsesTheReply() {
        ChatModel model = OllamaChatModel.builder()
                .baseUrl(server.baseUrl())
                .modelName("llama3.2")
                .maxRetries(0)
                .timeout(TIMEOUT)
                .temperature(0.4)
                .seed(5)
                .numPredict(40)
                .build();

        ChatResponse response = model.chat(question());

        assertParsed(response);
        RecordedRequest request = server.lastRequest();
        assertThat(request.path()).isEqualTo("/api/chat");
        assertThat(request.model()).isEqualTo("llama3.2");
        assertThat(request.streamFlag()).as("sent explicitly").isFalse();
        assertThat(request.temperature()).isEqualTo(0.4);
        assertThat(request.seed()).isEqualTo(5L);
        assertThat(request.maxTokens()).isEqualTo(40);
        assertRecordedQuestion(request);
    }

    @Test
    void ollamaStreamingChatModelParsesTheNdjsonLines() throws Exception {
        StreamingChatModel model = OllamaStreamingChatModel.builder()
                .baseUrl(server.baseUrl())
                .modelName("llama3.2")
                .timeout(TIMEOUT)
                .build();

        Streamed streamed = stream(model, question());

        assertThat(String.join("", streamed.partials())).isEqualTo(REPLY);
        assertThat(streamed.partials()).hasSizeGreaterThan(1);
        assertParsed(streamed.response());
        assertThat(server.lastRequest().streamFlag()).isTrue();
        assertRecordedQuestion(server.lastRequest());
    }

    @Test
    void aJsonSchemaRequestIsRecordedInBothFormatsAndTheJsonReplyComesBack() {
        JsonSchema schema = JsonSchema.builder()
                .name("fox_fact")
                .rootElement(JsonObjectSchema.builder()
                        .addStringProperty("fact")
                        .required("fact")
                        .build())
                .build();
        ChatRequest request = ChatRequest.builder()
                .messages(UserMessage.from("A fox fact as JSON"))
                .responseFormat(ResponseFormat.builder()
                        .type(ResponseFormatType.JSON)
                        .jsonSchema(schema)
                        .build())
                .build();
        server.replyWith(r -> r.jsonSchema() != null ? "{\"fact\":\"foxes are quick\"}" : "no schema");
        ChatModel openAi = OpenAiChatModel.builder()
                .baseUrl(server.openAiBaseUrl())
                .apiKey("sk-test")
                .modelName("gpt-4o-mini")
                .maxRetries(0)
                .timeout(TIMEOUT)
                .strictJsonSchema(true)
                .build();
        ChatModel ollama = OllamaChatModel.builder()
                .baseUrl(server.baseUrl())
                .modelName("llama3.2")
                .maxRetries(0)
                .timeout(TIMEOUT)
                .build();

        assertThat(openAi.chat(request).aiMessage().text()).isEqualTo("{\"fact\":\"foxes are quick\"}");
        RecordedRequest sentToOpenAi = server.lastRequest();
        assertThat(sentToOpenAi.responseFormat().get("type").asText()).isEqualTo("json_schema");
        assertThat(sentToOpenAi.jsonSchemaName()).isEqualTo("fox_fact");
        assertThat(sentToOpenAi.jsonSchemaStrict()).isTrue();
        assertThat(sentToOpenAi.jsonSchema().at("/properties/fact/type").asText())
                .isEqualTo("string");
        assertThat(sentToOpenAi.jsonSchema().at("/required/0").asText()).isEqualTo("fact");

        assertThat(ollama.chat(request).aiMessage().text()).isEqualTo("{\"fact\":\"foxes are quick\"}");
        RecordedRequest sentToOllama = server.lastRequest();
        assertThat(sentToOllama.responseFormat().isObject()).isTrue();
        assertThat(sentToOllama.jsonSchema().at("/properties/fact/type").asText())
                .isEqualTo("string");
    }

    @Test
    void bothModelListingsParse() {
        OpenAiModelCatalog catalog = OpenAiModelCatalog.builder()
                .baseUrl(server.openAiBaseUrl())
                .apiKey("sk-test")
                .readTimeout(TIMEOUT)
                .build();
        OllamaModels ollama = OllamaModels.builder()
                .baseUrl(server.baseUrl())
                .maxRetries(0)
                .timeout(TIMEOUT)
                .build();

        assertThat(catalog.listModels()).extracting(ModelDescription::name).containsExactly("llama3.2", "gpt-4o-mini");
        List<OllamaModel> installed = ollama.availableModels().content();
        assertThat(installed).extracting(OllamaModel::getName).containsExactly("llama3.2:latest", "gpt-4o-mini:latest");
        assertThat(installed.get(0).getModifiedAt()).isNotNull();
        assertThat(installed.get(0).getSize()).isPositive();
        assertThat(installed.get(0).getDetails().getFormat()).isEqualTo("gguf");
        assertThat(server.requests()).extracting(RecordedRequest::path).containsExactly("/v1/models", "/api/tags");
    }

    // ------------------------------------------------------------------------------------------ Anthropic

    private AnthropicChatModel anthropicChatModel() {
        return AnthropicChatModel.builder()
                .baseUrl(server.baseUrl() + "/v1")
                .apiKey(ANTHROPIC_KEY)
                .modelName(CLAUDE)
                .maxTokens(50)
                .maxRetries(0)
                .timeout(TIMEOUT)
                .build();
    }

    private AnthropicStreamingChatModel anthropicStreamingChatModel(HttpClientBuilder http) {
        AnthropicStreamingChatModel.AnthropicStreamingChatModelBuilder builder = AnthropicStreamingChatModel.builder()
                .baseUrl(server.baseUrl() + "/v1")
                .apiKey(ANTHROPIC_KEY)
                .modelName(CLAUDE)
                .maxTokens(50)
                .timeout(TIMEOUT);
        return (http == null ? builder : builder.httpClientBuilder(http)).build();
    }

    @Test
    void anthropicChatModelParsesTheMessage() {
        server.models(CLAUDE).requireApiKey(ANTHROPIC_KEY);
        ChatModel model = AnthropicChatModel.builder()
                .baseUrl(server.baseUrl() + "/v1")
                .apiKey(ANTHROPIC_KEY)
                .modelName(CLAUDE)
                .maxTokens(50)
                .maxRetries(0)
                .timeout(TIMEOUT)
                .temperature(0.3)
                .build();

        ChatResponse response = model.chat(question());

        assertParsed(response);
        RecordedRequest request = server.lastRequest();
        assertThat(request.path()).isEqualTo("/v1/messages");
        assertThat(request.api()).isEqualTo(RecordedRequest.Api.ANTHROPIC);
        assertThat(request.authorization()).as("sent as x-api-key").isEqualTo(ANTHROPIC_KEY);
        assertThat(request.header("Authorization")).isNull();
        assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(request.model()).isEqualTo(CLAUDE);
        assertThat(request.stream()).isFalse();
        assertThat(request.temperature()).isEqualTo(0.3);
        assertThat(request.maxTokens()).isEqualTo(50);
        assertThat(request.json().get("system").isArray())
                .as("langchain4j sends system as text blocks")
                .isTrue();
        assertThat(request.json().at("/messages/0/content").isArray())
                .as("and content as text blocks")
                .isTrue();
        assertRecordedQuestion(request);
    }

    @Test
    void anthropicStreamingChatModelParsesTheNamedEvents() throws Exception {
        server.models(CLAUDE).requireApiKey(ANTHROPIC_KEY);

        Streamed streamed = stream(anthropicStreamingChatModel(null), question());

        assertThat(streamed.partials()).containsExactly("The", " quick", " brown", " fox", " jumps");
        assertParsed(streamed.response());
        RecordedRequest request = server.lastRequest();
        assertThat(request.streamFlag()).isTrue();
        assertThat(request.authorization()).isEqualTo(ANTHROPIC_KEY);
        assertThat(request.maxTokens()).isEqualTo(50);
        assertRecordedQuestion(request);
    }

    @Test
    void anthropicRefusalAndEmptyRepliesComeBackAsOrdinaryResponses() {
        server.models(CLAUDE);
        server.enqueue(Fault.contentFiltered(), Fault.emptyContent());
        ChatModel model = anthropicChatModel();

        ChatResponse refusal = model.chat(question());
        assertThat(refusal.aiMessage().text()).isEqualTo("The");
        assertThat(refusal.finishReason())
                .as("stop_reason refusal has no FinishReason of its own")
                .isEqualTo(FinishReason.OTHER);

        ChatResponse empty = model.chat(question());
        assertThat(empty.aiMessage().text()).isNull();
        assertThat(empty.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(empty.tokenUsage().outputTokenCount()).isZero();
    }

    /**
     * The default (JDK, asynchronous) client on a stream that ends cleanly without message_delta/message_stop:
     * the partials arrive, the body closes, and then the handler hears nothing — neither onCompleteResponse nor
     * onError. Whoever waits for the handler waits forever (the app's transport guards against this). The test
     * waits for the end of the body (seen by the HTTP client), not for a time.
     */
    @Test
    void anthropicStreamingOnATruncatedStreamNeverCallsTheHandler() throws Exception {
        server.models(CLAUDE);
        server.enqueue(Fault.truncatedStream());
        ClosingObserver http = new ClosingObserver();
        List<String> partials = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        anthropicStreamingChatModel(http).chat(question(), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                partials.add(partial);
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

        assertThat(http.ended.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .as("the body ended")
                .isTrue();
        assertThat(http.endedBy).isEqualTo("onClose");
        assertThat(partials).containsExactly("The", " quick", " brown");
        assertThat(done)
                .as("neither onCompleteResponse nor onError after the body closed")
                .isNotDone();
    }

    @Test
    void anthropicStreamingSkipsAnEventThatIsNotJson() throws Exception {
        server.models(CLAUDE);
        server.enqueue(Fault.malformedJson());

        Streamed streamed = stream(anthropicStreamingChatModel(null), question());

        assertThat(String.join("", streamed.partials())).isEqualTo(REPLY);
        assertParsed(streamed.response());
    }

    @Test
    void anthropicChatModelOnACutJsonBodyThrows() {
        server.models(CLAUDE);
        server.enqueue(Fault.truncatedStream());

        assertThatThrownBy(() -> anthropicChatModel().chat(question()))
                .satisfies(e -> assertThat(causes(e)).anyMatch(c -> c instanceof JsonProcessingException));
    }

    @Test
    void anthropicStreamingReportsAnErrorEventAndABadStatusThroughOnError() throws Exception {
        server.models(CLAUDE);
        server.enqueue(Fault.errorMidStream(), Fault.status(529));
        StreamingChatModel model = anthropicStreamingChatModel(null);

        assertThatThrownBy(() -> stream(model, question()))
                .hasRootCauseMessage("Overloaded")
                .satisfies(e -> assertThat(causes(e))
                        .anyMatch(c -> c instanceof AnthropicStreamingException a
                                && a.type().equals("overloaded_error")));
        assertThatThrownBy(() -> stream(model, question()))
                .satisfies(e -> assertThat(causes(e))
                        .anyMatch(c -> c instanceof HttpException http
                                && http.statusCode() == 529
                                && http.getMessage().contains("overloaded_error")));
    }

    private static List<Throwable> causes(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = error; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** langchain4j's default JDK client, with a latch on the end of every stream (onClose or onError). */
    private static final class ClosingObserver implements HttpClientBuilder {
        final CountDownLatch ended = new CountDownLatch(1);
        volatile String endedBy;
        private final HttpClientBuilder delegate = JdkHttpClient.builder();

        @Override
        public Duration connectTimeout() {
            return delegate.connectTimeout();
        }

        @Override
        public HttpClientBuilder connectTimeout(Duration timeout) {
            delegate.connectTimeout(timeout);
            return this;
        }

        @Override
        public Duration readTimeout() {
            return delegate.readTimeout();
        }

        @Override
        public HttpClientBuilder readTimeout(Duration timeout) {
            delegate.readTimeout(timeout);
            return this;
        }

        @Override
        public HttpClient build() {
            HttpClient client = delegate.build();
            return new HttpClient() {
                @Override
                public SuccessfulHttpResponse execute(HttpRequest request) {
                    return client.execute(request);
                }

                @Override
                public void execute(
                        HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
                    client.execute(request, parser, new ServerSentEventListener() {
                        @Override
                        public void onOpen(SuccessfulHttpResponse response) {
                            listener.onOpen(response);
                        }

                        @Override
                        public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
                            listener.onEvent(event, context);
                        }

                        @Override
                        public void onEvent(ServerSentEvent event) {
                            listener.onEvent(event);
                        }

                        @Override
                        public void onError(Throwable error) {
                            listener.onError(error);
                            end("onError");
                        }

                        @Override
                        public void onClose() {
                            listener.onClose();
                            end("onClose");
                        }
                    });
                }
            };
        }

        private void end(String how) {
            if (endedBy == null) {
                endedBy = how;
            }
            ended.countDown();
        }
    }
}
