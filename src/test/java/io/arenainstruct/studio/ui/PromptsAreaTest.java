package io.arenainstruct.studio.ui;

import static io.arenainstruct.studio.ui.UiHarness.fx;
import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.flow.Flow;
import io.arenainstruct.studio.domain.flow.PromptVersion;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.flow.FlowProblem;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.llm.RetryPolicy;
import io.arenainstruct.studio.service.run.RunFixture;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.SchemaReplies;

/** The Agents & Prompts area on the test skill of {@link RunFixture}, against a {@link FakeModelServer}. */
@ExtendWith(ApplicationExtension.class)
class PromptsAreaTest {
    private static final RetryPolicy QUICK = RunFixture.QUICK_RETRIES;

    @TempDir
    Path tmp;

    private FakeModelServer server;
    private UiHarness ui;

    @Start
    void start(Stage stage) {
        server = FakeModelServer.start().replyWith(SchemaReplies.fill());
        ui = new UiHarness(
                tmp.resolve("store"), false, new KeyResolver(tmp.resolve("secrets.properties"), n -> null), QUICK);
        RunFixture.install(ui.workspace, server.openAiBaseUrl(), 2, 4);
        ui.show(stage);
    }

    @AfterEach
    void tearDown() {
        ui.close();
        server.close();
    }

    @Test
    void anUnknownVariableBlocksSavingAndSavedVersionsCanBeComparedAndReverted(FxRobot robot) throws Exception {
        openAgent(robot, "reviser");
        assertThat(label(robot, "#agent-role").getText()).isEqualTo("editor");
        String original = area(robot, "#user-message").getText();
        assertThat(original).startsWith("Revise {{instruction}}");
        assertThat(variables(robot).getItems()).contains("instruction", "suggestions", "round", "seed");

        fx(() -> area(robot, "#user-message").appendText(" Mind the {{nonsense}}."));
        waitUntil(() -> label(robot, "#prompt-problems").getText().contains("unknown variable {{nonsense}}"));
        assertThat(button(robot, "#save-prompt").isDisabled()).isTrue();
        assertThat(texts(robot, "#user-message-preview")).anySatisfy(t -> {
            assertThat(t.getText()).isEqualTo("{{nonsense}}");
            assertThat(t.getStyleClass()).contains("template-variable-unknown");
        });
        // the marked copy says what it is, so it is not read as a second prompt
        assertThat(label(robot, "#user-message-preview-caption").getText())
                .startsWith("Read-only copy, variables marked");
        assertThat(label(robot, "#user-message-preview-caption").getLabelFor())
                .isSameAs(robot.lookup("#user-message-preview").query());
        assertThat(texts(robot, "#user-message-preview")).anySatisfy(t -> {
            assertThat(t.getText()).isEqualTo("{{instruction}}");
            assertThat(t.getStyleClass()).contains("template-variable").doesNotContain("template-variable-unknown");
        });
        // Ctrl+S does nothing while there are problems.
        shortcut(robot, KeyCode.S);
        assertThat(ui.workspace.flows().history(RunFixture.SKILL, "reviser")).hasSize(1);

        // Fix it: a known variable inserted from the list, and plain words.
        fx(() -> {
            TextArea user = area(robot, "#user-message");
            user.setText(original.strip() + " Keep it short and clear for ");
            user.requestFocus();
            user.end();
        });
        shortcut(robot, KeyCode.I); // to the variables
        waitUntil(() -> variables(robot).isFocused());
        fx(() -> variables(robot).getSelectionModel().select("seed_name"));
        robot.type(KeyCode.ENTER);
        waitUntil(() -> area(robot, "#user-message").getText().endsWith("clear for {{seed_name}}"));
        waitUntil(() -> label(robot, "#prompt-problems").getText().isEmpty()
                && !button(robot, "#save-prompt").isDisabled());
        fx(() -> robot.lookup("#version-note").queryAs(TextField.class).setText("shorter"));
        shortcut(robot, KeyCode.S);
        waitUntil(() -> history(robot).getItems().size() == 2);
        waitUntil(() -> label(robot, "#agent-title").getText().endsWith("version 2"));
        List<PromptVersion> stored = ui.workspace.flows().history(RunFixture.SKILL, "reviser");
        assertThat(stored).hasSize(2);
        assertThat(stored.get(1).prompt().user()).endsWith("Keep it short and clear for {{seed_name}}");
        assertThat(stored.get(1).note()).isEqualTo("shorter");
        assertThat(button(robot, "#save-prompt").isDisabled())
                .as("nothing left to save")
                .isTrue();

        // Versions 1 and 2 side by side: the added words are marked.
        fx(() -> history(robot).getSelectionModel().selectIndices(0, 1));
        waitUntil(() -> label(robot, "#diff-title").getText().startsWith("Changes from version 1 to version 2"));
        assertThat(texts(robot, "#version-diff")).anySatisfy(t -> {
            assertThat(t.getStyleClass()).contains("diff-added");
            assertThat(t.getText()).contains("Keep it short and clear for {{seed_name}}");
        });
        assertThat(texts(robot, "#version-diff"))
                .as("only the final line break went")
                .noneMatch(t -> t.getStyleClass().contains("diff-removed")
                        && !t.getText().isBlank());

        // Revert to version 1 (confirmed): version 3 has version 1's text.
        fx(() -> {
            history(robot).getSelectionModel().clearSelection();
            history(robot).getSelectionModel().select(0);
        });
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.R).release(KeyCode.R, KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil(() -> history(robot).getItems().size() == 3);
        stored = ui.workspace.flows().history(RunFixture.SKILL, "reviser");
        assertThat(stored).hasSize(3);
        assertThat(stored.get(2).prompt()).isEqualTo(stored.get(0).prompt());
        waitUntil(() -> area(robot, "#user-message").getText().equals(original));
        assertThat(label(robot, "#agent-title").getText()).endsWith("version 3");
    }

    @Test
    void tryOnASeedWithTheDryRunShowsTheRenderedSeedAndTheUnsavedEdit(FxRobot robot) throws Exception {
        openAgent(robot, "asker");
        fx(() -> area(robot, "#user-message").appendText(" UNSAVED-MARK"));
        waitUntil(() -> !seedBox(robot).getItems().isEmpty());
        fx(() -> {
            seedBox(robot)
                    .setValue(seedBox(robot).getItems().stream()
                            .filter(s -> s.name().equals("seed-1.txt"))
                            .findFirst()
                            .orElseThrow());
            endpointBox(robot)
                    .setValue(endpointBox(robot).getItems().stream()
                            .filter(e -> e.provider() == Provider.DRY_RUN)
                            .findFirst()
                            .orElseThrow());
        });
        shortcut(robot, KeyCode.ENTER);
        waitUntil(() -> label(robot, "#trial-status").getText().startsWith("Dry run"));
        assertThat(area(robot, "#trial-messages").getText())
                .contains("Seed number 1 tells of rivers")
                .contains("UNSAVED-MARK")
                .contains("System prompt");
        assertThat(area(robot, "#trial-output").getText())
                .contains("DRY RUN")
                .contains("Seed number 1 tells of rivers");
        assertThat(server.chatRequests()).isEmpty();
        assertThat(ui.workspace.flows().history(RunFixture.SKILL, "asker"))
                .as("trying saves nothing")
                .hasSize(1);
    }

    @Test
    void tryOnASeedAgainstTheModelServerStreamsTheReply(FxRobot robot) throws Exception {
        openAgent(robot, "solver");
        waitUntil(
                () -> !seedBox(robot).getItems().isEmpty() && endpointBox(robot).getValue() != null);
        fx(() -> endpointBox(robot)
                .setValue(endpointBox(robot).getItems().stream()
                        .filter(e -> e.name().equals("local"))
                        .findFirst()
                        .orElseThrow()));
        robot.clickOn("#try-on-seed");
        waitUntil(() -> label(robot, "#trial-status").getText().startsWith("Done"));
        assertThat(area(robot, "#trial-output").getText()).contains("response for: Answer: (example instruction");
        assertThat(server.chatRequests()).hasSize(1);
        assertThat(server.lastRequest().lastUserMessage()).startsWith("Answer: (example instruction");
    }

    @Test
    void unsavedEditsAreKeptUnlessTheCuratorDiscardsThemAndSettingsAreSaved(FxRobot robot) throws Exception {
        openAgent(robot, "critic");
        fx(() -> area(robot, "#system-prompt").appendText(" Be kind."));
        ui.dialogs.confirmAnswer = false; // "Discard changes?" → no
        fx(() -> tree(robot).getSelectionModel().select(find(tree(robot).getRoot(), "solver")));
        waitUntil(() -> label(robot, "#agent-title").getText().startsWith("critic"));
        assertThat(area(robot, "#system-prompt").getText()).endsWith(" Be kind.");
        assertThat(tree(robot).getSelectionModel().getSelectedItem().getValue().toString())
                .startsWith("critic (");

        ui.dialogs.confirmAnswer = true; // now discard them
        fx(() -> tree(robot).getSelectionModel().select(find(tree(robot).getRoot(), "solver")));
        waitUntil(() -> label(robot, "#agent-title").getText().startsWith("solver · version 1"));
        assertThat(ui.workspace.flows().history(RunFixture.SKILL, "critic")).hasSize(1);

        // Settings: a bad temperature is a problem; good ones are saved with Ctrl+S (no new prompt version).
        fx(() -> robot.lookup("#agent-temperature").queryAs(TextField.class).setText("9"));
        waitUntil(() -> label(robot, "#prompt-problems").getText().startsWith("Temperature:"));
        assertThat(button(robot, "#save-prompt").isDisabled()).isTrue();
        fx(() -> {
            robot.lookup("#agent-temperature").queryAs(TextField.class).setText("0.3");
            robot.lookup("#agent-max-tokens").queryAs(TextField.class).setText("700");
            @SuppressWarnings("unchecked")
            ComboBox<String> endpoint = robot.lookup("#agent-endpoint").queryAs(ComboBox.class);
            endpoint.setValue("local");
        });
        waitUntil(() -> !button(robot, "#save-prompt").isDisabled());
        shortcut(robot, KeyCode.S);
        waitUntil(() -> {
            var solver = ui.workspace
                    .flows()
                    .find(RunFixture.SKILL)
                    .orElseThrow()
                    .agent("solver")
                    .orElseThrow();
            return "local".equals(solver.endpoint())
                    && Double.valueOf(0.3).equals(solver.temperature())
                    && Integer.valueOf(700).equals(solver.maxTokens());
        });
        assertThat(ui.workspace.flows().history(RunFixture.SKILL, "solver")).hasSize(1);
        waitUntil(() -> button(robot, "#save-prompt").isDisabled());
    }

    @Test
    void aFlowsRoundsAndGoalsAreEditedOnItsRefinementStage(FxRobot robot) throws Exception {
        fx(() -> ui.window.select("prompts"));
        waitUntil(() -> tree(robot).getRoot() != null
                && !tree(robot).getRoot().getChildren().isEmpty());
        fx(() -> {
            TreeItem<Object> skill = tree(robot).getRoot().getChildren().stream()
                    .filter(i -> i.getValue().toString().equals("Test skill"))
                    .findFirst()
                    .orElseThrow();
            skill.setExpanded(true);
            tree(robot)
                    .getSelectionModel()
                    .select(skill.getChildren().stream()
                            .filter(i -> i.getValue().toString().startsWith("Refinement"))
                            .findFirst()
                            .orElseThrow());
        });
        waitUntil(() -> robot.lookup("#flow-refinement-form").query().isVisible());
        assertThat(label(robot, "#refinement-settings-title").getText()).isEqualTo("Refinement · Test skill");
        assertThat(area(robot, "#flow-goals").getText()).isEqualTo("make it harder\nmake it longer");
        @SuppressWarnings("unchecked")
        Spinner<Integer> rounds = robot.lookup("#flow-rounds").queryAs(Spinner.class);
        assertThat(rounds.getValue()).isEqualTo(2);

        fx(() -> area(robot, "#flow-goals").setText("  \n"));
        shortcut(robot, KeyCode.S);
        waitUntil(() -> label(robot, "#flow-refinement-problem").getText().contains("at least one goal"));
        assertThat(ui.workspace.flows().find(RunFixture.SKILL).orElseThrow().goals())
                .hasSize(2);

        fx(() -> {
            rounds.getValueFactory().setValue(3);
            area(robot, "#flow-goals").setText("make it harder\nadd a constraint\nask for a table");
        });
        shortcut(robot, KeyCode.S);
        waitUntil(
                () -> ui.workspace.flows().find(RunFixture.SKILL).orElseThrow().rounds() == 3);
        assertThat(ui.workspace.flows().find(RunFixture.SKILL).orElseThrow().goals())
                .containsExactly("make it harder", "add a constraint", "ask for a table");
        waitUntil(() -> label(robot, "#flow-refinement-problem").getText().isEmpty()
                && tree(robot).getSelectionModel().getSelectedItem() != null
                && tree(robot)
                        .getSelectionModel()
                        .getSelectedItem()
                        .getValue()
                        .toString()
                        .equals("Refinement (3 rounds)"));
        // Choosing an agent brings the prompt editor back.
        openAgent(robot, "critic");
        assertThat(robot.lookup("#flow-refinement-form").query().isVisible()).isFalse();
    }

    @Test
    void aSkillsWholeFlowIsEditedAsAFileWithProblemsByLine(FxRobot robot) throws Exception {
        fx(() -> ui.window.select("prompts"));
        waitUntil(() -> tree(robot).getRoot() != null
                && !tree(robot).getRoot().getChildren().isEmpty());
        fx(() -> tree(robot)
                .getSelectionModel()
                .select(tree(robot).getRoot().getChildren().stream()
                        .filter(i -> i.getValue().toString().equals("Test skill"))
                        .findFirst()
                        .orElseThrow()));
        waitUntil(() -> robot.lookup("#flow-file-pane").query().isVisible()
                && area(robot, "#flow-file-text").getText().contains("skill: test-skill"));
        assertThat(label(robot, "#flow-file-title").getText()).isEqualTo("Flow file · Test skill");
        String saved = area(robot, "#flow-file-text").getText();
        assertThat(saved).isEqualTo(ui.workspace.flows().text(RunFixture.SKILL).orElseThrow());
        assertThat(button(robot, "#flow-file-save").isDisabled())
                .as("nothing to save yet")
                .isTrue();
        assertThat(robot.lookup("#try-on-seed").tryQuery())
                .as("an agent's panes make room for the file")
                .isEmpty();

        // A bad value is listed with its line; Enter on it puts the caret on that line; nothing can be saved.
        String bad = saved.replace("pick: random", "pick: sometimes");
        int pickLine = (int) saved.substring(0, saved.indexOf("pick: random"))
                        .chars()
                        .filter(c -> c == '\n')
                        .count()
                + 1;
        fx(() -> area(robot, "#flow-file-text").setText(bad));
        waitUntil(() -> problems(robot).getItems().size() == 1);
        assertThat(problems(robot).getItems().get(0).line()).isEqualTo(pickLine);
        assertThat(problems(robot).getItems().get(0).message()).contains("not 'sometimes'");
        assertThat(button(robot, "#flow-file-save").isDisabled()).isTrue();
        shortcut(robot, KeyCode.S);
        fx(() -> {
            problems(robot).requestFocus();
            problems(robot).getSelectionModel().select(0);
        });
        robot.type(KeyCode.ENTER);
        waitUntil(() -> area(robot, "#flow-file-text").isFocused()
                && bad.substring(area(robot, "#flow-file-text").getCaretPosition())
                        .startsWith("  pick: sometimes"));
        assertThat(ui.workspace.flows().find(RunFixture.SKILL).orElseThrow().pick())
                .isEqualTo(Flow.Pick.RANDOM);

        // Leaving with unsaved edits asks first.
        ui.dialogs.confirmAnswer = false;
        fx(() -> tree(robot).getSelectionModel().select(find(tree(robot).getRoot(), "solver")));
        assertThat(robot.lookup("#flow-file-pane").query().isVisible()).isTrue();
        assertThat(area(robot, "#flow-file-text").getText()).isEqualTo(bad);

        // Fixed: every transformer runs, and the generator asks differently; Ctrl+S saves it as the flow.
        fx(() -> area(robot, "#flow-file-text")
                .setText(saved.replace("pick: random", "pick: all").replace("Ask about (", "Ask carefully about (")));
        waitUntil(() -> problems(robot).getItems().isEmpty()
                && !button(robot, "#flow-file-save").isDisabled());
        shortcut(robot, KeyCode.S);
        waitUntil(() -> label(robot, "#flow-file-status").getText().startsWith("Saved the flow of test-skill: 1 new"));
        var flow = ui.workspace.flows().find(RunFixture.SKILL).orElseThrow();
        assertThat(flow.pick()).isEqualTo(Flow.Pick.ALL);
        assertThat(flow.agent("asker").orElseThrow().prompt().user()).startsWith("Ask carefully about (");
        assertThat(ui.workspace.flows().history(RunFixture.SKILL, "asker"))
                .last()
                .satisfies(v -> assertThat(v.note()).isEqualTo("edited as a file in the app"));
        waitUntil(() -> button(robot, "#flow-file-save").isDisabled());

        // Another skill's flow cannot be written here; Discard edits goes back to what is saved.
        String now = area(robot, "#flow-file-text").getText();
        fx(() -> area(robot, "#flow-file-text").setText(now.replace("skill: test-skill", "skill: coding")));
        waitUntil(() -> problems(robot).getItems().size() == 1
                && problems(robot).getItems().get(0).message().startsWith("this is the flow of test-skill"));
        robot.clickOn("#flow-file-discard");
        waitUntil(() -> area(robot, "#flow-file-text").getText().equals(now)
                && problems(robot).getItems().isEmpty());

        // A category the taxonomy lacks can be saved (the taxonomy may be edited next), but it is pointed out.
        assertThat(now).contains("- Weightless");
        fx(() -> area(robot, "#flow-file-text").setText(now.replace("- Weightless", "- Nowhere")));
        waitUntil(() -> label(robot, "#flow-file-taxonomy-warning").getText().contains("category 'Nowhere'")
                && !button(robot, "#flow-file-save").isDisabled());
        robot.clickOn("#flow-file-discard");
        waitUntil(() -> label(robot, "#flow-file-taxonomy-warning").getText().isEmpty());

        // The agent editor shows the new prompt version.
        openAgent(robot, "asker");
        assertThat(area(robot, "#user-message").getText()).startsWith("Ask carefully about (");
        assertThat(robot.lookup("#flow-file-pane").query().isVisible()).isFalse();
        assertThat(robot.lookup("#try-on-seed").tryQuery())
                .as("Versions and Try are back")
                .isPresent();
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Opens the area with its Ctrl+N shortcut and selects the agent of the test skill. */
    @Test
    void aBrokenVariableTypedInTheEditorIsAProblemWithLineAndColumnAndBlocksSaving(FxRobot robot) throws Exception {
        openAgent(robot, "reviser");
        // Focused directly, not clicked: after other UI tests in the same JVM the click's point could land on the
        // variables preview drawn over the editor, and the field never took the focus (seen running after
        // JudgePromptsAreaTest). What is tested is the typing below, key by key.
        fx(() -> area(robot, "#user-message").requestFocus());
        waitUntil(() -> area(robot, "#user-message").isFocused());
        robot.press(KeyCode.CONTROL, KeyCode.END).release(KeyCode.END, KeyCode.CONTROL);
        robot.type(KeyCode.ENTER);
        robot.write("Source: {{seed");
        String typed = area(robot, "#user-message").getText();
        int line = (int) typed.chars().filter(c -> c == '\n').count() + 1;
        waitUntil(() -> label(robot, "#prompt-problems")
                .getText()
                .contains("User message: line " + line + ", column 9: {{seed is not closed; write {{seed}}"));
        assertThat(button(robot, "#save-prompt").isDisabled()).isTrue();
        shortcut(robot, KeyCode.S);
        assertThat(ui.workspace.flows().history(RunFixture.SKILL, "reviser")).hasSize(1);

        robot.write("}} and {{ seed name }}");
        waitUntil(() -> label(robot, "#prompt-problems")
                .getText()
                .contains("User message: line " + line + ", column 22: {{ seed name }} is not a variable"));
        assertThat(label(robot, "#prompt-problems").getText()).doesNotContain("not closed");
        for (int i = 0; i < " and {{ seed name }}".length(); i++) {
            robot.type(KeyCode.BACK_SPACE);
        }
        waitUntil(() -> label(robot, "#prompt-problems").getText().isEmpty()
                && !button(robot, "#save-prompt").isDisabled());
    }

    private void openAgent(FxRobot robot, String agentId) throws Exception {
        fx(() -> ui.window.select("prompts"));
        waitUntil(() -> tree(robot).getRoot() != null
                && !tree(robot).getRoot().getChildren().isEmpty());
        fx(() -> {
            TreeItem<Object> item = find(tree(robot).getRoot(), agentId);
            tree(robot).getSelectionModel().select(item);
        });
        waitUntil(() -> label(robot, "#agent-title").getText().startsWith(agentId + " · version"));
    }

    private static TreeItem<Object> find(TreeItem<Object> item, String agentId) {
        Object v = item.getValue();
        if (v != null
                && v.toString().startsWith(agentId + " (")
                && item.getParent() != null
                && item.getParent().getParent() != null
                && item.getParent().getParent().getValue().toString().equals("Test skill")) {
            return item;
        }
        for (TreeItem<Object> child : item.getChildren()) {
            TreeItem<Object> found = find(child, agentId);
            if (found != null) {
                return found;
            }
        }
        return null;
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

    private static List<Text> texts(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(TextFlow.class).getChildren().stream()
                .filter(n -> n instanceof Text)
                .map(n -> (Text) n)
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static ListView<FlowProblem> problems(FxRobot robot) {
        return robot.lookup("#flow-file-problems").queryAs(ListView.class);
    }

    @SuppressWarnings("unchecked")
    private static ListView<String> variables(FxRobot robot) {
        return robot.lookup("#variables").queryAs(ListView.class);
    }

    @SuppressWarnings("unchecked")
    private static ListView<PromptVersion> history(FxRobot robot) {
        return robot.lookup("#prompt-history").queryAs(ListView.class);
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<Seed> seedBox(FxRobot robot) {
        return robot.lookup("#trial-seed").queryAs(ComboBox.class);
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<Endpoint> endpointBox(FxRobot robot) {
        return robot.lookup("#trial-endpoint").queryAs(ComboBox.class);
    }
}
