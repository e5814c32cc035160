package io.arenainstruct.studio.service.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.service.curation.CurationOptions;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.workspace.TestWorkspaces;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.TestStores;

/**
 * Run instructions with inputs (AgentInstruct), stored as a run leaves them: the same instruction over different
 * inputs is not a duplicate, and a curator's keep decision (made on the instruction as the Duplicates pane lists it,
 * without its input) holds in the export.
 */
class ExportInstructionsTest {
    @TempDir
    Path tmp;

    private Workspace ws;

    @BeforeEach
    void plant() {
        ws = TestWorkspaces.open(tmp.resolve("store"));
        WorkspaceRepositories.store(ws).write(c -> {
            try (Statement st = c.createStatement()) {
                TestStores.checkReferences(c, false);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO instruction (id, run_id, skill, seed_id,"
                    + " passage_id, slot, category, generated, generated_input, rounds_planned, instruction, input,"
                    + " response, status, created_at) VALUES (?, 1, 'reading', 1, ?, 0, 'summary', ?, ?, 0, ?, ?, ?,"
                    + " 'complete', CURRENT_TIMESTAMP)")) {
                add(ps, 1, "Summarise the text below.", "Cats purr.", "They purr.");
                add(ps, 2, "Summarise the text below.", "Rome is old.", "It is old.");
                // instruction 1 again, in other case and without its full stop
                add(ps, 3, "summarise the text below", "Cats purr.", "Cats make a sound.");
            }
            try (Statement st = c.createStatement()) {
                TestStores.checkReferences(c, true);
            }
            return null;
        });
    }

    private static void add(PreparedStatement ps, long id, String instruction, String input, String response)
            throws SQLException {
        ps.setLong(1, id);
        ps.setLong(2, id);
        ps.setString(3, instruction);
        ps.setString(4, input);
        ps.setString(5, instruction);
        ps.setString(6, input);
        ps.setString(7, response);
        ps.executeUpdate();
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private ExportPlan plan() {
        return ws.exports()
                .plan(
                        SelectionRules.of(ExportSelect.INSTRUCTIONS),
                        ExportFormat.ALPACA,
                        new ExportService.Curation(CurationOptions.defaults(), List.of()),
                        Cancellation.NEVER);
    }

    @Test
    void theSameInstructionOverAnotherInputIsKeptAndAKeptCopyStays() throws Exception {
        ExportPlan plan = plan();
        assertThat(plan.counts().removed()).containsExactly(Map.entry(ExportService.DUPLICATE, 1L));
        assertThat(plan.counts().rows()).isEqualTo(2);

        ws.keepDecisions().keep(3, "ann");
        ExportPlan kept = plan();
        assertThat(kept.counts().removed()).isEmpty();
        Path out = tmp.resolve("alpaca.jsonl");
        ws.exports().write(kept, out, false, false, Cancellation.NEVER);
        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8))
                .containsExactly(
                        "{\"instruction\":\"Summarise the text below.\",\"input\":\"Cats purr.\",\"output\":\"They"
                                + " purr.\"}",
                        "{\"instruction\":\"Summarise the text below.\",\"input\":\"Rome is old.\",\"output\":\"It is"
                                + " old.\"}",
                        "{\"instruction\":\"summarise the text below\",\"input\":\"Cats purr.\",\"output\":\"Cats make"
                                + " a sound.\"}");
    }
}
