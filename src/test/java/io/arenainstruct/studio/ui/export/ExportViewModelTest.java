package io.arenainstruct.studio.ui.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.cli.Cli;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.service.export.ExportFormat;
import io.arenainstruct.studio.service.export.ExportSelect;
import io.arenainstruct.studio.service.export.VerdictUse;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.arena.ArenaFixture;
import io.arenainstruct.studio.ui.export.ExportViewModel.Count;
import io.arenainstruct.studio.ui.export.ExportViewModel.Rule;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;

/**
 * The Export area's rules and counts on a real store: four battles m1 against m2 on "Prompt 1" … "Prompt 4"
 * (categories Math, Code, Math, Code; arena prompts, so no skill). The judge found m1 better (A&gt;B, not strong) on
 * battle 1, m2 much better (B&gt;&gt;A, strong) on battle 2 and a tie on battle 3; battle 4 is not judged. No people
 * voted. Every count below follows from that by hand.
 */
class ExportViewModelTest {
    @TempDir
    Path tmp;

    private final CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
    private final FakeDialogService dialogs = new FakeDialogService();
    private Workspace ws;
    private ExportViewModel model;

    @BeforeEach
    void setUp() {
        ws = Workspace.open(tmp.resolve("store"));
        ArenaFixture plant = new ArenaFixture(ws);
        List<Long> ids = plant.battles(4);
        plant.judged(
                ids.get(0),
                "judge-x",
                GradedLabel.A_BETTER,
                GradedLabel.B_BETTER,
                GradedLabel.A_BETTER,
                BattleStatus.JUDGED,
                false);
        plant.judged(
                ids.get(1),
                "judge-x",
                GradedLabel.B_MUCH_BETTER,
                GradedLabel.A_MUCH_BETTER,
                GradedLabel.B_MUCH_BETTER,
                BattleStatus.JUDGED,
                false);
        plant.judged(
                ids.get(2), "judge-x", GradedLabel.TIE, GradedLabel.TIE, GradedLabel.TIE, BattleStatus.JUDGED, false);
        model = new ExportViewModel(ws.exports(), () -> ExportView.choices(ws), tasks, dialogs);
    }

    @AfterEach
    void tearDown() {
        model.close();
        ws.close();
    }

    @Test
    void dpoCountsTheDecidedBattlesAndSaysWhatEachRuleLeftOut() {
        model.format().set(ExportFormat.DPO);

        assertThat(model.select().get()).isEqualTo(ExportSelect.DPO);
        assertThat(model.problem().get()).isEmpty();
        assertThat(model.summary().get())
                .isEqualTo("2 of 4 battles give 2 rows; left out: 1 was a tie, 1 was not judged yet.");
        assertThat(model.removed()).containsExactly(new Count("were ties", 1), new Count("were not judged yet", 1));
        assertThat(model.perCategory()).containsExactly(new Count("Code", 1), new Count("Math", 1));
        assertThat(model.perSkill()).containsExactly(new Count("(no skill)", 2));
        assertThat(model.nothing().get()).isEmpty();
        assertThat(model.sample().get().split("\n\n"))
                .containsExactly(
                        "{\"prompt\":\"Prompt 1\",\"chosen\":\"m1 answers Prompt 1\","
                                + "\"rejected\":\"m2 answers Prompt 1\"}",
                        "{\"prompt\":\"Prompt 2\",\"chosen\":\"m2 answers Prompt 2\","
                                + "\"rejected\":\"m1 answers Prompt 2\"}");
        assertThat(model.computing().get()).isFalse();
    }

    @Test
    void eachRuleChangesTheCounts() {
        model.format().set(ExportFormat.DPO);

        // only the battles m2 lost: battle 1
        model.target().set("m2");
        assertThat(model.summary().get())
                .isEqualTo("1 of 4 battles gives 1 row; left out: 1 was not lost by m2, 1 was a tie,"
                        + " 1 was not judged yet.");

        // battle 1's A>B is not strong, so nothing of what m2 lost is left
        model.strongOnly().set(true);
        assertThat(model.nothing().get()).startsWith("Nothing to export: of 4 battles,");
        model.target().set(null);
        assertThat(model.summary().get())
                // a tie counts as a tie before strength is asked (BattleSource)
                .isEqualTo("1 of 4 battles gives 1 row; left out: 1 had no strong verdict, 1 was a tie, 1 was not"
                        + " judged yet.");
        assertThat(model.perCategory()).containsExactly(new Count("Code", 1));

        // KTO with ties: battles 1 (not strong: off again), 2 and 3 give two rows each
        model.strongOnly().set(false);
        model.format().set(ExportFormat.KTO);
        assertThat(model.select().get()).isEqualTo(ExportSelect.KTO);
        model.allowTies().set(true);
        assertThat(model.summary().get()).isEqualTo("3 of 4 battles give 6 rows; left out: 1 was not judged yet.");
        assertThat(model.perCategory()).containsExactly(new Count("Code", 2), new Count("Math", 4));

        // people decide only: nobody voted
        model.verdicts().set(VerdictUse.HUMAN_ONLY);
        assertThat(model.nothing().get()).isEqualTo("Nothing to export: all 4 battles had no verdict from people.");
        assertThat(model.perCategory()).isEmpty();
        assertThat(model.sample().get()).isEmpty();
    }

    @Test
    void badValuesShowTheirSentenceBesideTheFormNotADialog() {
        model.format().set(ExportFormat.DPO);
        model.minChars().set("50");
        model.maxChars().set("10");
        assertThat(model.problem().get())
                .isEqualTo("The shortest answer (50 characters) is longer than the longest (10).");
        assertThat(model.counts().get()).isNull();
        assertThat(model.summary().get()).isEmpty();

        model.minChars().set("");
        model.maxChars().set("");
        model.limit().set("a few");
        assertThat(model.problem().get()).isEqualTo("The row limit must be a whole number, not \"a few\".");

        model.limit().set("1");
        assertThat(model.problem().get()).isEmpty();
        // one row, shared among Code and Math by their (equal) weights
        assertThat(model.summary().get())
                .isEqualTo("1 of 4 battles gives 1 row; left out: 1 was a tie, 1 was not judged yet,"
                        + " 1 was over its category's share of the row limit.");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void instructionsWithoutARunSayThereIsNothingToChooseFrom() {
        model.visit();
        assertThat(model.select().get()).isEqualTo(ExportSelect.INSTRUCTIONS);
        assertThat(model.nothing().get())
                .isEqualTo("Nothing to export: there are no instructions to choose from (run a flow first).");
        assertThat(model.models()).containsExactly("m1", "m2");
        assertThat(model.categories()).containsExactly("Code", "Math");
    }

    @Test
    void theSelectionsOfferedFitTheFormatAndTheRulesThatDoNotApplySayWhy() {
        assertThat(model.selects()).containsExactly(ExportSelect.INSTRUCTIONS, ExportSelect.SFT);
        model.select().set(ExportSelect.SFT);
        model.format().set(ExportFormat.SHAREGPT);
        assertThat(model.select().get()).isEqualTo(ExportSelect.SFT);
        model.format().set(ExportFormat.DPO_CHAT);
        assertThat(model.selects()).containsExactly(ExportSelect.DPO);
        assertThat(model.select().get()).isEqualTo(ExportSelect.DPO);

        assertThat(ExportViewModel.notApplicable(Rule.TIES, ExportSelect.DPO, false))
                .contains("KTO only");
        assertThat(ExportViewModel.notApplicable(Rule.TIES, ExportSelect.KTO, false))
                .isNull();
        assertThat(ExportViewModel.notApplicable(Rule.TIES, ExportSelect.KTO, true))
                .contains("without a target");
        assertThat(ExportViewModel.notApplicable(Rule.BEST_PAIR, ExportSelect.DPO, true))
                .isNull();
        assertThat(ExportViewModel.notApplicable(Rule.BEST_PAIR, ExportSelect.SFT, false))
                .contains("DPO");
        assertThat(ExportViewModel.notApplicable(Rule.ACCEPTED, ExportSelect.INSTRUCTIONS, false))
                .isNull();
        assertThat(ExportViewModel.notApplicable(Rule.TARGET, ExportSelect.INSTRUCTIONS, false))
                .contains("not to run instructions");
        assertThat(ExportViewModel.notApplicable(Rule.MIN_GAP, ExportSelect.KTO, false))
                .isNull();
    }

    @Test
    void aStaleComputationsResultIsNotShown() {
        model.format().set(ExportFormat.DPO);
        tasks.hold();
        model.strongOnly().set(true);
        model.strongOnly().set(false);
        model.strongOnly().set(true);
        assertThat(model.computing().get()).isTrue();
        // the newest (strong only: 1 row) ends first, an older one (2 rows) after it
        int n = tasks.heldCount();
        assertThat(n).isEqualTo(3);
        tasks.runHeld(2, 1, 0);
        assertThat(model.counts().get().rows()).isEqualTo(1);
        assertThat(model.computing().get()).isFalse();
    }

    @Test
    void aSampleLineOfHugeModelTextIsCutForDisplay() {
        String huge = "x".repeat(5_000);
        String shown = ExportViewModel.shown(huge);
        assertThat(shown).startsWith("x".repeat(2_000) + " … (3,000 more characters in the file)");
        assertThat(ExportViewModel.shown("short")).isEqualTo("short");
        // never half a surrogate pair
        String emoji = "a".repeat(1_999) + "\uD83D\uDE00" + "b".repeat(10);
        assertThat(ExportViewModel.shown(emoji)).startsWith("a".repeat(1_999) + " … (12 more");
    }

    @Test
    void metadataShowsInTheSample() {
        model.format().set(ExportFormat.DPO);
        model.metadata().set(true);
        assertThat(model.sample().get().split("\n\n")[0])
                .startsWith("{\"prompt\":\"Prompt 1\",\"chosen\":\"m1 answers Prompt 1\","
                        + "\"rejected\":\"m2 answers Prompt 1\",\"metadata\":{");
    }

    @Test
    void exportWritesTheFileAndReplacesAnExistingOneOnlyAfterConfirmation() throws Exception {
        model.format().set(ExportFormat.DPO);
        Path out = tmp.resolve("out.jsonl");
        List<String> expected = List.of(
                "{\"prompt\":\"Prompt 1\",\"chosen\":\"m1 answers Prompt 1\",\"rejected\":\"m2 answers Prompt 1\"}",
                "{\"prompt\":\"Prompt 2\",\"chosen\":\"m2 answers Prompt 2\",\"rejected\":\"m1 answers Prompt 2\"}");

        dialogs.saveFiles.add(out);
        model.export();
        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(model.exportMessage().get()).isEqualTo("Wrote 2 rows to " + out + ".");
        assertThat(dialogs.confirms).isEmpty();

        Files.writeString(out, "keep me\n");
        dialogs.confirmAnswer = false;
        dialogs.saveFiles.add(out);
        model.export();
        assertThat(dialogs.confirms).hasSize(1);
        assertThat(Files.readString(out)).isEqualTo("keep me\n");

        dialogs.confirmAnswer = true;
        dialogs.saveFiles.add(out);
        model.export();
        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).isEqualTo(expected);

        // a bare name gets .jsonl
        dialogs.saveFiles.add(tmp.resolve("bare"));
        model.export();
        assertThat(tmp.resolve("bare.jsonl")).exists();
    }

    @Test
    void aDatasetFolderCarriesACardWhoseCommandWritesTheSameBytes() throws Exception {
        ExportViewModel withStore =
                new ExportViewModel(ws.exports(), () -> ExportView.choices(ws), tasks, dialogs, ws.storeName());
        withStore.format().set(ExportFormat.DPO_CHAT);
        withStore.strongOnly().set(true);
        withStore.metadata().set(true);
        withStore.license().set("cc-by-4.0");
        Path folder = tmp.resolve("dataset");
        dialogs.folders.add(folder);
        withStore.exportFolder();
        assertThat(withStore.exportMessage().get()).isEqualTo("Wrote 1 row and a dataset card to " + folder + ".");
        String card = Files.readString(folder.resolve("README.md"), StandardCharsets.UTF_8);
        assertThat(card).contains("license: cc-by-4.0");
        Matcher command = Pattern.compile("```sh\\n(.*?)\\n```", Pattern.DOTALL).matcher(card);
        assertThat(command.find()).isTrue();
        assertThat(command.group(1))
                .isEqualTo("arenainstruct-studio --store " + ws.directory() + " export --format dpo-chat --select dpo"
                        + " --out " + folder + " --card --strong-only --metadata --license cc-by-4.0");
        withStore.close();

        // the command, run on the same store after the app, writes the same bytes
        byte[] data = Files.readAllBytes(folder.resolve("data/train.jsonl"));
        byte[] readme = Files.readAllBytes(folder.resolve("README.md"));
        Files.move(folder, tmp.resolve("first"));
        ws.close();
        String[] words = command.group(1).split(" ");
        int code = Cli.run(
                Arrays.copyOfRange(words, 1, words.length),
                gui -> {
                    throw new AssertionError("no GUI");
                },
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        assertThat(code).isZero();
        assertThat(Files.readAllBytes(folder.resolve("data/train.jsonl"))).isEqualTo(data);
        assertThat(Files.readAllBytes(folder.resolve("README.md"))).isEqualTo(readme);
    }

    @Test
    void aPathThatCannotBeWrittenGivesASentenceAndNoFile() throws Exception {
        model.format().set(ExportFormat.DPO);
        Path notAFolder = Files.writeString(tmp.resolve("plain.txt"), "x");
        Path out = notAFolder.resolve("out.jsonl");
        dialogs.saveFiles.add(out);
        model.export();
        assertThat(dialogs.errors)
                .containsExactly(
                        "Cannot export: Cannot write " + out + ": " + notAFolder + " is a file, not a folder.");
        assertThat(model.exportMessage().get()).isEqualTo(dialogs.errors.get(0).substring("Cannot export: ".length()));
    }

    @Test
    void exportingNothingSaysWhyAndAsksForNoFile() {
        model.format().set(ExportFormat.DPO);
        model.verdicts().set(VerdictUse.HUMAN_ONLY);
        dialogs.saveFiles.add(tmp.resolve("never.jsonl"));
        model.export();
        assertThat(dialogs.infos)
                .containsExactly("Nothing to export: Nothing to export: all 4 battles had no verdict from people.");
        assertThat(tmp.resolve("never.jsonl")).doesNotExist();
    }
}
