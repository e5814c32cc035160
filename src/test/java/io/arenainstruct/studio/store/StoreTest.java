package io.arenainstruct.studio.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.NewSeed;
import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.SeedFilter;
import io.arenainstruct.studio.domain.SeedKind;

class StoreTest {
    @TempDir
    Path tmp;

    @Test
    void identitiesAreHandedOutOneAtATimeSoAKillLeavesNoGapInIds() {
        try (Store store = Store.open(tmp.resolve("ids"))) {
            List<String> cached = store.read(c -> {
                List<String> out = new ArrayList<>();
                try (Statement s = c.createStatement();
                        ResultSet r = s.executeQuery("SELECT TABLE_NAME,"
                                + " IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS WHERE IS_IDENTITY = 'YES'")) {
                    while (r.next()) {
                        out.add(r.getString(1).toLowerCase(Locale.ROOT) + "=" + r.getLong(2));
                    }
                }
                return out;
            });
            // H2's default is 32: a process killed after creating run 2 made the next run 34.
            // Every table with an identity, the arena's included.
            assertThat(cached)
                    .contains("seed=1", "model_call=1", "run=1", "instruction=1", "battle=1", "verdict=1")
                    .allSatisfy(c -> assertThat(c).endsWith("=1"));
        }
    }

    @Test
    void openCreatesAPrivateFolderWithPrivateFiles() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path dir = tmp.resolve("a").resolve("workspace");
        try (Store store = Store.open(dir)) {
            assertThat(store.directory()).isEqualTo(dir.toAbsolutePath().normalize());
            assertThat(Files.isDirectory(dir)).isTrue();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                    .isEqualTo("rwx------");
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(Files::isRegularFile).toList();
            }
            assertThat(files).as("the store's files").isNotEmpty();
            assertThat(files).anyMatch(f -> f.getFileName().toString().startsWith("store"));
            for (Path f : files) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                        .as(f.toString())
                        .isEqualTo("rw-------");
            }
        }
    }

    @Test
    void openTightensAnExistingWorldReadableFolder() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path dir = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (Store store = Store.open(dir)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void migrationsCreateTheSchema() {
        try (Store store = Store.open(tmp.resolve("ws"))) {
            Set<String> tables = store.read(c -> {
                Set<String> names = new HashSet<>();
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery(
                                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
                    while (rs.next()) {
                        names.add(rs.getString(1).toLowerCase(Locale.ROOT));
                    }
                }
                return names;
            });
            assertThat(tables)
                    .contains(
                            "seed", "seed_tag", "skill", "taxonomy_node", "workspace_setting", "flyway_schema_history");
            Integer applied = store.read(c -> {
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM \"flyway_schema_history\""
                                + " WHERE \"success\" AND \"version\" = '1'")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(applied).isEqualTo(1);
        }
    }

    @Test
    void closeThenReopenKeepsDataAndDoesNotMigrateTwice() throws IOException {
        Path dir = tmp.resolve("ws");
        long id;
        try (Store store = Store.open(dir)) {
            SeedRepository seeds = new SeedRepository(store);
            seeds.insertNew(List.of(NewSeed.of("a.txt", "/x/a.txt", SeedKind.TEXT, "", List.of("t1"), "hello store")));
            id = seeds.list(SeedFilter.ALL).get(0).id();
            new WorkspaceSettingsRepository(store).put("k", "v");
        }
        try (Store store = Store.open(dir)) {
            SeedRepository seeds = new SeedRepository(store);
            assertThat(seeds.count()).isEqualTo(1);
            Seed s = seeds.find(id).orElseThrow();
            assertThat(s.name()).isEqualTo("a.txt");
            assertThat(s.tags()).containsExactly("t1");
            assertThat(seeds.content(id)).contains("hello store");
            assertThat(new WorkspaceSettingsRepository(store).get("k")).contains("v");
            Integer migrations = store.read(c -> {
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery(
                                "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            long migrationFiles;
            try (var files = Stream.concat(
                    Files.list(Path.of("resources/db/migration")), Files.list(Path.of("resources/db/h2")))) {
                migrationFiles = files.filter(f -> f.getFileName().toString().matches("V\\d+(_\\d+)*__.*\\.sql"))
                        .count();
            }
            assertThat(migrations).as("each migration applied once").isEqualTo((int) migrationFiles);
        }
    }

    @Test
    void aClosedStoreRefusesWork() {
        Store store = Store.open(tmp.resolve("ws"));
        store.close();
        assertThat(store.isClosed()).isTrue();
        assertThatThrownBy(() -> new SeedRepository(store).count())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("closed");
        store.close(); // a second close is harmless
    }

    @Test
    void aFailedWriteStoresNothing() {
        try (Store store = Store.open(tmp.resolve("ws"))) {
            assertThatThrownBy(() -> store.write(c -> {
                        try (PreparedStatement ps = c.prepareStatement(
                                "INSERT INTO workspace_setting (name, setting_value) VALUES (?, ?)")) {
                            ps.setString(1, "first");
                            ps.setString(2, "1");
                            ps.executeUpdate();
                        }
                        throw new IllegalStateException("boom");
                    }))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(new WorkspaceSettingsRepository(store).get("first")).isEmpty();
        }
    }

    @Test
    void aStoreHeldByAnotherProcessIsReportedAsInUse() throws Exception {
        Path dir = tmp.resolve("held");
        try (ChildJvm child = ChildJvm.start(HoldStoreMain.class, dir.toString())) {
            child.awaitLine("READY"::equals, ChildJvm.timeout());
            assertThatThrownBy(() -> Store.open(dir))
                    .isInstanceOf(StoreInUseException.class)
                    .hasMessageContaining("open in another window")
                    .hasMessageContaining(dir.toAbsolutePath().normalize().toString());
        }
        // once the other process is gone, the store opens again
        try (Store store = Store.open(dir)) {
            assertThat(new SeedRepository(store).count()).isZero();
        }
    }

    @Test
    void aProcessRefusedBecauseTheStoreIsHeldLeavesNoFileOthersCanRead() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path dir = tmp.resolve("held-private");
        try (ChildJvm child = ChildJvm.start(HoldStoreMain.class, dir.toString())) {
            child.awaitLine("READY"::equals, ChildJvm.timeout());
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> Store.open(dir)).isInstanceOf(StoreInUseException.class);
            }
            assertOwnerOnly(dir);
        }
        assertOwnerOnly(dir);
        try (Store store = Store.open(dir)) {
            assertOwnerOnly(dir);
        }
        assertOwnerOnly(dir);
    }

    /** Every file in the folder (and the folder) can be read by its owner only. */
    private static void assertOwnerOnly(Path dir) throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                        .as(f.toString())
                        .endsWith("------");
            }
        }
    }

    @Test
    void aKilledImportKeepsEveryCommittedBatchAndNoHalfRows() throws Exception {
        Path dir = tmp.resolve("killed");
        int batchSize = 100;
        int lastPrinted;
        try (ChildJvm child =
                ChildJvm.start(KillImportMain.class, dir.toString(), String.valueOf(batchSize), "100000")) {
            String line = child.awaitLine(
                    l -> l.startsWith("COMMITTED ") && committed(l) >= 5 * batchSize, ChildJvm.timeout());
            lastPrinted = committed(line);
            child.kill(); // SIGKILL: no shutdown hooks, no clean close
            for (String l : child.remainingLines(ChildJvm.timeout())) {
                if (l.startsWith("COMMITTED ")) {
                    lastPrinted = Math.max(lastPrinted, committed(l));
                }
            }
            assertThat(child.remainingLines(ChildJvm.timeout())).isEmpty();
        }
        assertThat(lastPrinted).isGreaterThanOrEqualTo(5 * batchSize);
        try (Store store = Store.open(dir)) {
            SeedRepository seeds = new SeedRepository(store);
            int count = seeds.count();
            assertThat(count).as("seeds after the kill").isGreaterThanOrEqualTo(lastPrinted);
            assertThat(count % batchSize).as("only whole batches are stored").isZero();
            List<String> problems = store.read(c -> {
                List<String> bad = new ArrayList<>();
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery(
                                "SELECT s.id, s.name, x.content, s.sha256, s.chars FROM seed s LEFT JOIN seed_text x "
                                        + "ON x.seed_id = s.id")) {
                    while (rs.next()) {
                        String content = rs.getString("content");
                        String name = rs.getString("name");
                        int n = Integer.parseInt(name.substring("seed-".length()));
                        if (content == null
                                || !sha256Hex(content)
                                        .equals(rs.getString("sha256").strip())
                                || rs.getInt("chars") != content.length()
                                || !content.equals(KillImportMain.content(n))) {
                            bad.add(name);
                        }
                    }
                }
                return bad;
            });
            assertThat(problems).as("incomplete rows").isEmpty();
            // every batch is whole: the ids 0..count-1 are all there
            Set<String> names = new HashSet<>();
            seeds.list(SeedFilter.ALL).forEach(s -> names.add(s.name()));
            for (int n = 0; n < count; n++) {
                assertThat(names).contains("seed-" + n);
            }
        }
    }

    private static int committed(String line) {
        return Integer.parseInt(line.substring("COMMITTED ".length()).strip());
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void openingTheStoreOpensNoListeningPort() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/net/tcp")) && Files.isDirectory(Path.of("/proc/self/fd")));
        // Positive control: H2's AUTO_SERVER mode does open a port, and the probe sees it.
        Set<Long> before = ownListeningSockets();
        try (Connection c = DriverManager.getConnection(
                "jdbc:h2:file:" + tmp.resolve("control").resolve("db") + ";AUTO_SERVER=TRUE", "sa", "")) {
            c.createStatement().execute("SELECT 1");
            assertThat(difference(ownListeningSockets(), before))
                    .as("the probe must see AUTO_SERVER's port")
                    .isNotEmpty();
            c.createStatement().execute("SHUTDOWN");
        }
        Set<Long> baseline = ownListeningSockets();
        try (Store store = Store.open(tmp.resolve("ws"))) {
            new SeedRepository(store).insertNew(List.of(NewSeed.of("a", "a", SeedKind.TEXT, "", List.of(), "text")));
            assertThat(new SeedRepository(store).count()).isEqualTo(1);
            assertThat(difference(ownListeningSockets(), baseline))
                    .as("listening sockets opened by the store")
                    .isEmpty();
            String autoServer = store.read(c -> {
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery(
                                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = "
                                        + "'AUTO_SERVER'")) {
                    return rs.next() ? rs.getString(1) : null;
                }
            });
            assertThat(autoServer == null || autoServer.equalsIgnoreCase("FALSE"))
                    .as("AUTO_SERVER=" + autoServer)
                    .isTrue();
        }
    }

    private static Set<Long> difference(Set<Long> a, Set<Long> b) {
        Set<Long> d = new HashSet<>(a);
        d.removeAll(b);
        return d;
    }

    /** Inodes of TCP sockets in LISTEN state (0A) that this process holds open. */
    private static Set<Long> ownListeningSockets() throws IOException {
        Set<Long> own = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        own.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException e) {
                    // the fd closed meanwhile
                }
            }
        }
        Set<Long> listening = new HashSet<>();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.isReadable(p)) {
                continue;
            }
            List<String> lines = Files.readAllLines(p);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[3].equals("0A")) {
                    long inode = Long.parseLong(f[9]);
                    if (own.contains(inode)) {
                        listening.add(inode);
                    }
                }
            }
        }
        return listening;
    }
}
