package io.arenainstruct.studio.service.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.NewSeed;
import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.SeedFilter;
import io.arenainstruct.studio.domain.SeedKind;
import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.TaxonomyNode;

class SampleWorkspaceTest {
    @TempDir
    Path tmp;

    /** The sample files in the project folder (Maven runs tests in the project directory). */
    private static List<Path> sampleFiles() throws IOException {
        try (Stream<Path> s = Files.walk(Path.of("sample-seeds"))) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .toList();
        }
    }

    @Test
    void aNewWorkspaceGetsTheSampleSeedsAndAllTaxonomiesOnce() throws IOException {
        List<Path> files = sampleFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(20);
        try (Workspace ws = Workspace.open(tmp.resolve("ws"))) {
            SampleWorkspace.Result first = SampleWorkspace.ensure(ws);

            assertThat(first.seeds()).isEqualTo(files.size());
            assertThat(first.taxonomies()).isEqualTo(17);
            List<Seed> samples = ws.seeds().list(new SeedFilter("", "sample"));
            assertThat(samples).hasSize(files.size());
            // named as shipped ("sample-seeds/articles/…"), not by the build folder they were read from
            assertThat(samples).allSatisfy(seed -> assertThat(seed.source()).matches("sample-seeds/[a-z-]+/[^/]+"));
            assertThat(ws.seeds().count()).isEqualTo(files.size());
            assertThat(ws.taxonomies().all()).hasSize(17);

            // every sample seed also carries its folder's name as a tag
            Set<String> folders = files.stream()
                    .map(p -> p.getParent().getFileName().toString())
                    .collect(Collectors.toSet());
            assertThat(samples)
                    .allSatisfy(s -> assertThat(s.tags()).contains("sample").containsAnyElementsOf(folders));
            assertThat(ws.seeds().list(new SeedFilter("", "code")))
                    .allSatisfy(s -> assertThat(s.kind()).isEqualTo(SeedKind.CODE));

            Set<String> languages = samples.stream()
                    .filter(s -> s.kind() == SeedKind.CODE)
                    .map(Seed::language)
                    .collect(Collectors.toSet());
            assertThat(languages).hasSizeGreaterThanOrEqualTo(3).doesNotContain("");
            assertThat(samples).anyMatch(s -> s.kind() == SeedKind.MARKDOWN);
            for (Seed s : samples) {
                assertThat(s.chars()).as(s.name()).isGreaterThan(200);
            }

            SampleWorkspace.Result second = SampleWorkspace.ensure(ws);
            assertThat(second.seeds()).isZero();
            assertThat(second.taxonomies()).isZero();
            assertThat(ws.seeds().count()).isEqualTo(files.size());
            assertThat(ws.taxonomies().all()).hasSize(17);
        }
    }

    @Test
    void theSampleIsNotAddedAgainAfterReopeningOrAfterTheCuratorDeletedIt() {
        Path dir = tmp.resolve("ws");
        try (Workspace ws = Workspace.open(dir)) {
            SampleWorkspace.ensure(ws);
            List<Long> ids =
                    ws.seeds().list(SeedFilter.ALL).stream().map(Seed::id).toList();
            ws.seeds().delete(ids);
        }
        try (Workspace ws = Workspace.open(dir)) {
            SampleWorkspace.Result again = SampleWorkspace.ensure(ws);
            assertThat(again.seeds()).isZero();
            assertThat(again.taxonomies()).isZero();
            assertThat(ws.seeds().count()).isZero();
        }
    }

    @Test
    void aWorkspaceThatAlreadyHasSeedsOrTaxonomiesKeepsThem() throws Exception {
        try (Workspace ws = Workspace.open(tmp.resolve("ws"))) {
            ws.seeds()
                    .insertNew(List.of(
                            NewSeed.of("mine.txt", "mine.txt", SeedKind.TEXT, "", List.of("mine"), "my own seed")));
            Taxonomy mine = new Taxonomy("coding", new TaxonomyNode("My coding", "", 1, true));
            ws.taxonomies().save(mine);

            SampleWorkspace.Result r = SampleWorkspace.ensure(ws);

            assertThat(r.seeds()).isZero();
            assertThat(r.taxonomies()).isEqualTo(16);
            assertThat(ws.seeds().count()).isEqualTo(1);
            assertThat(ws.taxonomies().find("coding").orElseThrow().sameAs(mine))
                    .isTrue();
        }
    }

    @Test
    void withoutSampleSeedsOnlyTaxonomiesAreAdded() {
        try (Workspace ws = Workspace.open(tmp.resolve("ws"))) {
            SampleWorkspace.Result r = SampleWorkspace.ensure(ws, false);
            assertThat(r.seeds()).isZero();
            assertThat(r.taxonomies()).isEqualTo(17);
            assertThat(ws.seeds().count()).isZero();
        }
    }

    @Test
    void shippedTaxonomiesComeFromTheClasspath() {
        List<Taxonomy> shipped = SampleWorkspace.shippedTaxonomies();
        assertThat(shipped).hasSize(17);
        assertThat(shipped).extracting(Taxonomy::skillId).isSorted().doesNotHaveDuplicates();
        assertThat(ClasspathFolder.find("sample-seeds")).isPresent();
        assertThat(ClasspathFolder.find("no-such-folder")).isEmpty();
    }
}
