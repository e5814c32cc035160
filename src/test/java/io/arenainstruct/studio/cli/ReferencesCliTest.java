package io.arenainstruct.studio.cli;

import static io.arenainstruct.studio.service.curation.CurationFixture.ABC;
import static io.arenainstruct.studio.service.curation.CurationFixture.POEM;
import static io.arenainstruct.studio.service.curation.CurationFixture.POEM_AGAIN;
import static io.arenainstruct.studio.service.curation.CurationFixture.QUESTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.service.curation.CurationFixture;
import io.arenainstruct.studio.service.curation.ReferenceFiles;
import io.arenainstruct.studio.service.workspace.TemporaryUserData;
import io.arenainstruct.studio.service.workspace.Workspace;

/** {@code references import|list|remove} and {@code dedup keep|release} on a real store. */
class ReferencesCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @RegisterExtension
    final TemporaryUserData userData = new TemporaryUserData();

    private Path store() {
        return tmp.resolve("store");
    }

    private void plant() throws IOException {
        try (Workspace ws = Workspace.open(store())) {
            CurationFixture.plant(ws, tmp);
        }
    }

    private List<Long> dropped() throws IOException {
        CliRun r = CliRun.on(store(), "dedup", "--json");
        assertThat(r.code()).isEqualTo(Cli.OK);
        JsonNode report = JSON.readTree(r.out());
        List<Long> ids = new ArrayList<>();
        report.get("contaminated").forEach(c -> ids.add(c.at("/item/id").asLong()));
        report.get("clusters")
                .forEach(c ->
                        c.get("dropped").forEach(d -> ids.add(d.at("/item/id").asLong())));
        return ids;
    }

    @Test
    void anImportedSetIsListedAndUsedByDedupUntilRemoved() throws IOException {
        plant();

        CliRun imported = CliRun.on(store(), "references", "import", QUESTIONS, "--name", "arena-hard");

        assertThat(imported.err()).isEmpty();
        assertThat(imported.code()).isEqualTo(Cli.OK);
        assertThat(imported.out()).isEqualTo("imported arena-hard: 40 prompts from " + QUESTIONS + " (jsonl-prompt)\n");
        JsonNode list =
                JSON.readTree(CliRun.on(store(), "references", "list", "--json").out());
        assertThat(list).hasSize(1);
        assertThat(list.at("/0/name").asText()).isEqualTo("arena-hard");
        assertThat(list.at("/0/source_file").asText()).isEqualTo("question.jsonl");
        assertThat(list.at("/0/format").asText()).isEqualTo("jsonl-prompt");
        assertThat(list.at("/0/prompts").asInt()).isEqualTo(40);
        assertThat(list.at("/0/imported_at").asText()).isNotEmpty();
        assertThat(CliRun.on(store(), "references", "list").out()).endsWith("1 reference set\n");
        // no --against: the stored set is used
        assertThat(dropped()).containsExactly(ABC, POEM_AGAIN);
        CliRun text = CliRun.on(store(), "dedup");
        assertThat(text.out()).contains("shares 13 words in a row with arena-hard prompt " + CurationFixture.ABC_UID);

        CliRun removed = CliRun.on(store(), "references", "remove", "arena-hard");

        assertThat(removed.code()).isEqualTo(Cli.OK);
        assertThat(removed.out()).isEqualTo("removed arena-hard (40 prompts)\n");
        assertThat(dropped()).containsExactly(POEM_AGAIN);
    }

    @Test
    void theSameNameAgainAnUnknownFormatAndAnUnknownSetAreToldInSentences() throws IOException {
        Path csv = Files.writeString(tmp.resolve("bench.csv"), "prompt\nhello\n");
        assertThat(CliRun.on(store(), "references", "import", QUESTIONS).code()).isEqualTo(Cli.OK);

        CliRun again = CliRun.on(store(), "references", "import", csv, QUESTIONS);

        assertThat(again.code()).isEqualTo(Cli.REJECTED);
        assertThat(again.err().lines())
                .containsExactly(
                        "rejected: " + csv + ": not a known reference format (by its name's ending); supported are "
                                + ReferenceFiles.FORMATS,
                        "rejected: A reference set named \"question.jsonl\" is already stored; remove it first to"
                                + " import it again, or import the file under another name.");
        assertThat(again.out()).isEmpty();

        CliRun unknown = CliRun.on(store(), "references", "remove", "nope");
        assertThat(unknown.code()).isEqualTo(Cli.FAILED);
        assertThat(unknown.err())
                .isEqualTo("error: There is no reference set named \"nope\"; the stored ones are question.jsonl.\n");

        CliRun twoNamed = CliRun.on(store(), "references", "import", QUESTIONS, csv, "--name", "x");
        assertThat(twoNamed.code()).isEqualTo(Cli.USAGE);
        assertThat(twoNamed.err()).startsWith("error: --name names one set: give one FILE with it, not 2\n");
    }

    @Test
    void keptItemsAreNotDroppedUntilReleased() throws IOException {
        plant();
        CliRun.on(store(), "references", "import", QUESTIONS);

        CliRun keep = CliRun.on(store(), "dedup", "keep", POEM_AGAIN, ABC, 12345, "--annotator", "ana");

        assertThat(keep.code()).isEqualTo(Cli.REJECTED);
        assertThat(keep.out()).isEqualTo("kept arena prompt 2 (by ana)\nkept arena prompt 3 (by ana)\n");
        assertThat(keep.err()).startsWith("rejected: There is no item 12345 to check");
        assertThat(dropped()).isEmpty();
        JsonNode report = JSON.readTree(CliRun.on(store(), "dedup", "--json").out());
        assertThat(report.at("/clusters/0/kept/id").asLong()).isEqualTo(POEM);
        assertThat(report.at("/clusters/0/kept_back/0/item/id").asLong()).isEqualTo(POEM_AGAIN);
        assertThat(report.at("/clusters/0/kept_back/0/reason").asText()).isEqualTo("kept by ana");
        assertThat(report.at("/kept_contaminated/0/item/id").asLong()).isEqualTo(ABC);
        assertThat(CliRun.on(store(), "dedup").out())
                .contains("  kept back arena prompt 2: write a short poem about the SEA at night;")
                .contains("    kept by ana, instead of: same text after normalisation as arena prompt 1\n")
                .contains("Contaminated, kept back:\n  kept back arena prompt 3: Please help me out");

        CliRun release = CliRun.on(store(), "dedup", "release", POEM_AGAIN);

        assertThat(release.code()).isEqualTo(Cli.OK);
        assertThat(release.out()).isEqualTo("released arena prompt 2 (kept by ana)\n");
        assertThat(dropped()).containsExactly(POEM_AGAIN);
        CliRun again = CliRun.on(store(), "dedup", "release", POEM_AGAIN);
        assertThat(again.code()).isEqualTo(Cli.REJECTED);
        assertThat(again.err()).isEqualTo("rejected: Arena prompt 2 is not kept back: no curator kept its text.\n");
    }

    @Test
    void anItemThatIsNotANumberIsAUsageError() {
        CliRun r = CliRun.on(store(), "dedup", "keep", "instruction-4");

        assertThat(r.code()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).startsWith("error: Invalid value for positional parameter at index 0..* (ITEM)");
    }
}
