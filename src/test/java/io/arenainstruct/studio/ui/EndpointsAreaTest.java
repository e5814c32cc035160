package io.arenainstruct.studio.ui;

import static io.arenainstruct.studio.ui.UiHarness.fx;
import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ErrorClass;
import io.arenainstruct.studio.domain.llm.LedgerEntry;
import io.arenainstruct.studio.domain.llm.LedgerFilter;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.llm.EndpointService;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.llm.RetryPolicy;
import io.arenainstruct.studio.service.workspace.LoggedProblems;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.testserver.FakeModelServer;

/** The Endpoints area against a {@link FakeModelServer} speaking the OpenAI wire format. */
@ExtendWith(ApplicationExtension.class)
class EndpointsAreaTest {
    static final RetryPolicy QUICK =
            new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(2), 0.1);
    private static final String KEY = "sk-test-0123456789abcdef";

    @TempDir
    Path tmp;

    @RegisterExtension
    final LoggedProblems logged = new LoggedProblems();

    private final Map<String, String> environment = new ConcurrentHashMap<>();
    private FakeModelServer server;
    private UiHarness ui;

    @Start
    void start(Stage stage) {
        server = FakeModelServer.start();
        KeyResolver keys = new KeyResolver(tmp.resolve("home/secrets.properties"), environment::get);
        ui = new UiHarness(tmp.resolve("store"), false, keys, QUICK);
        ui.show(stage);
        ui.window.select("endpoints");
    }

    @AfterEach
    void tearDown() {
        server.resumeReplies();
        ui.close();
        server.close();
    }

    @Test
    void anEndpointAddedThroughTheFormFindsModelsSavesAndPassesTheConnectionTest(FxRobot robot) throws Exception {
        server.models("qwen2.5", "llama3.2").reply("ready");
        // A new workspace suggests Ollama on this machine.
        waitUntil(() -> text(robot, "#endpoint-form-title").equals("New endpoint"));
        assertThat(preset(robot).getValue()).isEqualTo(EndpointService.PRESETS.get(0));
        assertThat(field(robot, "#endpoint-base-url").getText()).isEqualTo("http://localhost:11434");
        assertThat(field(robot, "#endpoint-name").getText()).isEqualTo("ollama");

        robot.clickOn("#endpoint-preset");
        robot.clickOn("LM Studio");
        waitUntil(() -> providerBox(robot).getValue() == Provider.OPENAI_COMPATIBLE
                && field(robot, "#endpoint-name").getText().equals("lm-studio"));
        assertThat(field(robot, "#endpoint-base-url").getText()).isEqualTo("http://localhost:1234/v1");
        replace(robot, "#endpoint-name", "local-lm");
        paste(robot, "#endpoint-base-url", server.openAiBaseUrl());

        robot.clickOn("#find-models");
        waitUntil(() -> modelBox(robot).getItems().equals(List.of("llama3.2", "qwen2.5")));
        assertThat(text(robot, "#models-status")).isEqualTo("2 models found");
        assertThat(modelBox(robot).getEditor().getText()).isEqualTo("llama3.2");
        fx(() -> modelBox(robot).setValue("qwen2.5"));

        // An invalid limit is named next to the form and nothing is stored.
        replace(robot, "#endpoint-max-concurrent", "0");
        shortcut(robot, KeyCode.S);
        waitUntil(() -> text(robot, "#endpoint-problem").startsWith("Max concurrent:"));
        assertThat(text(robot, "#endpoint-problem")).contains("1 or more");
        assertThat(field(robot, "#endpoint-max-concurrent").getStyleClass()).contains("field-error");
        assertThat(ui.workspace.endpoints().find("local-lm")).isEmpty();
        assertThat(ui.workspace.endpoints().list()).isEmpty();

        replace(robot, "#endpoint-max-concurrent", "2");
        replace(robot, "#price-in", "0.5");
        replace(robot, "#price-out", "1.5");
        robot.clickOn("#save-endpoint");
        waitUntil(() -> text(robot, "#endpoint-form-title").equals("Endpoint local-lm"));
        Endpoint saved = ui.workspace.endpoints().find("local-lm").orElseThrow();
        assertThat(saved.provider()).isEqualTo(Provider.OPENAI_COMPATIBLE);
        assertThat(saved.baseUrl()).isEqualTo(server.openAiBaseUrl());
        assertThat(saved.model()).isEqualTo("qwen2.5");
        assertThat(saved.maxConcurrent()).isEqualTo(2);
        assertThat(saved.apiKeyEnv()).isNull();
        assertThat(ui.workspace.endpoints().prices().get("qwen2.5").inputPerMillion())
                .isEqualByComparingTo("0.5");
        assertThat(ui.workspace.endpoints().prices().get("qwen2.5").outputPerMillion())
                .isEqualByComparingTo(new BigDecimal("1.5"));
        assertThat(endpointList(robot).getItems()).containsExactly(saved);
        assertThat(endpointList(robot).getSelectionModel().getSelectedItem()).isEqualTo(saved);
        assertThat(text(robot, "#endpoint-problem")).isEmpty();

        shortcut(robot, KeyCode.T);
        waitUntil(() -> text(robot, "#test-result").startsWith("Connected"));
        assertThat(text(robot, "#test-result")).matches("Connected: answered in \\d+ ms\\. The model replied: ready");
        assertThat(server.lastRequest().model()).isEqualTo("qwen2.5");
    }

    @Test
    void aRefusedKeyShowsTheAuthenticationExplanationAndTheKeySourceIsShownRedacted(FxRobot robot) throws Exception {
        server.requireApiKey(KEY);
        fillOpenAiCompatible(robot, "guarded", "qwen2.5");

        robot.clickOn("#test-connection");
        waitUntil(() -> text(robot, "#test-result").startsWith("Not connected"));
        assertThat(text(robot, "#test-result"))
                .startsWith("Not connected (authentication): ")
                .contains(ErrorClass.AUTHENTICATION.explanation());
        assertThat(robot.lookup("#test-result").queryAs(Label.class).getStyleClass())
                .contains("problem");

        environment.put("LM_KEY", KEY);
        replace(robot, "#endpoint-key-env", "LM_KEY");
        waitUntil(() -> text(robot, "#key-source").contains("environment variable LM_KEY"));
        assertThat(text(robot, "#key-source")).contains(KeyResolver.redact(KEY)).doesNotContain(KEY);

        shortcut(robot, KeyCode.T);
        waitUntil(() -> text(robot, "#test-result").startsWith("Connected"));
        assertThat(server.lastRequest().authorization()).isEqualTo("Bearer " + KEY);
        assertThat(text(robot, "#test-result")).doesNotContain(KEY);
    }

    @Test
    void aConnectionTestShowsInTheStatusBarAndItsCancelGivesUpAtOnce(FxRobot robot) throws Exception {
        fillOpenAiCompatible(robot, "slow", "qwen2.5");
        server.pauseReplies();
        shortcut(robot, KeyCode.T);
        server.awaitInFlight(1, Duration.ofSeconds(10));
        waitUntil(() -> robot.lookup("#running-tasks .task-label")
                .tryQuery()
                .map(n -> ((Label) n).getText().startsWith("Testing slow"))
                .orElse(false));
        assertThat(robot.lookup("#test-connection").queryAs(Button.class).isDisabled())
                .isTrue();

        robot.clickOn(robot.lookup("#running-tasks .button").queryAs(Button.class));
        // The server still holds the request: the form is free again anyway.
        waitUntil(() -> text(robot, "#test-result").equals("Test cancelled"));
        waitUntil(() ->
                robot.lookup("#running-tasks").queryAs(HBox.class).getChildren().isEmpty());
        assertThat(robot.lookup("#test-connection").queryAs(Button.class).isDisabled())
                .isFalse();
        assertThat(server.inFlight()).isEqualTo(1);
    }

    @Test
    void aNameThatIsTakenIsRefusedAndAFindModelsFailureShowsItsReasonInline(FxRobot robot) throws Exception {
        fillOpenAiCompatible(robot, "taken", "qwen2.5");
        shortcut(robot, KeyCode.S);
        waitUntil(() -> endpointList(robot).getItems().size() == 1);

        shortcut(robot, KeyCode.N);
        waitUntil(() -> text(robot, "#endpoint-form-title").equals("New endpoint"));
        replace(robot, "#endpoint-name", "taken");
        paste(robot, "#endpoint-base-url", "http://127.0.0.1:9/v1");
        robot.clickOn("#find-models");
        waitUntil(() -> text(robot, "#models-status").startsWith("Cannot list models: "));
        assertThat(text(robot, "#models-status")).contains(ErrorClass.NETWORK.explanation());
        assertThat(robot.lookup("#models-status").queryAs(Label.class).getStyleClass())
                .contains("problem");

        replace(robot, "#endpoint-model", "llama3.2");
        robot.clickOn("#save-endpoint");
        waitUntil(
                () -> text(robot, "#endpoint-problem").startsWith("Name: there is already an endpoint named 'taken'"));
        assertThat(ui.workspace.endpoints().require("taken").baseUrl()).isEqualTo(server.openAiBaseUrl());
        assertThat(ui.workspace.endpoints().list()).hasSize(1);
    }

    @Test
    void findModelsWithTheWrongProviderSaysSoWithoutATraceAndSwitchingProviderClearsIt(FxRobot robot) throws Exception {
        server.models("qwen2.5");
        waitUntil(() -> text(robot, "#endpoint-form-title").equals("New endpoint"));
        // An Ollama server's address, asked as an OpenAI-compatible one: its /models is a 404.
        fx(() -> preset(robot).setValue(EndpointService.PRESETS.get(1)));
        paste(robot, "#endpoint-base-url", server.baseUrl());
        robot.clickOn("#find-models");
        waitUntil(() -> text(robot, "#models-status").startsWith("Cannot list models: "));
        assertThat(text(robot, "#models-status"))
                .contains("no model list at " + server.baseUrl() + "/models", "For Ollama choose Ollama")
                .doesNotContain(ErrorClass.MODEL_NOT_FOUND.explanation());
        assertThat(logged.records()).as("log records with stack traces").isEmpty();

        // Ollama comes just before OpenAI-compatible: Up in the focused provider box picks it.
        fx(() -> providerBox(robot).requestFocus());
        robot.type(KeyCode.UP);
        waitUntil(() -> providerBox(robot).getValue() == Provider.OLLAMA);
        waitUntil(() -> text(robot, "#models-status").isEmpty());
        robot.clickOn("#find-models");
        waitUntil(() -> modelBox(robot).getItems().equals(List.of("qwen2.5:latest")));
    }

    @Test
    void theOtherOpenAiCompatiblePresetKeepsTheTypedAddressAndTheFormSaysZeroIsNoLimit(FxRobot robot) throws Exception {
        waitUntil(() -> text(robot, "#endpoint-form-title").equals("New endpoint"));
        paste(robot, "#endpoint-base-url", "http://10.0.0.7:9000/v1");
        fx(() -> providerBox(robot).requestFocus());
        robot.type(KeyCode.DOWN); // from Ollama, the form's first suggestion
        waitUntil(() -> preset(robot).getValue() != null
                && preset(robot).getValue().label().equals(EndpointService.OTHER_OPENAI_COMPATIBLE));
        assertThat(field(robot, "#endpoint-base-url").getText()).isEqualTo("http://10.0.0.7:9000/v1");
        assertThat(robot.lookup(".form-section").queryAllAs(Label.class).stream()
                        .map(Label::getText))
                .contains("Limits (0: no limit)");
    }

    @Test
    void tryAPromptStreamsTheReplyAndASecondSendComesFromTheCache(FxRobot robot) throws Exception {
        String story = IntStream.range(0, 400).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));
        server.reply(story).latency(Duration.ofMillis(10));
        fillOpenAiCompatible(robot, "streamer", "qwen2.5");

        paste(robot, "#prompt", "Tell me a long story");
        shortcut(robot, KeyCode.ENTER);
        waitUntil(() -> reply(robot).getText().equals(story)
                && text(robot, "#prompt-status").startsWith("Done"));
        assertThat(text(robot, "#prompt-status")).matches("Done: \\d+ tokens in, \\d+ out, \\d+ ms");
        assertThat(server.lastRequest().stream()).isTrue();
        assertThat(server.lastRequest().lastUserMessage()).isEqualTo("Tell me a long story");
        assertThat(robot.lookup("#prompt").queryAs(TextArea.class).getText()).isEqualTo("Tell me a long story");

        int requests = server.chatRequests().size();
        robot.clickOn("#send-prompt");
        waitUntil(() -> text(robot, "#prompt-status").contains("from cache"));
        assertThat(reply(robot).getText()).isEqualTo(story);
        assertThat(server.chatRequests()).hasSize(requests);
        List<LedgerEntry> calls = WorkspaceRepositories.ledger(ui.workspace).list(LedgerFilter.ALL, 0, 10);
        assertThat(calls).extracting(LedgerEntry::outcome).containsExactly("cached", "ok");
        assertThat(calls).extracting(LedgerEntry::step).containsOnly("try a prompt");
    }

    @Test
    void cancelStopsAStreamingReplyAtOnceAndTheCallIsRecordedAsCancelled(FxRobot robot) throws Exception {
        String story = IntStream.range(0, 200).mapToObj(i -> "piece" + i).collect(Collectors.joining(" "));
        server.reply(story).pauseReplies();
        fillOpenAiCompatible(robot, "held", "qwen2.5");
        paste(robot, "#prompt", "Tell me everything");
        shortcut(robot, KeyCode.ENTER);
        server.awaitInFlight(1, Duration.ofSeconds(10));
        waitUntil(() -> !robot.lookup("#cancel-prompt").queryAs(Button.class).isDisabled());
        assertThat(robot.lookup("#send-prompt").queryAs(Button.class).isDisabled())
                .isTrue();

        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil(() -> text(robot, "#prompt-status").startsWith("Cancelled"));
        waitUntil(() ->
                robot.lookup("#running-tasks").queryAs(HBox.class).getChildren().isEmpty());
        assertThat(robot.lookup("#cancel-prompt").queryAs(Button.class).isDisabled())
                .isTrue();

        // Once the server answers, the gateway stops at the first piece and records the call as cancelled.
        server.resumeReplies();
        waitUntil(() -> WorkspaceRepositories.ledger(ui.workspace)
                        .list(new LedgerFilter(null, "failed", ErrorClass.CANCELLED, null), 0, 10)
                        .size()
                == 1);
        assertThat(reply(robot).getText()).isNotEqualTo(story);
        assertThat(text(robot, "#prompt-status")).startsWith("Cancelled");

        // The box works again: the same prompt now streams in full (a cancelled call is no cache answer).
        shortcut(robot, KeyCode.ENTER);
        waitUntil(() -> reply(robot).getText().equals(story)
                && text(robot, "#prompt-status").startsWith("Done"));
    }

    // ------------------------------------------------------------------------------------------ helpers

    private void fillOpenAiCompatible(FxRobot robot, String name, String model) throws Exception {
        waitUntil(() -> text(robot, "#endpoint-form-title").equals("New endpoint"));
        fx(() -> preset(robot).setValue(EndpointService.PRESETS.get(1)));
        replace(robot, "#endpoint-name", name);
        paste(robot, "#endpoint-base-url", server.openAiBaseUrl());
        replace(robot, "#endpoint-model", model);
    }

    /**
     * Types over what the field holds (focused with its text selected, as Tab or a click leaves it). The
     * robot's mouse travel costs about a second per click, so fields are focused directly.
     */
    private static void replace(FxRobot robot, String query, String text) {
        TextInputControl field = input(robot, query);
        fx(() -> {
            field.requestFocus();
            field.selectAll();
        });
        robot.write(text);
    }

    /** Puts a long text into the field at once, as pasting does. */
    private static void paste(FxRobot robot, String query, String text) {
        TextInputControl field = input(robot, query);
        fx(() -> {
            field.requestFocus();
            field.setText(text);
        });
    }

    private static TextInputControl input(FxRobot robot, String query) {
        Node node = robot.lookup(query).query();
        return node instanceof ComboBox<?> combo ? combo.getEditor() : (TextInputControl) node;
    }

    private static void shortcut(FxRobot robot, KeyCode key) {
        robot.press(KeyCode.CONTROL, key).release(key, KeyCode.CONTROL);
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static TextField field(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(TextField.class);
    }

    private static TextArea reply(FxRobot robot) {
        return robot.lookup("#prompt-reply").queryAs(TextArea.class);
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<EndpointService.Preset> preset(FxRobot robot) {
        return robot.lookup("#endpoint-preset").queryAs(ComboBox.class);
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<Provider> providerBox(FxRobot robot) {
        return robot.lookup("#endpoint-provider").queryAs(ComboBox.class);
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<String> modelBox(FxRobot robot) {
        return robot.lookup("#endpoint-model").queryAs(ComboBox.class);
    }

    @SuppressWarnings("unchecked")
    private static ListView<Endpoint> endpointList(FxRobot robot) {
        return robot.lookup("#endpoint-list").queryAs(ListView.class);
    }
}
