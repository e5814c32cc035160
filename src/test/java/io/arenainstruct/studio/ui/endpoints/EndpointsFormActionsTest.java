package io.arenainstruct.studio.ui.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.llm.RetryPolicy;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;

/** What the Endpoints view model does with its form: save, refuse, discard, forget. No JavaFX toolkit. */
class EndpointsFormActionsTest {
    private static final RetryPolicy QUICK =
            new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(2), 0.1);

    @TempDir
    Path tmp;

    private final FakeDialogService dialogs = new FakeDialogService();
    private Workspace ws;
    private EndpointsViewModel model;
    private EndpointFormModel form;

    @BeforeEach
    void open() {
        KeyResolver keys = new KeyResolver(tmp.resolve("home/secrets.properties"), name -> null);
        ws = Workspace.open(tmp.resolve("store"), keys, QUICK);
        model = new EndpointsViewModel(ws.endpoints(), ws.gateway(), new CallingThreadTaskExecutor(), dialogs);
        form = model.form();
        model.newEndpoint();
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void savingTheFormStoresTheEndpointAndItsPriceAndShowsItAsSaved() {
        form.name().set("local");
        form.model().set("qwen2.5");
        form.maxConcurrent().set("2");
        form.priceIn().set("0.5");
        form.priceOut().set("1.5");
        List<Endpoint> saved = new ArrayList<>();

        model.saveForm(saved::add, p -> {
            throw new AssertionError(p.text());
        });

        Endpoint expected = new Endpoint(
                "local",
                Provider.OLLAMA,
                "http://localhost:11434",
                "qwen2.5",
                null,
                2,
                0,
                0,
                Duration.ofSeconds(120),
                null,
                null,
                null);
        assertThat(ws.endpoints().list()).containsExactly(expected);
        assertThat(ws.endpoints().prices().get("qwen2.5").outputPerMillion())
                .isEqualByComparingTo(new BigDecimal("1.5"));
        assertThat(saved).containsExactly(expected);
        assertThat(form.title().get()).isEqualTo("Endpoint local");
        assertThat(form.dirty().get()).isFalse();
        assertThat(model.confirmDiscard()).isTrue();
        assertThat(dialogs.confirms).isEmpty();
    }

    @Test
    void anInvalidFormIsRefusedWithItsFirstProblemAndATakenNameToo() {
        ws.endpoints().save(Endpoint.of("taken", Provider.OLLAMA, null, "llama3.2"));
        model.load(null, e -> {});
        List<EndpointForm.Problem> refused = new ArrayList<>();

        model.saveForm(
                e -> {
                    throw new AssertionError(e);
                },
                refused::add);
        form.model().set("qwen2.5");
        form.name().set("taken");
        model.saveForm(
                e -> {
                    throw new AssertionError(e);
                },
                refused::add);

        assertThat(refused)
                .extracting(EndpointForm.Problem::text)
                .containsExactly(
                        "Model: the model name is missing (e.g. llama3.2 or gpt-4o-mini)",
                        "Name: there is already an endpoint named 'taken'; choose another name or select it in the "
                                + "list to"
                                + " edit it");
        assertThat(form.shownProblem().get()).isEqualTo(refused.get(1));
        assertThat(ws.endpoints().require("taken").model()).isEqualTo("llama3.2");
        assertThat(ws.endpoints().list()).hasSize(1);
    }

    @Test
    void unsavedChangesAreDroppedOnlyWhenTheCuratorAgrees() {
        assertThat(model.confirmDiscard()).isTrue();
        assertThat(dialogs.confirms).isEmpty();

        form.seed().set("7");
        dialogs.confirmAnswer = false;
        assertThat(model.confirmDiscard()).isFalse();
        assertThat(dialogs.confirms)
                .containsExactly("Discard changes?: The changes to the new endpoint are not saved.");

        model.edit(Endpoint.of("e", Provider.OLLAMA, null, "qwen2.5"));
        form.timeoutSeconds().set("30");
        dialogs.confirmAnswer = true;
        assertThat(model.confirmDiscard()).isTrue();
        assertThat(dialogs.confirms).last().isEqualTo("Discard changes?: The changes to endpoint e are not saved.");
    }

    @Test
    void deletingTheEndpointBeingEditedStartsANewOneAndModelsFoundAreForgottenWhenTheServerChanges() {
        Endpoint gone = Endpoint.of("gone", Provider.OLLAMA, null, "qwen2.5");
        ws.endpoints().save(gone);
        model.load(null, e -> {});
        model.edit(gone);

        model.delete("gone", () -> {});

        assertThat(form.title().get()).isEqualTo("New endpoint");
        assertThat(form.editingName().get()).isNull();
        assertThat(form.name().get()).isEqualTo("ollama");

        model.discoveredModels().setAll("llama3.2", "qwen2.5");
        assertThat(form.model().get())
                .as("the first model found fills the empty field")
                .isEqualTo("llama3.2");
        form.baseUrl().set("http://10.0.0.7:11434");
        assertThat(model.discoveredModels()).isEmpty();
    }

    @Test
    void anEndpointIsDeletedOnlyOnceTheCuratorAgrees() {
        Endpoint kept = Endpoint.of("kept", Provider.OLLAMA, null, "qwen2.5");
        ws.endpoints().save(kept);
        model.load(null, e -> {});

        dialogs.confirmAnswer = false;
        model.confirmDelete(kept);
        assertThat(ws.endpoints().list()).containsExactly(kept);
        dialogs.confirmAnswer = true;
        model.confirmDelete(kept);

        assertThat(ws.endpoints().list()).isEmpty();
        assertThat(dialogs.confirms)
                .containsExactly(
                        "Delete endpoint kept?: The endpoint kept (qwen2.5) is removed. Its calls stay in the call "
                                + "ledger.",
                        "Delete endpoint kept?: The endpoint kept (qwen2.5) is removed. Its calls stay in the call "
                                + "ledger.");
    }
}
