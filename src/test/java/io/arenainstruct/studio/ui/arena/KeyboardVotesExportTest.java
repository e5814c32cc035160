package io.arenainstruct.studio.ui.arena;

import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javafx.scene.control.TabPane;
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
import org.testfx.util.WaitForAsyncUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.service.export.ExportFormat;
import io.arenainstruct.studio.service.export.ExportPlan;
import io.arenainstruct.studio.service.export.ExportSelect;
import io.arenainstruct.studio.service.export.SelectionRules;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.ui.UiHarness;
import io.arenainstruct.studio.ui.common.ReadOnlyText;
import io.arenainstruct.studio.ui.shell.Area;

/**
 * Verdicts typed in the Adjudicate tab are what exports take: two battles the judge gave to m1; the annotator, by
 * keys, gives the first to m2 with a reason and leaves the second. The preference rows then hold m2's answer as
 * chosen on the first (with the annotator and reason in the metadata) and m1's on the second.
 */
@ExtendWith(ApplicationExtension.class)
class KeyboardVotesExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private UiHarness ui;
    private List<Long> ids;

    @Start
    void start(Stage stage) {
        ui = new UiHarness(tmp.resolve("store"), false);
        ArenaFixture plant = new ArenaFixture(ui.workspace);
        ids = plant.battles(2);
        for (long id : ids) {
            plant.judged(
                    id,
                    "judge-x",
                    GradedLabel.A_BETTER,
                    GradedLabel.B_BETTER,
                    GradedLabel.A_BETTER,
                    BattleStatus.JUDGED,
                    false);
        }
        ui.show(stage);
        ui.window.select("seeds");
    }

    @AfterEach
    void tearDown() {
        ui.close();
    }

    private static void press(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        for (int i = keys.length - 1; i >= 0; i--) {
            robot.release(keys[i]);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String text(FxRobot robot, String id) {
        return ((ReadOnlyText) robot.lookup(id).queryAs(TextArea.class).getParent()).getText();
    }

    @Test
    void aVoteTypedInAdjudicateDecidesTheExportedPair(FxRobot robot) throws Exception {
        List<Area> areas = Area.registered();
        int index = 0;
        while (!areas.get(index).id().equals("arena")) {
            index++;
        }
        press(robot, KeyCode.CONTROL, KeyCode.valueOf("DIGIT" + (index + 1)));
        waitUntil(() -> "arena".equals(ui.window.currentAreaId()));
        TabPane tabs = robot.lookup("#arena-tabs").queryAs(TabPane.class);
        robot.clickOn("#arena-tab-adjudicate");
        waitUntil(() -> tabs.getSelectionModel().getSelectedItem().getText().equals("Adjudicate"));
        waitUntil(() -> robot.lookup("#adjudicate-name").query().isFocused());
        robot.write("Dana");
        press(robot, KeyCode.ENTER);

        // Prompt 1: vote for m2's answer, whichever side it is shown on (1: left better, 2: right better)
        waitUntil(() -> text(robot, "#adjudicate-instruction").equals("Prompt 1"));
        waitUntil(() -> robot.lookup("#adjudicate-battle").query().isFocused());
        boolean m2Left = text(robot, "#adjudicate-left").startsWith("m2 ");
        press(robot, m2Left ? KeyCode.DIGIT1 : KeyCode.DIGIT2);
        waitUntil(() -> robot.lookup("#adjudicate-reason-box").query().isVisible());
        press(robot, KeyCode.F);
        waitUntil(() -> ui.workspace
                .adjudication()
                .myVote(ids.get(0), "Dana")
                .map(v -> v.reason() != null)
                .orElse(false));

        ExportPlan plan = ui.workspace
                .exports()
                .plan(SelectionRules.of(ExportSelect.DPO), ExportFormat.DPO, null, Cancellation.NEVER);
        Path out = tmp.resolve("pairs.jsonl");
        assertThat(ui.workspace.exports().write(plan, out, true, false, Cancellation.NEVER))
                .isEqualTo(2);
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.get("chosen").asText()).isEqualTo("m2 answers Prompt 1");
        assertThat(first.get("rejected").asText()).isEqualTo("m1 answers Prompt 1");
        JsonNode person = first.get("metadata").get("people").get(0);
        assertThat(person.get("annotator").asText()).isEqualTo("Dana");
        assertThat(person.get("override_reason").asText()).isEqualTo("wrong-fact");
        assertThat(first.get("metadata").get("decided_by").asText()).isEqualTo("people");
        JsonNode second = JSON.readTree(lines.get(1));
        assertThat(second.get("chosen").asText()).isEqualTo("m1 answers Prompt 2");
        assertThat(second.get("metadata").get("decided_by").asText()).isEqualTo("judge");
    }
}
