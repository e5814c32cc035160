package io.arenainstruct.studio.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.curation.KeepDecision;
import io.arenainstruct.studio.domain.curation.ReferenceSetInfo;
import io.arenainstruct.studio.domain.curation.StoredPrompt;

/** V12__curation.sql and the repository over it: sets stored whole or not at all, keep and release. */
class CurationRepositoryTest {
    private static final Instant AT = Instant.parse("2026-12-07T06:00:00Z");
    private static final String HASH_A = "a".repeat(64);
    private static final String HASH_B = "b".repeat(64);

    @TempDir
    Path tmp;

    private Store store;
    private CurationRepository repo;

    @BeforeEach
    void open() {
        store = TestStores.open(tmp.resolve("ws"));
        repo = new CurationRepository(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static ReferenceSetInfo info(String name) {
        return new ReferenceSetInfo(name, name + ".jsonl", "jsonl-prompt", AT, 0);
    }

    @Test
    void aStoreAtTheVersionBeforeMigratesWithItsDataAndEmptyCurationTables() throws Exception {
        store.close();
        Path old = tmp.resolve("old");
        Files.createDirectories(old);
        String url = "jdbc:h2:file:" + old.resolve(Store.FILE_NAME) + ";DB_CLOSE_ON_EXIT=FALSE";
        Flyway.configure(Store.class.getClassLoader())
                .dataSource(url, "studio", "")
                .locations("classpath:db/migration", "classpath:db/h2")
                .target("11")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, "studio", "");
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO arena_model (name, created_at) VALUES ('m1', CURRENT_TIMESTAMP)");
        }

        store = Store.open(old);
        repo = new CurationRepository(store);

        assertThat(new ArenaRepository(store).models()).containsExactly("m1");
        assertThat(repo.sets()).isEmpty();
        assertThat(repo.keeps()).isEmpty();
        assertThat(repo.insertSet(info("after"), List.of(new StoredPrompt("1", "one"))))
                .isTrue();
    }

    @Test
    void aSetIsStoredWithItsPromptsInFileOrderAndSurvivesReopening() {
        List<StoredPrompt> prompts = List.of(
                new StoredPrompt("u3", "third id, first line"),
                new StoredPrompt("u1", "second line"),
                new StoredPrompt("u2", "third line"));

        assertThat(repo.insertSet(info("arena-hard"), prompts)).isTrue();
        store.close();
        store = TestStores.open(tmp.resolve("ws"));
        repo = new CurationRepository(store);

        // the count is the prompts', whatever the info said
        assertThat(repo.sets())
                .containsExactly(new ReferenceSetInfo("arena-hard", "arena-hard.jsonl", "jsonl-prompt", AT, 3));
        assertThat(repo.prompts("arena-hard")).containsExactlyElementsOf(prompts);
        assertThat(repo.findSet("arena-hard")).isPresent();
        assertThat(repo.findSet("other")).isEmpty();
    }

    @Test
    void theSameNameTwiceStoresNothingTheSecondTime() {
        repo.insertSet(info("bench"), List.of(new StoredPrompt("1", "first")));

        assertThat(repo.insertSet(info("bench"), List.of(new StoredPrompt("1", "other"), new StoredPrompt("2", "x"))))
                .isFalse();

        assertThat(repo.sets()).extracting(ReferenceSetInfo::promptCount).containsExactly(1);
        assertThat(repo.prompts("bench")).containsExactly(new StoredPrompt("1", "first"));
    }

    @Test
    void aSetThatFailsHalfwayLeavesNothing() {
        repo.insertSet(info("before"), List.of(new StoredPrompt("1", "kept")));
        // the third prompt has no text: the column refuses it after the set row and two prompts were written
        List<StoredPrompt> bad =
                List.of(new StoredPrompt("1", "one"), new StoredPrompt("2", "two"), new StoredPrompt("3", null));

        assertThatThrownBy(() -> repo.insertSet(info("broken"), bad)).isInstanceOf(StoreException.class);

        assertThat(repo.sets()).extracting(ReferenceSetInfo::name).containsExactly("before");
        assertThat(repo.prompts("broken")).isEmpty();
        int prompts = store.read(c -> {
            try (var ps = c.prepareStatement("SELECT COUNT(*) FROM reference_prompt");
                    var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(prompts).isEqualTo(1);
    }

    @Test
    void removingASetRemovesItsPrompts() {
        repo.insertSet(info("a"), List.of(new StoredPrompt("1", "one")));
        repo.insertSet(info("b"), List.of(new StoredPrompt("1", "two")));

        assertThat(repo.removeSet("a")).isTrue();
        assertThat(repo.removeSet("a")).isFalse();

        assertThat(repo.sets()).extracting(ReferenceSetInfo::name).containsExactly("b");
        assertThat(repo.prompts("a")).isEmpty();
        assertThat(repo.prompts("b")).containsExactly(new StoredPrompt("1", "two"));
    }

    @Test
    void keepReplacesAnEarlierDecisionForTheSameTextAndReleaseWithdrawsIt() {
        repo.keep(new KeepDecision(HASH_B, "instruction 2", "ana", AT));
        repo.keep(new KeepDecision(HASH_A, "instruction 1", "ana", AT.plusSeconds(1)));
        repo.keep(new KeepDecision(HASH_B, "arena prompt 7", "ben", AT.plusSeconds(2)));

        assertThat(repo.keeps())
                .containsExactly(
                        new KeepDecision(HASH_A, "instruction 1", "ana", AT.plusSeconds(1)),
                        new KeepDecision(HASH_B, "arena prompt 7", "ben", AT.plusSeconds(2)));

        assertThat(repo.release(HASH_A)).isTrue();
        assertThat(repo.release(HASH_A)).isFalse();
        assertThat(repo.keeps()).extracting(KeepDecision::textSha256).containsExactly(HASH_B);
    }
}
