package io.arenainstruct.studio.service.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.NewSeed;
import io.arenainstruct.studio.domain.PostgresqlLocation;
import io.arenainstruct.studio.domain.SeedFilter;
import io.arenainstruct.studio.domain.SeedKind;
import io.arenainstruct.studio.domain.StoreLocation;
import io.arenainstruct.studio.domain.copy.CopyProgress;
import io.arenainstruct.studio.domain.copy.CopyReport;
import io.arenainstruct.studio.domain.llm.LedgerEntry;
import io.arenainstruct.studio.store.CallLedgerRepository;
import io.arenainstruct.studio.store.LedgerJournals;
import io.arenainstruct.studio.store.SeedRepository;
import io.arenainstruct.studio.store.Store;
import io.arenainstruct.studio.store.StoreDump;
import io.arenainstruct.studio.store.StoreException;
import io.arenainstruct.studio.store.TestStores;

/** {@link StoreCopier}: every table copied, identities continued, refusals and failures that leave nothing behind. */
class StoreCopierTest {
    @TempDir
    Path tmp;

    @RegisterExtension
    final TemporaryUserData userData = new TemporaryUserData();

    private Path source;
    private StoreLocation from;

    /** Seeds 1, 2 and 3, of which 3 is deleted again: the source's next seed is 4, though the largest id is 2. */
    @BeforeEach
    void aSource() {
        source = tmp.resolve("source");
        from = new StoreLocation.Folder(source);
        try (Store store = Store.open(source)) {
            SeedRepository seeds = new SeedRepository(store);
            for (String name : List.of("a", "b", "c")) {
                seeds.insertNew(List.of(NewSeed.of(
                        name + ".txt",
                        "/x/" + name + ".txt",
                        SeedKind.TEXT,
                        "",
                        List.of("t-" + name),
                        "Text of " + name + ": ünïcödé 🙂\nline two")));
            }
            assertThat(ids(seeds)).containsExactly(1L, 2L, 3L);
            seeds.delete(List.of(3L));
        }
    }

    @Test
    void everyTableOfTheSchemaIsCopiedIntoAFolder() {
        Path to = tmp.resolve("copy");
        List<CopyProgress> told = new ArrayList<>();

        CopyReport report = StoreCopier.copy(from, new StoreLocation.Folder(to), told::add);

        everyTableCopied(report, new StoreLocation.Folder(to));
        assertThat(told).isNotEmpty();
        CopyProgress last = told.get(told.size() - 1);
        assertThat(last.index())
                .isEqualTo(last.tables())
                .isEqualTo(report.tables().size());
        assertThat(last.rowsDone()).isEqualTo(last.rowsTotal()).isEqualTo(report.sourceRows());
    }

    @Test
    void everyTableOfTheSchemaIsCopiedIntoPostgresql() {
        PostgresqlLocation to = TestStores.freshDatabase();

        CopyReport report = StoreCopier.copy(from, to, p -> {});

        everyTableCopied(report, to);
    }

    /** The catalogue's tables (read with plain SQL) are the report's, and each holds the same rows as the source's. */
    private void everyTableCopied(CopyReport report, StoreLocation to) {
        Map<String, List<String>> expected;
        try (Store s = Store.open(source)) {
            expected = StoreDump.of(s);
            assertThat(StoreDump.tables(s)).hasSizeGreaterThan(30);
        }
        try (Store t = Store.open(to, tmp.resolve("local"))) {
            assertThat(report.tables().stream()
                            .map(CopyReport.TableCount::table)
                            .sorted()
                            .toList())
                    .isEqualTo(StoreDump.tables(t));
            assertThat(StoreDump.of(t)).isEqualTo(expected);
        }
        assertThat(report.countsMatch()).isTrue();
        // 2 seeds, their 2 texts and 2 tags, the first iteration, the taxonomy-free rest empty
        assertThat(report.tables().stream()
                        .filter(c -> c.table().equals("seed"))
                        .findFirst()
                        .orElseThrow()
                        .target())
                .isEqualTo(2);
    }

    @Test
    void identitiesContinueWhereTheSourcesWouldInAFolder() {
        Path to = tmp.resolve("copy");
        StoreCopier.copy(from, new StoreLocation.Folder(to), p -> {});
        nextSeedIsFour(new StoreLocation.Folder(to));
    }

    @Test
    void identitiesContinueWhereTheSourcesWouldOnPostgresql() {
        PostgresqlLocation to = TestStores.freshDatabase();
        StoreCopier.copy(from, to, p -> {});
        // and back: a folder made from the team store continues as well
        Path back = tmp.resolve("back");
        StoreCopier.copy(to, new StoreLocation.Folder(back), p -> {});
        nextSeedIsFour(to);
        nextSeedIsFour(new StoreLocation.Folder(back));
    }

    private void nextSeedIsFour(StoreLocation at) {
        try (Store store = Store.open(at, tmp.resolve("local"))) {
            SeedRepository seeds = new SeedRepository(store);
            assertThat(ids(seeds)).containsExactly(1L, 2L);
            seeds.insertNew(List.of(NewSeed.of("d.txt", "/x/d.txt", SeedKind.TEXT, "", List.of(), "new")));
            assertThat(ids(seeds)).containsExactly(1L, 2L, 4L);
        }
    }

    /** A call a killed process left in the source's journal is moved into the source first, and so copied. */
    @Test
    void aCallLeftInTheSourcesJournalIsCopied() throws Exception {
        LedgerEntry call = new LedgerEntry(
                1,
                "hash-1",
                "local",
                "openai-compatible",
                "m",
                "{}",
                "reply",
                3,
                4,
                Duration.ofMillis(120),
                1,
                "ok",
                null,
                null,
                Instant.parse("2026-12-07T10:00:00Z"),
                null,
                "answer");
        LedgerJournals.leave(source, call);
        Path to = tmp.resolve("copy");

        CopyReport report = StoreCopier.copy(from, new StoreLocation.Folder(to), p -> {});

        assertThat(report.tables().stream()
                        .filter(t -> t.table().equals("model_call"))
                        .findFirst()
                        .orElseThrow())
                .isEqualTo(new CopyReport.TableCount("model_call", 1, 1));
        try (Store copy = Store.open(to)) {
            assertThat(new CallLedgerRepository(copy).find(1).orElseThrow().reply())
                    .isEqualTo("reply");
        }
    }

    @Test
    void aFolderThatIsNotEmptyIsRefusedAndLeftAsItWas() throws Exception {
        Path busy = tmp.resolve("busy");
        Files.createDirectories(busy);
        Files.writeString(busy.resolve("notes.txt"), "mine");

        assertThatThrownBy(() -> StoreCopier.copy(from, new StoreLocation.Folder(busy), p -> {}))
                .isInstanceOf(StoreException.class)
                .hasMessage("the folder " + busy + " is not empty: store copy writes only into a new or empty"
                        + " folder, so nothing in it is overwritten. Nothing was written; name a new folder.");
        try (var files = Files.list(busy)) {
            assertThat(files.toList()).containsExactly(busy.resolve("notes.txt"));
        }

        // a store is refused alike
        Path other = tmp.resolve("other");
        Store.open(other).close();
        assertThatThrownBy(() -> StoreCopier.copy(from, new StoreLocation.Folder(other), p -> {}))
                .hasMessageContaining("the folder " + other + " is not empty");
    }

    @Test
    void aDatabaseWithTablesIsRefusedAndLeftAsItWas() throws Exception {
        PostgresqlLocation foreign = TestStores.freshDatabase();
        TestStores.admin(foreign, "CREATE TABLE invoices (id INT)");

        assertThatThrownBy(() -> StoreCopier.copy(from, foreign, p -> {}))
                .isInstanceOf(StoreException.class)
                .hasMessage("the database of " + foreign.display() + " is not empty (1 table): store copy writes only"
                        + " into an empty database, so nothing in it is overwritten. Nothing was written; create a"
                        + " new database for the copy.");
        assertThat(tables(foreign)).containsExactly("invoices");

        PostgresqlLocation team = TestStores.freshDatabase();
        Store.open(team, tmp.resolve("local")).close();
        int before = tables(team).size();
        assertThatThrownBy(() -> StoreCopier.copy(from, team, p -> {}))
                .hasMessageContaining("the database of " + team.display() + " is not empty (" + before + " tables)");
    }

    @Test
    void anUnreachableTargetIsToldAndTheSourceIsUntouched() {
        Map<String, List<String>> before = dump(from);
        PostgresqlLocation nowhere = PostgresqlLocation.parse("postgresql://localhost:1/studio?user=nobody");

        assertThatThrownBy(() -> StoreCopier.copy(from, nowhere, p -> {}))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot reach PostgreSQL server at localhost:1: is it running, and listening there?"
                        + " Nothing was changed.");
        assertThat(dump(from)).isEqualTo(before);
    }

    @Test
    void aStoreIsNotCopiedOntoItselfNorIsAMissingOneCopied() {
        Path spelledOtherwise = tmp.resolve("x").resolve("..").resolve("source");
        assertThatThrownBy(() -> StoreCopier.copy(from, new StoreLocation.Folder(spelledOtherwise), p -> {}))
                .hasMessage("the source and the target are the same store (" + source + "): a store cannot be"
                        + " copied onto itself. Nothing was written.");

        Path missing = tmp.resolve("missing");
        assertThatThrownBy(() ->
                        StoreCopier.copy(new StoreLocation.Folder(missing), new StoreLocation.Folder(tmp), p -> {}))
                .hasMessage("there is no store in " + missing + " to copy (no store.mv.db in it). Nothing was"
                        + " written.");
        assertThat(missing).doesNotExist();
    }

    @Test
    void aTeamStoreIsNotCopiedOntoItself() {
        PostgresqlLocation team = TestStores.freshDatabase();
        StoreCopier.copy(from, team, p -> {});
        assertThatThrownBy(() -> StoreCopier.copy(team, team, p -> {}))
                .hasMessageContaining("a store cannot be copied onto itself");
    }

    /**
     * PostgreSQL refuses the NUL character in text, which H2 stores: a seed's text holding one fails the copy at
     * the table seed_text, after the tables before it were committed. The database is emptied again.
     */
    @Test
    void aRowTheTargetRefusesFailsTheCopyAndEmptiesTheDatabaseAgain() throws Exception {
        try (Store store = Store.open(source)) {
            store.write(c -> {
                try (Statement st = c.createStatement()) {
                    return st.executeUpdate("UPDATE seed_text SET content = 'a' || CHAR(0) || 'b' WHERE seed_id = 2");
                }
            });
        }
        Map<String, List<String>> before = dump(from);
        PostgresqlLocation to = TestStores.freshDatabase();
        List<String> committed = new ArrayList<>();

        assertThatThrownBy(() -> StoreCopier.copy(from, to, p -> {
                    if (p.tableFinished()) {
                        committed.add(p.table());
                    }
                }))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("the copy into " + to.display() + " failed: copying the table seed_text"
                        + " failed (row 2 of 2): ")
                .hasMessageEndingWith(". The database of " + to.display() + " was emptied again; the source is"
                        + " unchanged. Once the cause is fixed, run store copy again.");
        assertThat(committed).contains("seed", "model_call").doesNotContain("seed_text");
        assertThat(tables(to)).isEmpty();
        assertThat(dump(from)).isEqualTo(before);
    }

    /** The target database dropped in the middle (by its administrator, say): the failure says what to do. */
    @Test
    void aDatabaseDroppedInTheMiddleIsToldWithWhatToDo() {
        PostgresqlLocation to = TestStores.freshDatabase();
        PostgresqlLocation server = TestStores.server();

        List<String> dropped = new ArrayList<>();
        assertThatThrownBy(() -> StoreCopier.copy(from, to, p -> {
                    if (p.index() == 10 && p.tableDone() == 0) {
                        dropped.add(p.table());
                        TestStores.admin(server, "DROP DATABASE " + to.database() + " WITH (FORCE)");
                    }
                }))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith(
                        "the copy into " + to.display() + " failed: copying the table " + dropped.get(0) + " failed")
                .hasMessageContaining("The database of " + to.display() + " may hold part of the copy and could not"
                        + " be emptied (")
                .hasMessageEndingWith("drop it and create it again before copying again; the source is unchanged."
                        + " Once the cause is fixed, run store copy again.");
    }

    @Test
    void aCopyStoppedHalfWayRemovesTheFolderItMadeAndEmptiesOneThatWasThere() throws Exception {
        Path made = tmp.resolve("made");
        assertThatThrownBy(() -> StoreCopier.copy(from, new StoreLocation.Folder(made), stopAtTable(10)))
                .hasMessageEndingWith("stopped. The folder " + made + " was removed; the source is unchanged. Once"
                        + " the cause is fixed, run store copy again.");
        assertThat(made).doesNotExist();

        Path empty = tmp.resolve("empty");
        Files.createDirectories(empty);
        assertThatThrownBy(() -> StoreCopier.copy(from, new StoreLocation.Folder(empty), stopAtTable(10)))
                .hasMessageContaining("The folder " + empty + " was emptied again");
        assertThat(empty).isEmptyDirectory();

        // and the copy can then be made
        StoreCopier.copy(from, new StoreLocation.Folder(empty), p -> {});
        assertThat(dump(new StoreLocation.Folder(empty))).isEqualTo(dump(from));
    }

    private static Consumer<CopyProgress> stopAtTable(int index) {
        return p -> {
            if (p.index() == index) {
                throw new IllegalStateException("stopped");
            }
        };
    }

    private Map<String, List<String>> dump(StoreLocation at) {
        try (Store store = Store.open(at, tmp.resolve("local"))) {
            return StoreDump.of(store);
        }
    }

    private static List<Long> ids(SeedRepository seeds) {
        return seeds.list(SeedFilter.ALL).stream().map(s -> s.id()).sorted().toList();
    }

    private static List<String> tables(PostgresqlLocation at) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = TestStores.connect(at);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }
}
