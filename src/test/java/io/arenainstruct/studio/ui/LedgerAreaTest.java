package io.arenainstruct.studio.ui;

import static io.arenainstruct.studio.ui.UiHarness.fx;
import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;

import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ErrorClass;
import io.arenainstruct.studio.domain.llm.LedgerEntry;
import io.arenainstruct.studio.domain.llm.LedgerOutcome;
import io.arenainstruct.studio.domain.llm.ModelCallException;
import io.arenainstruct.studio.domain.llm.ModelPrice;
import io.arenainstruct.studio.domain.llm.ModelRequest;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.Fault;

/** The Call ledger area over real gateway calls to a {@link FakeModelServer}. */
@ExtendWith(ApplicationExtension.class)
class LedgerAreaTest {
    @TempDir
    Path tmp;

    private FakeModelServer server;
    private UiHarness ui;
    private Endpoint endpoint;

    @Start
    void start(Stage stage) {
        server = FakeModelServer.start();
        KeyResolver keys = new KeyResolver(tmp.resolve("home/secrets.properties"), new HashMap<String, String>()::get);
        ui = new UiHarness(tmp.resolve("store"), false, keys, EndpointsAreaTest.QUICK);
        endpoint = Endpoint.of("local-lm", Provider.OPENAI_COMPATIBLE, server.openAiBaseUrl(), "qwen2.5")
                .withTimeout(Duration.ofSeconds(5));
        ui.show(stage);
        ui.window.select("seeds");
    }

    @AfterEach
    void tearDown() {
        ui.close();
        server.close();
    }

    @Test
    void callsAreListedNewestFirstFilteredByOutcomeAndShownInFullWithTotals(FxRobot robot) throws Exception {
        server.reply("Paris is the capital of France.");
        ui.workspace
                .gateway()
                .call(endpoint, ModelRequest.ofUser("What is the capital of France?"), Cancellation.NEVER);
        server.enqueue(Fault.contextTooLong());
        assertThatThrownBy(() -> ui.workspace
                        .gateway()
                        .call(endpoint, ModelRequest.ofUser("A very long question"), Cancellation.NEVER))
                .isInstanceOf(ModelCallException.class);
        ui.workspace
                .gateway()
                .call(endpoint, ModelRequest.ofUser("What is the capital of France?"), Cancellation.NEVER);
        ui.workspace
                .endpoints()
                .setPrice(new ModelPrice("qwen2.5", BigDecimal.valueOf(1_000_000), BigDecimal.valueOf(1_000_000)));

        fx(() -> ui.window.select("ledger"));
        waitUntil(() -> table(robot).getItems().size() == 3);
        assertThat(table(robot).getItems()).extracting(LedgerEntry::outcome).containsExactly("cached", "failed", "ok");
        assertThat(table(robot).getItems())
                .extracting(LedgerEntry::id)
                .isSortedAccordingTo((a, b) -> Long.compare(b, a));
        LedgerEntry ok = table(robot).getItems().get(2);
        long tokens = ok.tokensIn() + ok.tokensOut();
        waitUntil(() -> text(robot, "#ledger-totals").startsWith("All calls: "));
        assertThat(text(robot, "#ledger-totals"))
                .isEqualTo("All calls: 2 calls sent, 1 cache hit, 1 failed"
                        + " (1 context too long), tokens " + ok.tokensIn() + " in / " + ok.tokensOut() + " out, cost "
                        + tokens
                        + ".00");
        assertThat(text(robot, "#ledger-page")).isEqualTo("Showing 1–3 of 3 calls, newest first");
        var cost = table(robot).getColumns().stream()
                .filter(c -> c.getText().equals("Cost"))
                .findFirst()
                .orElseThrow();
        assertThat(cost.getCellData(ok)).isEqualTo(tokens + ".00");
        assertThat(cost.getCellData(table(robot).getItems().get(0)))
                .as("a cache hit costs nothing")
                .isEqualTo("");

        fx(() -> outcomeFilter(robot).setValue("failed"));
        waitUntil(() -> table(robot).getItems().size() == 1);
        LedgerEntry failed = table(robot).getItems().get(0);
        assertThat(failed.errorClass()).isEqualTo(ErrorClass.CONTEXT_TOO_LONG);
        robot.clickOn(row(robot, 0));
        waitUntil(() -> area(robot, "#ledger-request").getText().contains("A very long question"));
        assertThat(area(robot, "#ledger-request").getText()).contains("\n  \"messages\" : [");
        assertThat(area(robot, "#ledger-reply").getText())
                .startsWith("Failed (context too long): " + ErrorClass.CONTEXT_TOO_LONG.explanation());
        assertThat(text(robot, "#ledger-detail-title")).startsWith("Call " + failed.id() + " · failed · local-lm");

        fx(() -> outcomeFilter(robot).setValue("ok"));
        waitUntil(() -> table(robot).getItems().size() == 1
                && table(robot).getItems().get(0).ok());
        robot.clickOn(row(robot, 0));
        waitUntil(() -> area(robot, "#ledger-reply").getText().equals("Paris is the capital of France."));
        assertThat(area(robot, "#ledger-request").getText()).contains("What is the capital of France?");

        // A call made while the area is open appears with F5.
        fx(() -> outcomeFilter(robot).setValue("Any outcome"));
        waitUntil(() -> table(robot).getItems().size() == 3);
        ui.workspace.gateway().call(endpoint, ModelRequest.ofUser("Another question"), Cancellation.NEVER);
        robot.press(KeyCode.F5).release(KeyCode.F5);
        waitUntil(() -> table(robot).getItems().size() == 4);
        assertThat(table(robot).getItems().get(0).requestJson()).contains("Another question");
        // The call selected before the reload is still selected and shown.
        waitUntil(() -> table(robot).getSelectionModel().getSelectedItem() != null
                && table(robot).getSelectionModel().getSelectedItem().id() == ok.id()
                && area(robot, "#ledger-reply").getText().equals("Paris is the capital of France."));
        waitUntil(() -> text(robot, "#ledger-totals").startsWith("All calls: 3 calls sent"));
    }

    @Test
    void theLedgerIsReadPageByPageAndFiltersByEndpointAndRun(FxRobot robot) throws Exception {
        Instant at = Instant.parse("2026-11-20T10:00:00Z");
        for (int i = 1; i <= 205; i++) {
            WorkspaceRepositories.ledger(ui.workspace)
                    .record(
                            new LedgerEntry(
                                    0,
                                    "h" + i,
                                    i % 5 == 0 ? "judge" : "generator",
                                    "ollama",
                                    "llama3.2",
                                    "{\"messages\":[{\"role\":\"user\",\"content\":\"q" + i + "\"}]}",
                                    "a" + i,
                                    10,
                                    5,
                                    Duration.ofMillis(100),
                                    1,
                                    LedgerOutcome.OK,
                                    null,
                                    null,
                                    at.plusSeconds(i),
                                    i <= 20 ? 7L : null,
                                    "generation"),
                            null);
        }
        fx(() -> ui.window.select("ledger"));
        waitUntil(() -> table(robot).getItems().size() == 200);
        assertThat(text(robot, "#ledger-page")).isEqualTo("Showing 1–200 of 205 calls, newest first");
        assertThat(table(robot).getItems().get(0).reply()).isEqualTo("a205");
        assertThat(button(robot, "#ledger-previous").isDisabled()).isTrue();

        robot.clickOn("#ledger-next");
        waitUntil(() -> table(robot).getItems().size() == 5);
        assertThat(text(robot, "#ledger-page")).isEqualTo("Showing 201–205 of 205 calls, newest first");
        assertThat(table(robot).getItems())
                .extracting(LedgerEntry::reply)
                .containsExactly("a5", "a4", "a3", "a2", "a1");
        assertThat(button(robot, "#ledger-next").isDisabled()).isTrue();
        robot.clickOn("#ledger-previous");
        waitUntil(() -> table(robot).getItems().size() == 200);

        @SuppressWarnings("unchecked")
        ComboBox<String> endpoints = robot.lookup("#filter-endpoint").queryAs(ComboBox.class);
        assertThat(endpoints.getItems()).containsExactly("All endpoints", "generator", "judge");
        fx(() -> endpoints.setValue("judge"));
        waitUntil(() -> table(robot).getItems().size() == 41);
        assertThat(text(robot, "#ledger-page")).isEqualTo("Showing 1–41 of 41 calls, newest first");

        fx(() -> endpoints.setValue("All endpoints"));
        robot.clickOn("#filter-run").write("7").press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil(() -> table(robot).getItems().size() == 20);
        waitUntil(() -> text(robot, "#ledger-totals").startsWith("Run 7: 20 calls sent"));

        robot.clickOn("#clear-filters");
        waitUntil(() -> table(robot).getItems().size() == 200
                && text(robot, "#ledger-totals").startsWith("All calls: 205 calls sent"));
    }

    /** The table row showing the item at this index. */
    private static TableRow<?> row(FxRobot robot, int index) {
        return robot.lookup("#ledger-table .table-row-cell")
                .match((TableRow<?> r) -> r.getIndex() == index && r.getItem() != null)
                .queryAs(TableRow.class);
    }

    @SuppressWarnings("unchecked")
    private static TableView<LedgerEntry> table(FxRobot robot) {
        return robot.lookup("#ledger-table").queryAs(TableView.class);
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<String> outcomeFilter(FxRobot robot) {
        return robot.lookup("#filter-outcome").queryAs(ComboBox.class);
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static TextArea area(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(TextArea.class);
    }

    private static Button button(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Button.class);
    }
}
