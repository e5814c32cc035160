package io.arenainstruct.studio.ui.instructions;

import static io.arenainstruct.studio.ui.UiHarness.fx;
import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.cli.CliRun;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.llm.RetryPolicy;
import io.arenainstruct.studio.service.run.RunFixture;
import io.arenainstruct.studio.service.workspace.TemporaryUserData;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.SchemaReplies;
import io.arenainstruct.studio.ui.UiHarness;

/**
 * A run made headless by the command line (reading comprehension over the 26 sample seeds), then the same store
 * opened in the app: what {@code instructions list --json} printed is what the Instructions and Refinement areas
 * show, row by row and text by text.
 */
@ExtendWith(ApplicationExtension.class)
class CliAndAppAgreeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RetryPolicy QUICK = RunFixture.QUICK_RETRIES;

    @TempDir
    Path tmp;

    @RegisterExtension
    final TemporaryUserData userData = new TemporaryUserData();

    private FakeModelServer server;
    private UiHarness ui;
    private JsonNode listed;

    @Start
    void start(Stage stage) throws Exception {
        server = FakeModelServer.start().replyWith(SchemaReplies.fill());
        cli("seeds", "import", Path.of("sample-seeds"));
        cli(
                "models",
                "add",
                "local",
                "--provider",
                "openai-compatible",
                "--base-url",
                server.openAiBaseUrl(),
                "--model",
                "qwen2.5",
                "--max-concurrent",
                "4");
        cli("run", "--skill", "reading-comprehension", "--seeds", "all", "--endpoint", "local");
        listed = JSON.readTree(cli("instructions", "list", "--run", "1", "--json"));
        ui = new UiHarness(
                tmp.resolve("store"),
                false,
                new KeyResolver(tmp.resolve("home/secrets.properties"), new HashMap<String, String>()::get),
                QUICK);
        ui.show(stage);
    }

    @AfterEach
    void tearDown() {
        ui.close();
        server.close();
    }

    @Test
    void whatTheCommandLineListsIsWhatTheAppShows(FxRobot robot) throws Exception {
        assertThat(listed).hasSize(26);
        fx(() -> ui.window.select("instructions"));
        waitUntil(() -> table(robot).getItems().size() == 26 && model().loadedRows() == 26);
        assertThat(robot.lookup("#instructions-total").queryAs(Label.class).getText())
                .isEqualTo("26 instructions");

        for (int k = 0; k < listed.size(); k++) {
            JsonNode item = listed.get(k);
            assertThat(cell(robot, k, "Id")).isEqualTo(item.get("id").asLong());
            assertThat(cell(robot, k, "Run")).isEqualTo(item.get("run").asLong());
            // the app shows the skill's name where the command line gives its id
            assertThat(cell(robot, k, "Skill"))
                    .isEqualTo(ui.workspace
                            .flows()
                            .find(item.get("skill").asText())
                            .orElseThrow()
                            .name());
            assertThat(cell(robot, k, "Category"))
                    .isEqualTo(item.get("category").asText());
            assertThat(cell(robot, k, "Subcategory"))
                    .isEqualTo(item.path("subcategory").asText(""));
            assertThat(cell(robot, k, "Status")).isEqualTo(item.get("status").asText());
            assertThat(cell(robot, k, "Rounds")).isEqualTo(item.get("rounds").size() - 1);
            assertThat(cell(robot, k, "Answered"))
                    .isEqualTo(item.get("response").isNull() ? "no" : "yes");
        }

        // In full: the first, a middle and the last instruction, with where each came from.
        for (int k : new int[] {0, 13, 25}) {
            JsonNode item = listed.get(k);
            fx(() -> table(robot).getSelectionModel().clearAndSelect(k));
            waitUntil(() -> area(robot, "#instruction-text")
                    .getText()
                    .startsWith("Final text: last round " + (item.get("rounds").size() - 1) + "\n\nInstruction\n"
                            + item.get("final_instruction").asText()));
            String text = area(robot, "#instruction-text").getText();
            assertThat(text).contains("Response\n" + item.get("response").asText());
            JsonNode rounds = item.get("rounds");
            for (int r = 1; r < rounds.size(); r++) {
                assertThat(text)
                        .contains("Round " + r + " edit\n"
                                + rounds.get(r).get("instruction").asText());
            }
            String provenance = area(robot, "#instruction-provenance").getText();
            assertThat(provenance)
                    .startsWith("Run 1 · seed " + item.get("seed").asLong())
                    .contains("Endpoint: " + item.get("endpoint").asText() + " · model: "
                            + item.get("model").asText())
                    .contains("Generator: " + rounds.get(0).get("agent").asText() + ", prompt version "
                            + rounds.get(0).get("prompt_version").asInt())
                    .contains(String.valueOf(rounds.get(0).get("call").asLong()));
        }

        // The last one in the Refinement area (Enter): each column holds the listed text.
        JsonNode last = listed.get(25);
        fx(() -> table(robot).requestFocus());
        robot.type(KeyCode.ENTER);
        waitUntil(() -> "refinement".equals(ui.window.currentAreaId())
                && robot.lookup("#refinement-position")
                        .queryAs(Label.class)
                        .getText()
                        .endsWith(" · #" + last.get("id").asLong())
                && !robot.lookup("#text-response").queryAll().isEmpty());
        JsonNode rounds = last.get("rounds");
        assertThat(newText(robot, "round-0"))
                .isEqualTo(rounds.get(0).get("instruction").asText());
        for (int r = 1; r < rounds.size(); r++) {
            assertThat(newText(robot, "suggestion-" + r))
                    .isEqualTo(rounds.get(r).get("suggestion").asText());
            assertThat(newText(robot, "edited-" + r))
                    .isEqualTo(rounds.get(r).get("instruction").asText());
        }
        assertThat(newText(robot, "response")).isEqualTo(last.get("response").asText());
    }

    // ------------------------------------------------------------------------------------------ helpers

    private String cli(Object... args) {
        CliRun run = CliRun.on(tmp.resolve("store"), args);
        assertThat(run.code()).as(run.err()).isZero();
        return run.out();
    }

    private InstructionsViewModel model() {
        return ((InstructionsView) ui.window.view("instructions").orElseThrow()).model();
    }

    private static Object cell(FxRobot robot, int index, String column) throws Exception {
        TableView<InstructionsViewModel.Slot> t = table(robot);
        return WaitForAsyncUtils.asyncFx(() -> t.getColumns().stream()
                        .filter(c -> c.getText().equals(column))
                        .findFirst()
                        .orElseThrow()
                        .getCellData(index))
                .get(5, TimeUnit.SECONDS);
    }

    @SuppressWarnings("unchecked")
    private static TableView<InstructionsViewModel.Slot> table(FxRobot robot) {
        return robot.lookup("#instructions-table").queryAs(TableView.class);
    }

    private static TextArea area(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(TextArea.class);
    }

    /** A Refinement column's text as it reads now (words the edit removed, shown struck through, left out). */
    private static String newText(FxRobot robot, String column) {
        return robot.lookup("#text-" + column).queryAs(TextFlow.class).getChildren().stream()
                .map(n -> (Text) n)
                .filter(t -> !t.getStyleClass().contains("diff-removed"))
                .map(Text::getText)
                .collect(Collectors.joining());
    }
}
