package io.arenainstruct.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.arena.ArenaFixture;

/** {@code export}'s own checks on a small planted store: one battle m1 against m2, m1 winning by the judge. */
class ExportCommandTest {
    @TempDir
    Path tmp;

    private Path store;

    @BeforeEach
    void plant() {
        store = tmp.resolve("store");
        try (Workspace ws = Workspace.open(store)) {
            ArenaFixture arena = new ArenaFixture(ws);
            long id = arena.battle("Fine?", "m1", "yes", "m2", "no");
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

    @Test
    void aCardsLicenseOrLanguageIsCheckedBeforeAnythingIsWritten() {
        Path folder = tmp.resolve("dataset");
        CliRun license =
                CliRun.on(store, "export", "--format", "dpo", "--out", folder, "--card", "--license", "Not A License");
        assertThat(license.code()).as(license.err()).isEqualTo(Cli.USAGE);
        assertThat(license.err())
                .startsWith("error: \"Not A License\" is not a Hugging Face license id such as apache-2.0")
                .doesNotContain("Exception");
        assertThat(license.out()).as("no plan was made").isEmpty();
        assertThat(folder).doesNotExist();

        CliRun language =
                CliRun.on(store, "export", "--format", "dpo", "--out", folder, "--card", "--language", "English");
        assertThat(language.code()).as(language.err()).isEqualTo(Cli.USAGE);
        assertThat(language.err()).startsWith("error: \"English\" is not a language code such as en");
        assertThat(folder).doesNotExist();
    }

    @Test
    void aFolderAskedForWhereAFileIsSaysSoAndAFolderNamedWithASlashIsAFolder() throws Exception {
        Path file = tmp.resolve("notes.txt");
        Files.writeString(file, "mine");
        CliRun card = CliRun.on(store, "export", "--format", "dpo", "--out", file, "--card", "--force");
        assertThat(card.code()).as(card.err()).isEqualTo(Cli.FAILED);
        assertThat(card.err())
                .isEqualTo("error: cannot write a dataset folder at " + file + ": it is a file. Nothing was written;"
                        + " the store is unchanged.\n");
        assertThat(Files.readString(file)).isEqualTo("mine");

        // "--out new/" names a folder even before it exists: the folder and its card, not a file called "new"
        Path folder = tmp.resolve("new");
        CliRun slash = CliRun.on(store, "export", "--format", "dpo", "--out", folder + "/");
        assertThat(slash.code()).as(slash.err()).isZero();
        assertThat(folder.resolve("data/train.jsonl")).isRegularFile();
        assertThat(folder.resolve("README.md")).isRegularFile();
    }
}
