package io.arenainstruct.studio.service.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.store.ChildJvm;
import io.arenainstruct.studio.ui.arena.ArenaFixture;

/** A process killed in the middle of an export leaves nothing under the final name; a finished one leaves all. */
class ExportKillTest {
    @TempDir
    Path tmp;

    private Path store;

    @BeforeEach
    void judged() {
        store = tmp.resolve("store");
        try (Workspace ws = Workspace.open(store)) {
            ArenaFixture arena = new ArenaFixture(ws);
            for (long id : arena.battles(300)) {
                arena.judged(
                        id,
                        "j",
                        GradedLabel.A_BETTER,
                        GradedLabel.B_BETTER,
                        GradedLabel.A_BETTER,
                        BattleStatus.JUDGED,
                        false);
            }
        }
    }

    @Test
    void aKillMidFileLeavesNoFileUnderItsName() throws Exception {
        Path out = tmp.resolve("out/winners.jsonl");
        Files.createDirectories(out.getParent());
        try (ChildJvm child = ChildJvm.start(ExportChildMain.class, store.toString(), out.toString(), "file", "150")) {
            child.awaitLine(l -> l.equals("HOLDING 150"), ChildJvm.timeout());
            // 100 rows at least are in the temporary file by now; the final name must not exist
            assertThat(out).doesNotExist();
            child.kill();
        }
        assertThat(out).doesNotExist();
        try (Stream<Path> left = Files.list(out.getParent())) {
            // what a kill leaves is a hidden temporary file, never a file a trainer would pick up
            assertThat(left.map(p -> p.getFileName().toString())).allMatch(n -> n.startsWith("."));
        }

        try (ChildJvm child = ChildJvm.start(ExportChildMain.class, store.toString(), out.toString(), "file", "-1")) {
            child.awaitLine(l -> l.equals("DONE"), ChildJvm.timeout());
        }
        assertThat(Files.readAllLines(out)).hasSize(300);
    }

    @Test
    void aKillMidDatasetLeavesNeitherDataNorCard() throws Exception {
        Path folder = tmp.resolve("dataset");
        try (ChildJvm child =
                ChildJvm.start(ExportChildMain.class, store.toString(), folder.toString(), "card", "150")) {
            child.awaitLine(l -> l.equals("HOLDING 150"), ChildJvm.timeout());
            child.kill();
        }
        assertThat(folder.resolve("data/train.jsonl")).doesNotExist();
        assertThat(folder.resolve("README.md")).doesNotExist();
        assertThat(List.of(folder.resolve("data").toFile().list())).allMatch(n -> n.startsWith("."));
    }
}
