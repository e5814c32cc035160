package io.arenainstruct.studio.ui;

import static io.arenainstruct.studio.ui.UiHarness.fx;
import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.InstructionSelection;
import io.arenainstruct.studio.domain.flow.PromptVersion;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.service.arena.JudgeTrials.BattleChoice;
import io.arenainstruct.studio.service.arena.PairingStrategy;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.run.RunFixture;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.ArenaRepository.Item;
import io.arenainstruct.studio.store.ArenaRepository.ItemResponse;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.JudgeReplies;

/**
 * The arena judges in Agents & Prompts, driven by keys: a judge chosen in the tree, a prompt without an answer
 * refused with its reason, an edit saved as a version, tried on a battle in two games against an in-test judge that
 * always prefers the answer shown first (a position bias the combined verdict flags), and reverted.
 */
@ExtendWith(ApplicationExtension.class)
class JudgePromptsAreaTest {
    @TempDir
    Path tmp;

    private FakeModelServer server;
    private UiHarness ui;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        server = FakeModelServer.start().replyWith(JudgeReplies.always("Both are fine; the first is clearer. [[A>B]]"));
        ui = new UiHarness(
                tmp.resolve("store"),
                false,
                new KeyResolver(tmp.resolve("secrets.properties"), n -> null),
                RunFixture.QUICK_RETRIES);
        RunFixture.install(ui.workspace, server.openAiBaseUrl(), 0, 2);
        ArenaRepository arena = new ArenaRepository(WorkspaceRepositories.store(ui.workspace));
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            items.add(new Item(
                    ArenaInstruction.of(List.of(), "Write a folk tune about river " + i, "Music", null),
                    null,
                    List.of(
                            new ItemResponse("gpt-4-0314", "<b>TUNE-A-" + i + "</b>", null),
                            new ItemResponse("gpt-3.5-turbo-0125", "TUNE-B-" + i, null))));
        }
        arena.add("tunes", "prompts", items);
        ui.workspace
                .battles()
                .create(PairingStrategy.parse("baseline:gpt-4-0314"), InstructionSelection.all(), List.of());
        ui.show(stage);
        // The smallest window the app is laid out for.
        stage.setWidth(1024);
        stage.setHeight(700);
    }

    @AfterEach
    void tearDown() {
        ui.close();
        server.close();
    }

    @Test
    void aJudgeIsEditedRefusedSavedTriedOnABattleInTwoGamesAndRevertedByKeys(FxRobot robot) throws Exception {
        fx(() -> ui.window.select("prompts"));
        waitUntil(() -> tree(robot).getRoot() != null
                && tree(robot).getRoot().getChildren().stream()
                        .anyMatch(i -> i.getValue().toString().equals("Arena judges")));
        // The judges are the tree's last group: End goes to the last judge, Up to the one before.
        shortcut(robot, KeyCode.L);
        waitUntil(() -> tree(robot).isFocused());
        robot.type(KeyCode.END);
        waitUntil(() -> label(robot, "#judge-title").getText().equals("Score judge · version 1"));
        robot.type(KeyCode.UP);
        waitUntil(() -> label(robot, "#judge-title").getText().equals("Graded judge · version 1"));
        assertThat(label(robot, "#judge-style").getText()).startsWith("graded: one label of [[A>>B]]");
        assertThat(label(robot, "#judge-reference").getText()).startsWith("sees the instruction's reference answer");
        assertThat(variables(robot).getItems())
                .containsExactly("question", "answer_a", "answer_b", "reference", "reference_block", "category");
        assertThat(robot.lookup("#judge-pane").query().isVisible()).isTrue();
        assertThat(robot.lookup("#prompt-history").tryQuery())
                .as("the agents' versions and Try give the judge their room")
                .isEmpty();

        // A user message without the second answer is refused, its reason on the form; Ctrl+S saves nothing.
        String user = area(robot, "#judge-user").getText();
        fx(() -> area(robot, "#judge-user").setText(user.replace("{{answer_b}}", "")));
        waitUntil(() -> label(robot, "#judge-problems").getText().equals("the prompt must show {{answer_b}}"));
        assertThat(button(robot, "#judge-save").isDisabled()).isTrue();
        fx(() -> area(robot, "#judge-user").requestFocus());
        shortcut(robot, KeyCode.S);
        assertThat(ui.workspace.arena().judges().history("graded")).hasSize(1);

        // Put it back with a new line typed at the end, then save with a note.
        fx(() -> {
            area(robot, "#judge-user").setText(user);
            area(robot, "#judge-user").end();
        });
        robot.write("Judge fairly.");
        waitUntil(() -> label(robot, "#judge-problems").getText().isEmpty()
                && !button(robot, "#judge-save").isDisabled());
        fx(() -> robot.lookup("#judge-note").queryAs(TextField.class).requestFocus());
        robot.write("fairness");
        shortcut(robot, KeyCode.S);
        waitUntil(() -> label(robot, "#judge-title").getText().equals("Graded judge · version 2"));
        List<PromptVersion> stored = ui.workspace.arena().judges().history("graded");
        assertThat(stored).hasSize(2);
        assertThat(stored.get(1).prompt().user()).endsWith("Judge fairly.");
        assertThat(stored.get(1).note()).isEqualTo("fairness");

        // Try on the first battle (chosen already) against the in-test judge, both games, by Ctrl+Enter.
        waitUntil(() -> battles(robot).getSelectionModel().getSelectedIndex() == 0);
        assertThat(battles(robot).getItems().get(0).name())
                .isEqualTo("Write a folk tune about river 0 — gpt-4-0314 vs gpt-3.5-turbo-0125");
        assertThat(label(robot, "#judge-battle-page").getText()).isEqualTo("Battles 1–3 of 3");
        fx(() -> endpoint(robot)
                .setValue(endpoint(robot).getItems().stream()
                        .filter(e -> e.name().equals("local"))
                        .findFirst()
                        .orElseThrow()));
        fx(() -> area(robot, "#judge-system").requestFocus());
        shortcut(robot, KeyCode.ENTER);
        waitUntil(() -> label(robot, "#judge-combined").getText().startsWith("Combined"));
        assertThat(label(robot, "#judge-combined").getText())
                .isEqualTo("Combined: A=B, a tie · the games contradict each other once un-swapped (position bias):"
                        + " counted as a tie");
        assertThat(label(robot, "#judge-game1-verdict").getText()).isEqualTo("[[A>B]] → A>B: gpt-4-0314 is better");
        assertThat(label(robot, "#judge-game2-verdict").getText())
                .isEqualTo("[[A>B]] (the judge saw gpt-3.5-turbo-0125 as A) → B>A: gpt-3.5-turbo-0125 is better");
        assertThat(server.chatRequests()).hasSize(2);
        assertThat(area(robot, "#judge-game1-request").getText())
                .as("the answer's markup is shown as text, and the request is the edited prompt's")
                .contains("<b>TUNE-A-0</b>")
                .contains("Judge fairly.");
        assertThat(area(robot, "#judge-game1-reply").getText())
                .as("an OpenAI-compatible endpoint is asked for the verdict's JSON")
                .isEqualTo("{\"judgment\":\"Both are fine; the first is clearer. [[A>B]]\",\"verdict\":\"A>B\"}");
        assertThat(ui.workspace.arena().judges().history("graded"))
                .as("trying saves nothing")
                .hasSize(2);
        snapshot("1024x700-prompts-judge-tried");

        // Revert to version 1: Ctrl+Shift+H to the versions,
        // Home to the first, Ctrl+Shift+R (confirmed).
        shortcut(robot, KeyCode.L);
        waitUntil(() -> tree(robot).isFocused());
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.H).release(KeyCode.H, KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil(() -> history(robot).isFocused());
        robot.type(KeyCode.HOME);
        waitUntil(() -> history(robot).getSelectionModel().getSelectedIndex() == 0);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.R).release(KeyCode.R, KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil(() -> label(robot, "#judge-title").getText().equals("Graded judge · version 3"));
        stored = ui.workspace.arena().judges().history("graded");
        assertThat(stored.get(2).prompt()).isEqualTo(stored.get(0).prompt());
        assertThat(area(robot, "#judge-user").getText()).isEqualTo(user);
        assertThat(ui.dialogs.confirms).hasSize(1);
        assertThat(ui.dialogs.errors).isEmpty();
        assertFits(robot, "#judge-try");
        assertFits(robot, "#judge-save");
    }

    /** At 1024 x 700 the control is inside the window's width, not squeezed away. */
    private void assertFits(FxRobot robot, String query) {
        Node n = robot.lookup(query).query();
        Bounds b = n.localToScene(n.getLayoutBounds());
        assertThat(stage.getScene().getWidth()).isLessThanOrEqualTo(1024);
        assertThat(b.getMinX()).as(query).isGreaterThanOrEqualTo(0);
        assertThat(b.getMaxX()).as(query).isLessThanOrEqualTo(stage.getScene().getWidth());
        assertThat(b.getWidth()).as(query + " keeps its width").isGreaterThan(20);
    }

    /** Writes the window as target/layout/NAME.png, for a person to look at. */
    private void snapshot(String name) {
        WritableImage[] image = new WritableImage[1];
        fx(() -> image[0] = stage.getScene().snapshot(null));
        int w = (int) image[0].getWidth();
        int h = (int) image[0].getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image[0].getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        try {
            Path dir = Files.createDirectories(Path.of("target", "layout"));
            ImageIO.write(out, "png", dir.resolve(name + ".png").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void shortcut(FxRobot robot, KeyCode key) {
        robot.press(KeyCode.CONTROL, key).release(key, KeyCode.CONTROL);
    }

    @SuppressWarnings("unchecked")
    private static TreeView<Object> tree(FxRobot robot) {
        return robot.lookup("#prompts-tree").queryAs(TreeView.class);
    }

    private static Label label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class);
    }

    private static TextArea area(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(TextArea.class);
    }

    private static Button button(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Button.class);
    }

    @SuppressWarnings("unchecked")
    private static ListView<String> variables(FxRobot robot) {
        return robot.lookup("#judge-variables").queryAs(ListView.class);
    }

    @SuppressWarnings("unchecked")
    private static ListView<PromptVersion> history(FxRobot robot) {
        return robot.lookup("#judge-history").queryAs(ListView.class);
    }

    @SuppressWarnings("unchecked")
    private static ListView<BattleChoice> battles(FxRobot robot) {
        return robot.lookup("#judge-battles").queryAs(ListView.class);
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<Endpoint> endpoint(FxRobot robot) {
        return robot.lookup("#judge-endpoint").queryAs(ComboBox.class);
    }
}
