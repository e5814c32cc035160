package io.arenainstruct.studio.ui.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.NewSeed;
import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.SeedFilter;
import io.arenainstruct.studio.domain.SeedKind;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;

/** The Seeds view model's list, preview, edits with Undo and import, on a real store, without JavaFX running. */
class SeedsViewModelTest {
    @TempDir
    Path tmp;

    private final CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
    private final FakeDialogService dialogs = new FakeDialogService();
    private Workspace ws;
    private SeedsViewModel model;

    @BeforeEach
    void open() {
        ws = Workspace.open(tmp.resolve("store"));
        WorkspaceRepositories.seeds(ws)
                .insertNew(List.of(
                        NewSeed.of(
                                "rivers.txt",
                                "/s/rivers.txt",
                                SeedKind.TEXT,
                                "",
                                List.of("nature"),
                                "Rivers run to the sea."),
                        NewSeed.of(
                                "markets.txt",
                                "/s/markets.txt",
                                SeedKind.TEXT,
                                "",
                                List.of("town"),
                                "Markets open at dawn."),
                        NewSeed.of(
                                "bridges.txt",
                                "/s/bridges.txt",
                                SeedKind.TEXT,
                                "",
                                List.of("town", "nature"),
                                "Bridges cross rivers in town.")));
        model = new SeedsViewModel(ws.seedService(), tasks, dialogs);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private static List<String> names(List<Seed> seeds) {
        return seeds.stream().map(Seed::name).toList();
    }

    private Seed seed(String name) {
        return model.seeds().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theListFollowsTheSearchAndTheTagAndKnowsAllTags() {
        model.refresh();
        assertThat(names(model.seeds())).containsExactlyInAnyOrder("rivers.txt", "markets.txt", "bridges.txt");
        assertThat(model.tags()).containsExactlyInAnyOrder("nature", "town");
        assertThat(model.total().get()).isEqualTo(3);

        model.tagFilter().set("town");
        assertThat(names(model.seeds())).containsExactlyInAnyOrder("markets.txt", "bridges.txt");

        model.searchText().set("rivers");
        assertThat(names(model.seeds()))
                .as("typing alone does not search: the view waits for a pause")
                .hasSize(2);
        model.refresh();
        assertThat(names(model.seeds())).containsExactly("bridges.txt");
        assertThat(model.total().get()).as("the whole library").isEqualTo(3);
        assertThat(model.loading().get()).isFalse();
    }

    @Test
    void aListingForATagLeftBehindIsDropped() {
        tasks.hold();
        model.tagFilter().set("nature");
        model.tagFilter().set("town");
        tasks.runHeld(1, 0);

        assertThat(names(model.seeds())).containsExactlyInAnyOrder("markets.txt", "bridges.txt");
    }

    @Test
    void theSelectedSeedIsPreviewedAndOnlyTheLastSelectionCounts() {
        model.refresh();
        model.selected().set(seed("rivers.txt"));
        assertThat(model.preview().get()).isEqualTo("Rivers run to the sea.");

        tasks.hold();
        model.selected().set(seed("markets.txt"));
        model.selected().set(seed("bridges.txt"));
        tasks.runHeld(1, 0);
        assertThat(model.preview().get()).isEqualTo("Bridges cross rivers in town.");

        tasks.hold();
        model.selected().set(seed("rivers.txt"));
        model.selected().set(null);
        tasks.runHeld();
        assertThat(model.preview().get()).isEmpty();
    }

    @Test
    void deleteAndTagEditsAreStoredAndUndone() {
        model.refresh();
        Seed markets = seed("markets.txt");

        model.delete(List.of(markets));
        assertThat(WorkspaceRepositories.seeds(ws).count()).isEqualTo(2);
        assertThat(model.notice().get()).isEqualTo("Deleted 1 seed; Ctrl+Z undoes it");
        assertThat(names(model.seeds())).doesNotContain("markets.txt");

        model.undoSupport().undo();
        assertThat(model.notice().get()).isEqualTo("Restored 1 seed");
        assertThat(WorkspaceRepositories.seeds(ws)
                        .find(markets.id())
                        .orElseThrow()
                        .tags())
                .containsExactly("town");

        model.setTags(List.of(seed("markets.txt"), seed("rivers.txt")), "food, Morning ");
        assertThat(WorkspaceRepositories.seeds(ws).list(new SeedFilter("", "food")).stream()
                        .map(Seed::name)
                        .toList())
                .containsExactlyInAnyOrder("markets.txt", "rivers.txt");
        model.undoSupport().undo();
        assertThat(WorkspaceRepositories.seeds(ws)
                        .find(markets.id())
                        .orElseThrow()
                        .tags())
                .containsExactly("town");
        assertThat(model.notice().get()).isEqualTo("Tags restored");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aChangeTheStoreRefusesIsShownAsAnError() {
        model.refresh();
        Seed rivers = seed("rivers.txt");
        ws.close();

        model.setTags(List.of(rivers), "x");

        assertThat(dialogs.errors).first().asString().startsWith("Cannot save the change: ");
    }

    @Test
    void anImportRunsAsAStatusBarTaskAndItsReportStays() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(folder.resolve("harbour.txt"), "Ships come into the harbour at night.");
        Files.writeString(folder.resolve("mill.md"), "# The mill\n\nThe mill grinds the grain by the river.");
        Files.writeString(folder.resolve("same-as-rivers.txt"), "Rivers run to the sea.");

        model.importPaths(List.of(folder));

        assertThat(tasks.monitoredTitles).containsExactly("Importing seeds");
        assertThat(model.lastImport().get().imported()).isEqualTo(2);
        assertThat(model.lastImport().get().duplicates()).isEqualTo(1);
        assertThat(model.importing().get()).isFalse();
        assertThat(model.total().get()).isEqualTo(5);
        assertThat(names(model.seeds())).contains("harbour.txt", "mill.md");
    }
}
