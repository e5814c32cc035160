package io.arenainstruct.studio.ui.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;

/**
 * The Battles tab over 100,000 battles written straight to the store: every read is one page by key and a count,
 * so the first page, a page far on and each filter read stay quick.
 */
class BattlesAtScaleTest {
    private static final int BATTLES = 100_000;
    private static final int MODELS = 10;

    @TempDir
    Path tmp;

    private final CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
    private Workspace ws;
    private BattlesViewModel model;

    /**
     * Battle k (from 0) is model k % 10 against model (k + 1) % 10, in category "c" + (k % 7); every 10th is
     * judged by "j1" with one verdict.
     */
    @BeforeEach
    void plant() {
        ws = Workspace.open(tmp.resolve("store"));
        ArenaRepository arena = new ArenaRepository(WorkspaceRepositories.store(ws));
        long[] models = new long[MODELS];
        for (int m = 0; m < MODELS; m++) {
            models[m] = arena.model("m" + m);
        }
        Timestamp now = Timestamp.from(Instant.parse("2026-12-01T10:00:00Z"));
        WorkspaceRepositories.store(ws).write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO battle (id, pair_key, model_a, model_b, turn,"
                    + " strategy, category, status, inconsistent, created_at) VALUES (?, ?, ?, ?, 1, 'all-pairs', ?, ?,"
                    + " FALSE, ?)")) {
                for (int k = 0; k < BATTLES; k++) {
                    ps.setLong(1, k + 1);
                    ps.setString(2, "own:" + k);
                    ps.setLong(3, models[k % MODELS]);
                    ps.setLong(4, models[(k + 1) % MODELS]);
                    ps.setString(5, "c" + (k % 7));
                    ps.setString(6, k % 10 == 0 ? "judged" : "unjudged");
                    ps.setTimestamp(7, now);
                    ps.addBatch();
                    if (k % 5_000 == 4_999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO verdict (battle_id, source, game, swapped,"
                    + " voter, outcome, imported, created_at) VALUES (?, 'judge', 0, FALSE, 'j1', 'a', FALSE, ?)")) {
                for (int k = 0; k < BATTLES; k += 10) {
                    ps.setLong(1, k + 1);
                    ps.setTimestamp(2, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        model = new BattlesViewModel(ws.battles(), tasks, new FakeDialogService());
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private List<Long> shownIds() {
        return model.rows().stream().map(BattlesViewModel.Row::id).toList();
    }

    /** Runs a read and returns how long it took, in milliseconds. */
    private static long millis(Runnable read) {
        long start = System.nanoTime();
        read.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void pagesAndFiltersOverAHundredThousandBattlesAreReadOnePageAtATime() {
        long first = millis(model::firstPage);
        assertThat(model.total().get()).isEqualTo(BATTLES);
        assertThat(shownIds())
                .hasSize(BattlesViewModel.PAGE_SIZE)
                .startsWith(1L, 2L)
                .endsWith(100L);

        long next = 0;
        for (int p = 1; p <= 5; p++) {
            next = Math.max(next, millis(model::nextPage));
        }
        assertThat(shownIds()).startsWith(501L).endsWith(600L);
        assertThat(BattlesViewModel.pageText(model.page().get(), 100, BATTLES, false))
                .isEqualTo("Battles 501–600 of 100,000");

        long status = millis(() -> model.status().set(BattleStatus.JUDGED));
        assertThat(model.total().get()).isEqualTo(10_000);
        assertThat(shownIds()).startsWith(1L, 11L, 21L);
        long judge = millis(() -> model.judge().set("j1"));
        assertThat(model.total().get()).isEqualTo(10_000);
        model.status().set(null);
        // m3 is A in battles k % 10 == 3 and B in those with k % 10 == 2: 20,000; judged by j1: none of them.
        long byModel = millis(() -> model.model().set("m3"));
        assertThat(model.total().get()).isZero();
        model.judge().set(null);
        assertThat(model.total().get()).isEqualTo(20_000);
        assertThat(shownIds()).startsWith(3L, 4L, 13L, 14L);
        // c0: k % 7 == 0 among k % 10 in {2, 3}: k in {42, 63, 112, 133, ...}, ids one more.
        long byCategory = millis(() -> model.category().set("c0"));
        assertThat(shownIds()).startsWith(43L, 64L, 113L, 134L);

        System.out.printf(
                "Battles tab over %,d battles: first page %d ms, next page %d ms, status filter %d ms,"
                        + " judge filter %d ms, model filter %d ms, category filter %d ms%n",
                BATTLES, first, next, status, judge, byModel, byCategory);
        // Generous bounds on a shared machine (measured: tens of ms for a page turn, a few hundred for a filter).
        assertThat(next).as("a page turn reads one page, no count").isLessThan(1_000);
        assertThat(List.of(first, next, status, judge, byModel, byCategory))
                .allSatisfy(ms -> assertThat(ms).isLessThan(5_000));
    }
}
