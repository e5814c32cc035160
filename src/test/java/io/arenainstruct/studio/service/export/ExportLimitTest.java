package io.arenainstruct.studio.service.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.workspace.TestWorkspaces;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.arena.ArenaFixture;

/**
 * The row limit on KTO, whose battles give two rows each: ten battles of m1 against m2, m1 winning each by the judge,
 * five in Math and five in Code (ArenaFixture#battles), no skill, so both categories weigh 1.
 */
class ExportLimitTest {
    @TempDir
    Path tmp;

    private Workspace ws;

    @BeforeEach
    void plant() {
        ws = TestWorkspaces.open(tmp.resolve("store"));
        ArenaFixture arena = new ArenaFixture(ws);
        for (long id : arena.battles(10)) {
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

    @AfterEach
    void close() {
        ws.close();
    }

    private ExportPlan kto(int limit) {
        return ws.exports()
                .plan(SelectionRules.of(ExportSelect.KTO).withLimit(limit), ExportFormat.KTO, null, Cancellation.NEVER);
    }

    private List<ExportRow> rows(ExportPlan plan) {
        List<ExportRow> out = new ArrayList<>();
        ws.exports().rows(plan, false, Cancellation.NEVER).forEachRemaining(out::add);
        return out;
    }

    @Test
    void aKtoLimitIsSharedInBattlesOfTwoRowsSoNoShareIsLeftHalfUsed() {
        // 6 rows are 3 battles: 1.5 each for Code and Math, the third to Code (equal remainders, first name).
        // Shared as rows (3 each), each category could take one battle only: 4 rows.
        ExportPlan six = kto(6);
        assertThat(six.counts().rows()).isEqualTo(6);
        assertThat(six.counts().perCategory()).containsExactly(Map.entry("Code", 4L), Map.entry("Math", 2L));
        assertThat(rows(six)).hasSize(6);
        assertThat(six.counts().removed()).containsExactly(Map.entry(ExportService.OVER_QUOTA, 7L));

        // an odd limit: at most 7 rows are 3 battles
        assertThat(kto(7).counts().rows()).isEqualTo(6);
        // one row cannot hold a battle: said so, rather than "all 10 battles were over their category's share"
        assertThatThrownBy(() -> kto(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A KTO battle gives two rows, its good and its bad answer: the row limit must be at"
                        + " least 2.");
    }
}
