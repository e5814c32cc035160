package io.arenainstruct.studio.service.arena.battlefiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.PostgresqlLocation;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.BattleRepository;
import io.arenainstruct.studio.store.Store;
import io.arenainstruct.studio.store.TestStores;

/**
 * A team store's connection dropped in the middle of an import chunk: the store runs the chunk's transaction again
 * on a new connection, and the report must be the one of a single import (no row rejected for the drop, nothing
 * counted twice).
 */
class BattleImportDropTest {
    @TempDir
    Path tmp;

    private Store store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aChunkCutOffByALostConnectionIsReportedAsImportedOnce() {
        PostgresqlLocation at = TestStores.freshDatabase();
        store = Store.open(at, tmp.resolve("local"));
        ArenaRepository arena = new ArenaRepository(store);
        BattleRepository battles = new BattleRepository(store);
        // The first verdict stored ends its own server session (as a restart would); a sequence is not rolled back
        // with the transaction, so the chunk's second run is left alone.
        TestStores.admin(at, "CREATE SEQUENCE drop_once");
        TestStores.admin(
                at,
                "CREATE FUNCTION drop_once() RETURNS trigger AS $$ BEGIN"
                        + " IF nextval('drop_once') = 1 THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF;"
                        + " RETURN NEW; END $$ LANGUAGE plpgsql");
        TestStores.admin(
                at, "CREATE TRIGGER drop_once AFTER INSERT ON verdict FOR EACH ROW" + " EXECUTE FUNCTION drop_once()");

        BattleFileImporter.Report r = new BattleFileImporter(arena, battles)
                .importFiles(List.of(BattleFileImporterTest.fixture("chatbot-arena.jsonl")), VerdictSource.HUMAN);

        // as on a store that never lost its connection (BattleFileImporterTest#chatbotArenaRowsRoundTrip)
        assertThat(r.rejected()).extracting(BattleFileImporter.Rejection::line).containsExactly(4, 5, 7);
        assertThat(r.verdicts()).isEqualTo(4);
        assertThat(r.battles()).isEqualTo(3);
        assertThat(r.newBattles()).isEqualTo(3);
        assertThat(battles.page(BattleFilter.ALL, 0, 100)).hasSize(3);
        // the verdicts were stored under the keys of a single import: the same file again adds nothing
        BattleFileImporter.Report again = new BattleFileImporter(arena, battles)
                .importFiles(List.of(BattleFileImporterTest.fixture("chatbot-arena.jsonl")), VerdictSource.HUMAN);
        assertThat(again.verdicts()).isZero();
        assertThat(again.newBattles()).isZero();
    }
}
