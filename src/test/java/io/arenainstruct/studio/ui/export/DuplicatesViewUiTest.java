package io.arenainstruct.studio.ui.export;

import static io.arenainstruct.studio.service.curation.CurationFixture.POEM_AGAIN;
import static io.arenainstruct.studio.service.curation.CurationFixture.QUESTIONS;
import static io.arenainstruct.studio.ui.UiHarness.fx;
import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
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

import io.arenainstruct.studio.service.curation.CurationFixture;
import io.arenainstruct.studio.service.task.BackgroundExecutor;
import io.arenainstruct.studio.service.workspace.TemporaryUserData;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.Theme;
import io.arenainstruct.studio.ui.export.DuplicatesViewModel.Role;
import io.arenainstruct.studio.ui.export.DuplicatesViewModel.Row;
import io.arenainstruct.studio.ui.task.TaskMonitor;

/**
 * The Duplicates pane on a real store (CurationFixture's prompts, the Arena-Hard sample stored as a set), computed
 * on background threads, driven by keys pressed on the focused node.
 */
@ExtendWith(ApplicationExtension.class)
class DuplicatesViewUiTest {
    @TempDir
    Path tmp;

    @RegisterExtension
    final TemporaryUserData userData = new TemporaryUserData();

    private final FakeDialogService dialogs = new FakeDialogService();
    private final BackgroundExecutor executor = new BackgroundExecutor("duplicates-test");
    private Workspace ws;
    private DuplicatesView view;

    @Start
    void start(Stage stage) throws Exception {
        ws = Workspace.open(tmp.resolve("store"));
        CurationFixture.plant(ws, tmp);
        ws.referenceSets().importFile(QUESTIONS, "arena-hard");
        Theme.apply(false);
        AppContext context = new AppContext(ws, executor.executor(), new TaskMonitor(executor.executor()), dialogs);
        context.preferences().annotator().set("ana");
        view = DuplicatesView.create(context);
        Scene scene = new Scene((Parent) view.node(), 1000, 640);
        Theme.style(scene);
        // the area's shortcuts, handled as the shell handles them
        Map<KeyCombination, Runnable> keys = view.shortcuts();
        scene.addEventHandler(
                KeyEvent.KEY_PRESSED,
                e -> keys.forEach((k, action) -> {
                    if (!e.isConsumed() && k.match(e)) {
                        action.run();
                        e.consume();
                    }
                }));
        stage.setScene(scene);
        stage.show();
        view.model().refresh();
        view.focus();
    }

    @AfterEach
    void tearDown() {
        fx(view.model()::close);
        executor.close();
        ws.close();
    }

    private static void press(FxRobot robot, KeyCode key) {
        robot.press(key);
        robot.release(key);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Row selected() {
        return view.model().selected().get();
    }

    @Test
    void kKeepsTheSelectedDroppedItemBackAndARecomputationStillKeepsIt(FxRobot robot) throws Exception {
        DuplicatesViewModel model = view.model();
        waitUntil(() -> !model.computing().get() && model.rows().size() == 3);
        TableView<?> table = robot.lookup("#duplicates-table").queryAs(TableView.class);
        Button keep = robot.lookup("#duplicates-keep").queryAs(Button.class);
        assertThat(keep.getTooltip().getText()).contains("(K)");
        assertThat(keep.isDisabled()).isTrue();
        assertThat(table.isFocused()).isTrue();

        // the first row is the cluster's kept item, the second its dropped copy
        press(robot, KeyCode.HOME);
        press(robot, KeyCode.DOWN);

        assertThat(selected().item().id()).isEqualTo(POEM_AGAIN);
        assertThat(selected().role()).isEqualTo(Role.DROPPED);
        assertThat(keep.isDisabled()).isFalse();

        press(robot, KeyCode.K);

        waitUntil(() -> !model.computing().get()
                && !model.writing().get()
                && selected() != null
                && selected().role() == Role.KEPT_BACK);
        assertThat(selected().item().id()).isEqualTo(POEM_AGAIN);
        assertThat(selected().reason()).startsWith("kept by ana; would be dropped: same text after normalisation");
        assertThat(table.getSelectionModel().getSelectedItem()).isSameAs(selected());
        assertThat(robot.lookup(".duplicate-kept-back").queryAll()).isNotEmpty();
        assertThat(ws.keepDecisions().list()).hasSize(1);

        // F5 computes again from the store: the kept item stays kept
        press(robot, KeyCode.F5);
        waitUntil(() -> !model.computing().get());
        assertThat(model.report().get().kept()).extracting(i -> i.id()).contains(POEM_AGAIN);
        assertThat(model.rows())
                .filteredOn(r -> r.item().id() == POEM_AGAIN)
                .extracting(Row::role)
                .containsExactly(Role.KEPT_BACK);

        // R releases it again
        press(robot, KeyCode.R);
        waitUntil(() -> !model.computing().get()
                && !model.writing().get()
                && selected() != null
                && selected().role() == Role.DROPPED);
        assertThat(ws.keepDecisions().list()).isEmpty();
    }

    @Test
    void deleteOnTheReferenceSetsRemovesTheSelectedSetAfterAConfirmation(FxRobot robot) throws Exception {
        DuplicatesViewModel model = view.model();
        waitUntil(() -> !model.computing().get() && model.referenceSets().size() == 1);
        TableView<?> sets = robot.lookup("#reference-sets").queryAs(TableView.class);
        fx(sets::requestFocus);
        press(robot, KeyCode.HOME);
        assertThat(model.selectedSet().get().name()).isEqualTo("arena-hard");

        press(robot, KeyCode.DELETE);

        assertThat(dialogs.confirms)
                .singleElement()
                .asString()
                .startsWith("Remove reference set: Remove the" + " reference set \u201carena-hard\u201d (40 prompts)?");
        waitUntil(() -> !model.computing().get()
                && !model.writing().get()
                && model.referenceSets().isEmpty());
        assertThat(model.report().get().contaminated()).isEmpty();
        assertThat(ws.referenceSets().list()).isEmpty();
    }
}
