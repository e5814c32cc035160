package io.arenainstruct.studio.ui.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ErrorClass;
import io.arenainstruct.studio.domain.llm.LedgerEntry;
import io.arenainstruct.studio.domain.llm.LedgerOutcome;
import io.arenainstruct.studio.domain.llm.ModelCallException;
import io.arenainstruct.studio.domain.llm.ModelRequest;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.llm.RetryPolicy;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;

/** The Call ledger view model over real calls to a fake server, without JavaFX running. */
class LedgerViewModelTest {
    @TempDir
    Path tmp;

    private final CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
    private final FakeDialogService dialogs = new FakeDialogService();
    private FakeModelServer server;
    private Workspace ws;
    private LedgerViewModel model;

    /** Four calls: two answered, one answered from the ledger, one refused for its key. */
    @BeforeEach
    void open() {
        server = FakeModelServer.start().reply("fine");
        KeyResolver keys = new KeyResolver(tmp.resolve("secrets.properties"), Map.<String, String>of()::get);
        ws = Workspace.open(
                tmp.resolve("store"),
                keys,
                new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(2), 0.1));
        Endpoint local = Endpoint.of("local", Provider.OPENAI_COMPATIBLE, server.openAiBaseUrl(), "m");
        ws.endpoints().save(local);
        ws.gateway().call(local, ModelRequest.ofUser("one"), Cancellation.NEVER);
        ws.gateway().call(local, ModelRequest.ofUser("two"), Cancellation.NEVER);
        ws.gateway().call(local, ModelRequest.ofUser("one"), Cancellation.NEVER);
        server.requireApiKey("sk-none-given");
        assertThatThrownBy(() -> ws.gateway().call(local, ModelRequest.ofUser("three"), Cancellation.NEVER))
                .isInstanceOf(ModelCallException.class);
        model = new LedgerViewModel(ws.callLedger(), ws.endpoints(), tasks, dialogs);
    }

    @AfterEach
    void close() {
        ws.close();
        server.close();
    }

    @Test
    void aRefreshReadsThePageTheCountTheTotalsAndTheEndpoints() {
        model.refresh();

        assertThat(model.total().get()).isEqualTo(4);
        assertThat(model.calls()).hasSize(4);
        assertThat(model.calls())
                .extracting(LedgerEntry::outcome)
                .containsOnlyOnce(LedgerOutcome.FAILED, LedgerOutcome.CACHED);
        assertThat(model.endpointNames()).containsExactly("local");
        assertThat(model.totals().get()).startsWith("All calls: ");
        assertThat(model.hasNextPage()).isFalse();
        assertThat(model.loading().get()).isFalse();

        model.outcome().set(LedgerOutcome.FAILED);
        assertThat(model.total().get()).isEqualTo(1);
        model.outcome().set(null);
        model.errorClass().set(ErrorClass.AUTHENTICATION);
        assertThat(model.calls())
                .singleElement()
                .extracting(LedgerEntry::errorClass)
                .isEqualTo(ErrorClass.AUTHENTICATION);
    }

    @Test
    void aFailedCallIsShownWithItsExplanationAndItsRequestIndented() {
        model.outcome().set(LedgerOutcome.FAILED);

        model.select(model.calls().get(0));

        LedgerViewModel.Detail detail = model.detail().get();
        assertThat(detail.reply())
                .startsWith("Failed (" + ErrorClass.AUTHENTICATION.label() + "): "
                        + ErrorClass.AUTHENTICATION.explanation());
        assertThat(detail.requestJson()).contains("\n").contains("three");
    }

    @Test
    void onlyTheLastSelectedCallIsShownHoweverTheReadsFinish() {
        model.refresh();
        LedgerEntry a = model.calls().get(0);
        LedgerEntry b = model.calls().get(1);

        tasks.hold();
        model.select(a);
        model.select(b);
        tasks.runHeld(1, 0);
        assertThat(model.detail().get().entry().id()).isEqualTo(b.id());

        tasks.hold();
        model.select(a);
        model.select(null);
        tasks.runHeld();
        assertThat(model.detail().get()).isNull();
    }
}
