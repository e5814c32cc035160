package io.arenainstruct.studio.testserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
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
 * langchain4j 1.18.1's own clients parse what {@link FakeModelServer} answers (text, token usage, finish
 * reason), and the server records what those clients really send. Only successful exchanges here; the
 * gateway's tests cover how langchain4j reports the faults.
 */
class Langchain4jCompatibilityTest {

    private static final String REPLY = "The quick brown fox jumps";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

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
    private record Streamed(List<String> partials, ChatResponse response) {
    }

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
        assertThat(request.messages()).containsExactly(new Message("system", "You are terse."),
                new Message("user", "Say something about a fox"));
    }

    @Test
    void openAiChatModelParsesTheCompletion() {
        ChatModel model = OpenAiChatModel.builder()
                .baseUrl(server.openAiBaseUrl()).apiKey("sk-test").modelName("gpt-4o-mini").maxRetries(0)
                .timeout(TIMEOUT).temperature(0.3).seed(11).maxTokens(50)
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
                .baseUrl(server.openAiBaseUrl()).apiKey("sk-test").modelName("gpt-4o-mini").timeout(TIMEOUT)
                .build();

        Streamed streamed = stream(model, question());

        assertThat(streamed.partials()).containsExactly("The", " quick", " brown", " fox", " jumps");
        assertParsed(streamed.response());
        RecordedRequest request = server.lastRequest();
        assertThat(request.stream()).isTrue();
        assertThat(request.includeUsage()).as("langchain4j asks for the usage chunk").isTrue();
        assertRecordedQuestion(request);
    }

    @Test
    void ollamaChatModelParsesTheReply() {
        ChatModel model = OllamaChatModel.builder()
                .baseUrl(server.baseUrl()).modelName("llama3.2").maxRetries(0).timeout(TIMEOUT)
                .temperature(0.4).seed(5).numPredict(40)
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
                .baseUrl(server.baseUrl()).modelName("llama3.2").timeout(TIMEOUT)
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
        JsonSchema schema = JsonSchema.builder().name("fox_fact")
                .rootElement(JsonObjectSchema.builder().addStringProperty("fact").required("fact").build())
                .build();
        ChatRequest request = ChatRequest.builder()
                .messages(UserMessage.from("A fox fact as JSON"))
                .responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(schema).build())
                .build();
        server.replyWith(r -> r.jsonSchema() != null ? "{\"fact\":\"foxes are quick\"}" : "no schema");
        ChatModel openAi = OpenAiChatModel.builder()
                .baseUrl(server.openAiBaseUrl()).apiKey("sk-test").modelName("gpt-4o-mini").maxRetries(0)
                .timeout(TIMEOUT).strictJsonSchema(true)
                .build();
        ChatModel ollama = OllamaChatModel.builder()
                .baseUrl(server.baseUrl()).modelName("llama3.2").maxRetries(0).timeout(TIMEOUT)
                .build();

        assertThat(openAi.chat(request).aiMessage().text()).isEqualTo("{\"fact\":\"foxes are quick\"}");
        RecordedRequest sentToOpenAi = server.lastRequest();
        assertThat(sentToOpenAi.responseFormat().get("type").asText()).isEqualTo("json_schema");
        assertThat(sentToOpenAi.jsonSchemaName()).isEqualTo("fox_fact");
        assertThat(sentToOpenAi.jsonSchemaStrict()).isTrue();
        assertThat(sentToOpenAi.jsonSchema().at("/properties/fact/type").asText()).isEqualTo("string");
        assertThat(sentToOpenAi.jsonSchema().at("/required/0").asText()).isEqualTo("fact");

        assertThat(ollama.chat(request).aiMessage().text()).isEqualTo("{\"fact\":\"foxes are quick\"}");
        RecordedRequest sentToOllama = server.lastRequest();
        assertThat(sentToOllama.responseFormat().isObject()).isTrue();
        assertThat(sentToOllama.jsonSchema().at("/properties/fact/type").asText()).isEqualTo("string");
    }

    @Test
    void bothModelListingsParse() {
        OpenAiModelCatalog catalog = OpenAiModelCatalog.builder()
                .baseUrl(server.openAiBaseUrl()).apiKey("sk-test").readTimeout(TIMEOUT)
                .build();
        OllamaModels ollama = OllamaModels.builder().baseUrl(server.baseUrl()).maxRetries(0).timeout(TIMEOUT).build();

        assertThat(catalog.listModels()).extracting(ModelDescription::name).containsExactly("llama3.2", "gpt-4o-mini");
        List<OllamaModel> installed = ollama.availableModels().content();
        assertThat(installed).extracting(OllamaModel::getName).containsExactly("llama3.2:latest", "gpt-4o-mini:latest");
        assertThat(installed.get(0).getModifiedAt()).isNotNull();
        assertThat(installed.get(0).getSize()).isPositive();
        assertThat(installed.get(0).getDetails().getFormat()).isEqualTo("gguf");
        assertThat(server.requests()).extracting(RecordedRequest::path).containsExactly("/v1/models", "/api/tags");
    }
}
