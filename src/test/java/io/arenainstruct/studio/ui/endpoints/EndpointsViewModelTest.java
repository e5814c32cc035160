package io.arenainstruct.studio.ui.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ErrorClass;
import io.arenainstruct.studio.domain.llm.ModelPrice;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.llm.RetryPolicy;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;

/** The Endpoints view model's decisions, on a real store and a fake model server, without JavaFX running. */
class EndpointsViewModelTest {
    private static final RetryPolicy QUICK =
            new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(2), 0.1);
    private static final String KEY = "sk-test-0123456789abcdef";

    @TempDir
    Path tmp;

    private final Map<String, String> environment = new ConcurrentHashMap<>();
    private final CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
    private final FakeDialogService dialogs = new FakeDialogService();
    private FakeModelServer server;
    private Workspace ws;
    private EndpointsViewModel model;

    @BeforeEach
    void open() {
        server = FakeModelServer.start();
        KeyResolver keys = new KeyResolver(tmp.resolve("home/secrets.properties"), environment::get);
        ws = Workspace.open(tmp.resolve("store"), keys, QUICK);
        model = new EndpointsViewModel(ws.endpoints(), ws.gateway(), tasks, dialogs);
    }

    @AfterEach
    void close() {
        ws.close();
        server.close();
    }

    private Endpoint local(String name, String model) {
        return Endpoint.of(name, Provider.OPENAI_COMPATIBLE, server.openAiBaseUrl(), model);
    }

    private static ModelPrice price(String model, String in, String out) {
        return new ModelPrice(model, new BigDecimal(in), new BigDecimal(out));
    }

    @Test
    void loadListsTheEndpointsAndPricesAndHandsBackTheOneAskedFor() {
        ws.endpoints().save(local("b", "qwen2.5"));
        ws.endpoints().save(local("a", "llama3.2"));
        ws.endpoints().setPrice(price("qwen2.5", "0.5", "1.5"));
        List<Optional<Endpoint>> found = new ArrayList<>();

        model.load("b", found::add);

        assertThat(model.endpoints()).extracting(Endpoint::name).containsExactlyInAnyOrder("a", "b");
        assertThat(model.prices()).containsOnlyKeys("qwen2.5");
        assertThat(model.prices().get("qwen2.5").outputPerMillion()).isEqualByComparingTo("1.5");
        assertThat(found).hasSize(1);
        assertThat(found.get(0)).map(Endpoint::name).contains("b");
        assertThat(model.loading().get()).isFalse();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aStoreThatCannotBeReadShowsTheReasonAndStopsLoading() {
        ws.close();
        List<Optional<Endpoint>> found = new ArrayList<>();

        model.load(null, found::add);

        assertThat(found).isEmpty();
        assertThat(model.loading().get()).isFalse();
        assertThat(dialogs.errors).singleElement().asString().startsWith("Cannot list the endpoints: ");
    }

    @Test
    void aNewEndpointWithANameAlreadyTakenIsRefusedAndNothingIsStored() {
        ws.endpoints().save(local("taken", "qwen2.5"));
        model.load(null, e -> {});
        List<String> problems = new ArrayList<>();
        List<Endpoint> saved = new ArrayList<>();

        model.save(new EndpointForm.Parsed(local("taken", "other-model"), null), null, saved::add, problems::add);

        assertThat(problems)
                .containsExactly("Name: there is already an endpoint named 'taken'; choose another name"
                        + " or select it in the list to edit it");
        assertThat(saved).isEmpty();
        assertThat(ws.endpoints().require("taken").model()).isEqualTo("qwen2.5");
    }

    @Test
    void savingUnderANewNameRenamesAndStoresThePrice() {
        ws.endpoints().save(local("old", "qwen2.5"));
        model.load(null, e -> {});
        List<Endpoint> saved = new ArrayList<>();

        model.save(
                new EndpointForm.Parsed(local("new", "qwen2.5"), price("qwen2.5", "1", "2")),
                "old",
                saved::add,
                problem -> {
                    throw new AssertionError(problem);
                });

        assertThat(ws.endpoints().list()).extracting(Endpoint::name).containsExactly("new");
        assertThat(ws.endpoints().prices().get("qwen2.5").inputPerMillion()).isEqualByComparingTo("1");
        assertThat(model.notice().get()).isEqualTo("Saved endpoint new (renamed from old)");
        assertThat(saved).extracting(Endpoint::name).containsExactly("new");
        assertThat(model.endpoints()).extracting(Endpoint::name).containsExactly("new");
    }

    @Test
    void savingWithBothPricesEmptiedRemovesTheModelsPrice() {
        ws.endpoints().save(local("e", "qwen2.5"));
        ws.endpoints().setPrice(price("qwen2.5", "1", "2"));
        model.load(null, e -> {});

        model.save(new EndpointForm.Parsed(local("e", "qwen2.5"), null), "e", e -> {}, p -> {});

        assertThat(ws.endpoints().prices()).doesNotContainKey("qwen2.5");
        assertThat(model.prices()).isEmpty();
        assertThat(model.notice().get()).isEqualTo("Saved endpoint e");
    }

    @Test
    void deletingRemovesTheEndpointAndSaysItsCallsStay() {
        ws.endpoints().save(local("gone", "qwen2.5"));
        model.load(null, e -> {});
        List<String> deleted = new ArrayList<>();

        model.delete("gone", () -> deleted.add("done"));

        assertThat(deleted).containsExactly("done");
        assertThat(ws.endpoints().list()).isEmpty();
        assertThat(model.endpoints()).isEmpty();
        assertThat(model.notice().get()).isEqualTo("Deleted endpoint gone; its calls stay in the call ledger");
    }

    @Test
    void findModelsListsTheServersModelsAsAStatusBarTask() {
        server.models("qwen2.5", "llama3.2");

        model.findModels(Provider.OPENAI_COMPATIBLE, server.openAiBaseUrl(), " ");

        assertThat(tasks.monitoredTitles).containsExactly("Finding models");
        assertThat(model.discoveredModels()).containsExactlyInAnyOrder("qwen2.5", "llama3.2");
        assertThat(model.modelsStatus().get()).isEqualTo("2 models found");
        assertThat(model.findingModels().get()).isFalse();
        assertThat(model.modelsFailed().get()).isFalse();
    }

    @Test
    void findModelsThatCannotReachTheServerSaysWhyInline() {
        model.findModels(Provider.OPENAI_COMPATIBLE, "http://127.0.0.1:9/v1", null);

        assertThat(model.modelsFailed().get()).isTrue();
        assertThat(model.findingModels().get()).isFalse();
        assertThat(model.modelsStatus().get())
                .startsWith("Cannot list models: ")
                .contains(ErrorClass.NETWORK.explanation());
        assertThat(model.discoveredModels()).isEmpty();
    }

    @Test
    void modelsFoundForAServerTheCuratorLeftAreDroppedWhenTheyArriveLate() {
        server.models("qwen2.5");
        tasks.hold();
        model.findModels(Provider.OPENAI_COMPATIBLE, server.openAiBaseUrl(), null);
        assertThat(model.modelsStatus().get()).isEqualTo("Asking " + server.openAiBaseUrl() + " for its models…");

        model.clearModels();
        tasks.runHeld();

        assertThat(model.discoveredModels()).isEmpty();
        assertThat(model.modelsStatus().get()).isEmpty();
        assertThat(model.findingModels().get()).isFalse();
    }

    @Test
    void aConnectionTestShowsTheModelsReplyOrWhyItFailed() {
        server.reply("ready");
        Endpoint endpoint = new Endpoint(
                "guarded",
                Provider.OPENAI_COMPATIBLE,
                server.openAiBaseUrl(),
                "qwen2.5",
                "LM_KEY",
                4,
                0,
                0,
                Duration.ofSeconds(10),
                null,
                null,
                null);
        server.requireApiKey(KEY);

        model.testConnection(endpoint);

        assertThat(model.testOk().get()).isFalse();
        assertThat(model.testResult().get())
                .startsWith("Not connected (authentication): ")
                .contains(ErrorClass.AUTHENTICATION.explanation());
        assertThat(model.testing().get()).isFalse();

        environment.put("LM_KEY", KEY);
        model.testConnection(endpoint);

        assertThat(model.testOk().get()).isTrue();
        assertThat(model.testResult().get()).matches("Connected: answered in \\d+ ms\\. The model replied: ready");
        assertThat(tasks.monitoredTitles).containsExactly("Testing guarded", "Testing guarded");
    }

    @Test
    void theKeySourceIsDescribedInWordsAndALateAnswerForAnOlderFormIsDropped() {
        Endpoint unset = new Endpoint(
                "local",
                Provider.OPENAI_COMPATIBLE,
                server.openAiBaseUrl(),
                "qwen2.5",
                "LM_KEY",
                4,
                0,
                0,
                Duration.ofSeconds(10),
                null,
                null,
                null);
        model.describeKeySource(unset);
        assertThat(model.keySource().get())
                .isEqualTo("API key: none (not needed on this machine) (LM_KEY is not set for this app)");

        Endpoint remote = Endpoint.of("cloud", Provider.OPENAI, "https://api.example.com/v1", "gpt");
        model.describeKeySource(remote);
        assertThat(model.keySource().get()).isEqualTo("API key: none; this provider needs one");

        environment.put("LM_KEY", KEY);
        tasks.hold();
        model.describeKeySource(unset);
        model.describeKeySource(null);
        tasks.runHeld();
        assertThat(model.keySource().get())
                .isEqualTo("API key: fill in the name and the address to see where the key comes from");
    }

    @Test
    void theFormNamesTheFieldThatIsWrong() {
        EndpointForm.Values good = new EndpointForm.Values(
                "e",
                Provider.OPENAI_COMPATIBLE,
                server.openAiBaseUrl(),
                "qwen2.5",
                "",
                "4",
                "0",
                "0",
                "120",
                "",
                "",
                "",
                "",
                "");
        EndpointForm.Values noAddress = new EndpointForm.Values(
                "e", Provider.OPENAI_COMPATIBLE, " ", "qwen2.5", "", "4", "0", "0", "120", "", "", "", "", "");
        EndpointForm.Values badTemperature = new EndpointForm.Values(
                "e",
                Provider.OPENAI_COMPATIBLE,
                server.openAiBaseUrl(),
                "qwen2.5",
                "",
                "4",
                "0",
                "0",
                "120",
                "warm",
                "",
                "",
                "",
                "");

        assertThat(parse(good).endpoint().maxConcurrent()).isEqualTo(4);
        assertThatThrownBy(() -> EndpointForm.parse(noAddress))
                .isInstanceOfSatisfying(
                        EndpointForm.Invalid.class,
                        e -> assertThat(e.problem().field()).isEqualTo(EndpointForm.Field.BASE_URL));
        assertThatThrownBy(() -> EndpointForm.parse(badTemperature))
                .isInstanceOfSatisfying(
                        EndpointForm.Invalid.class,
                        e -> assertThat(e.problem().text()).startsWith("Temperature: type a number between 0 and 2"));
    }

    private static EndpointForm.Parsed parse(EndpointForm.Values values) {
        try {
            return EndpointForm.parse(values);
        } catch (EndpointForm.Invalid e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
