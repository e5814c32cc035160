package io.arenainstruct.studio.ui.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;

/** The Arena area's view model holds every tab's view model and closes each, whatever one of them does. */
class ArenaViewModelTest {
    @TempDir
    Path tmp;

    private final CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
    private final FakeDialogService dialogs = new FakeDialogService();
    private Workspace ws;

    @BeforeEach
    void open() {
        ws = Workspace.open(tmp.resolve("store"));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void closingTheAreaClosesEveryTabsViewModelInOrderEvenWhenOneThrows() {
        new ArenaFixture(ws).battles(1);
        BattlesViewModel battles = new BattlesViewModel(ws.battles(), tasks, dialogs);
        ArenaViewModel model = new ArenaViewModel(new DatasetsViewModel(ws.datasets(), tasks, dialogs), battles);
        List<String> closed = new ArrayList<>();
        String answers = model.add("answers", closed::add);
        model.add("judge", m -> {
            closed.add(m);
            throw new IllegalStateException("judge failed to close");
        });
        model.add("later", closed::add);
        assertThat(answers).isEqualTo("answers");
        assertThat(model.battles()).isSameAs(battles);

        assertThatThrownBy(model::close).hasMessage("judge failed to close");

        assertThat(closed).containsExactly("answers", "judge", "later");
        battles.firstPage();
        assertThat(battles.rows())
                .as("the battles tab reads nothing once closed")
                .isEmpty();
    }
}
