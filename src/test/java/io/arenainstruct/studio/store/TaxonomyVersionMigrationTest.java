package io.arenainstruct.studio.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.TaxonomyNode;
import io.arenainstruct.studio.domain.TaxonomyVersion;

/** A taxonomy stored before versions were kept is its skill's version 1 after V16. */
class TaxonomyVersionMigrationTest {
    @TempDir
    Path tmp;

    @Test
    void aStoredTaxonomyBecomesVersionOne() throws Exception {
        Files.createDirectories(tmp);
        String url = "jdbc:h2:file:" + tmp.resolve(Store.FILE_NAME) + ";DB_CLOSE_ON_EXIT=FALSE";
        Flyway.configure(Store.class.getClassLoader())
                .dataSource(url, "studio", "")
                .locations("classpath:db/migration", "classpath:db/h2")
                .target("14")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, "studio", "");
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO skill (id, name, description, updated_at) VALUES ('fermi', 'Fermi', 'Estimates',"
                    + " TIMESTAMP WITH TIME ZONE '2025-05-01 08:00:00+00')");
            st.execute("INSERT INTO taxonomy_node (skill_id, position, parent_position, name, description, weight,"
                    + " enabled) VALUES ('fermi', 1, 0, 'Counting', 'how many', 2.0, TRUE),"
                    + " ('fermi', 2, 1, 'People', '', 1.0, FALSE), ('fermi', 3, 0, 'Sizes', '', 0.5, TRUE)");
        }
        try (Store store = Store.open(tmp)) {
            TaxonomyRepository repo = new TaxonomyRepository(store);
            List<TaxonomyVersion> versions = repo.versions("fermi");
            assertThat(versions).hasSize(1);
            TaxonomyVersion v = versions.get(0);
            assertThat(v.number()).isEqualTo(1);
            assertThat(v.madeBy()).isEqualTo("as stored before versions were kept");
            assertThat(v.madeAt()).isEqualTo(Instant.parse("2025-05-01T08:00:00Z"));
            TaxonomyNode root = new TaxonomyNode("Fermi", "Estimates", 1.0, true);
            TaxonomyNode counting = new TaxonomyNode("Counting", "how many", 2.0, true);
            counting.children().add(new TaxonomyNode("People", "", 1.0, false));
            root.children().add(counting);
            root.children().add(new TaxonomyNode("Sizes", "", 0.5, true));
            assertThat(v.taxonomy().sameAs(new Taxonomy("fermi", root))).isTrue();

            // saved unchanged: still one version; changed: the second
            Taxonomy t = repo.load("fermi").orElseThrow();
            assertThat(repo.save(t, "x", Instant.EPOCH)).isEmpty();
            t.categories().get(1).setWeight(0.75);
            assertThat(repo.save(t, "y", Instant.EPOCH)).isEqualTo(OptionalInt.of(2));
        }
    }
}
