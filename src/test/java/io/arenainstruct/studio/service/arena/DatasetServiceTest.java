package io.arenainstruct.studio.service.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.arena.ArenaDataset;
import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.ArenaResponse;
import io.arenainstruct.studio.domain.arena.InstructionSelection;
import io.arenainstruct.studio.domain.arena.ResponseOrigin;
import io.arenainstruct.studio.domain.llm.Message;
import io.arenainstruct.studio.service.arena.DatasetImportReport.FileFormat;
import io.arenainstruct.studio.service.arena.DatasetImportReport.Rejection;
import io.arenainstruct.studio.service.arena.formats.DatasetFormat;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.task.ProgressListener;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.Store;

class DatasetServiceTest {
    static final Path FIXTURES = Path.of("src/test/resources/datasets");
    static final Path SAMPLE = Path.of("src/test/resources/arena-hard-sample");

    @TempDir
    Path tmp;

    private Store store;
    private ArenaRepository arena;
    private DatasetService datasets;
    private final VerdictChanges changes = new VerdictChanges();

    @BeforeEach
    void open() {
        store = Store.open(tmp.resolve("ws"));
        arena = new ArenaRepository(store);
        datasets = new DatasetService(arena, changes);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private DatasetImportReport importAuto(Path... files) {
        return datasets.importFiles(List.of(files), null, null, null, ProgressListener.NONE, Cancellation.NEVER);
    }

    private DatasetImportReport importAs(DatasetFormat format, String model, Path... files) {
        return datasets.importFiles(List.of(files), format, null, model, ProgressListener.NONE, Cancellation.NEVER);
    }

    private static List<Integer> rejectedLines(DatasetImportReport report) {
        return report.rejections().stream().map(Rejection::line).toList();
    }

    private ArenaInstruction byPrompt(String dataset, String prompt) {
        return arena.instructions(InstructionSelection.dataset(dataset)).stream()
                .filter(i -> i.prompt().equals(prompt))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no instruction " + prompt));
    }

    private List<String> responsesOf(ArenaInstruction i) {
        return arena.responses(i.id()).stream()
                .map(r -> r.model() + ": " + r.text())
                .toList();
    }

    // ---- each format round-trips its fixture, bad lines reported by line ----

    /** Stored questions may complete battles imported before them: the Leaderboard is told once per import. */
    @Test
    void anImportThatStoredAnythingTellsOfAVerdictChangeOnceAndOneThatStoredNothingDoesNot() throws Exception {
        Path empty = Files.writeString(tmp.resolve("empty.jsonl"), "");
        importAuto(empty);
        assertThat(changes.version()).isZero();

        // detection cannot tell its format, and the answers have no question: all rejected, nothing stored
        importAuto(FIXTURES.resolve("arena-hard-questions.jsonl"), FIXTURES.resolve("arena-hard-answers.jsonl"));
        assertThat(changes.version()).isZero();

        DatasetImportReport report =
                importAs(DatasetFormat.ARENA_HARD, null, FIXTURES.resolve("arena-hard-questions.jsonl"));
        assertThat(report.instructions()).isPositive();
        assertThat(changes.version()).isEqualTo(1);
    }

    @Test
    void openAiChatKeepsTurnsAndTrailingAnswersAndReportsEachBadLine() {
        DatasetImportReport report = importAuto(FIXTURES.resolve("openai.jsonl"));

        assertThat(report.formats())
                .containsExactly(new FileFormat(FIXTURES.resolve("openai.jsonl").toString(), "openai", true));
        assertThat(report.instructions()).isEqualTo(5);
        assertThat(report.responses()).isEqualTo(2);
        assertThat(rejectedLines(report)).containsExactly(3, 5, 6, 7, 8, 10, 12);
        assertThat(report.rejections().get(0).reason())
                .contains("names no model")
                .contains("instruction was imported");
        assertThat(report.rejections().get(1).reason()).startsWith("not valid JSON");
        assertThat(report.rejections().get(2).reason()).contains("message 1 is assistant where user was due");
        assertThat(report.rejections().get(3).reason()).isEqualTo("the text of message 1 is empty");
        assertThat(report.rejections().get(4).reason()).isEqualTo("\"messages\" is a string, not a list");
        assertThat(report.rejections().get(5).reason()).contains("the role \"tool\"");

        ArenaInstruction multi = byPrompt("openai", "Name a prime.");
        assertThat(multi.context())
                .containsExactly(Message.system("Be brief."), Message.user("Hi"), Message.assistant("Hello."));
        assertThat(multi.category()).isEqualTo("Math");
        assertThat(multi.turns()).isEqualTo(2);
        assertThat(responsesOf(multi)).containsExactly("m-meta: 7");
        assertThat(responsesOf(byPrompt("openai", "Say yes."))).containsExactly("m-top: Yes.");
        assertThat(responsesOf(byPrompt("openai", "Count to three."))).isEmpty();
        assertThat(byPrompt("openai", "Only a question.").context()).isEmpty();
        assertThat(byPrompt("openai", "Part one. Part two.").category()).isNull();
        assertThat(arena.instructions(InstructionSelection.all())).hasSize(5);
        assertThat(arena.responses(byPrompt("openai", "Say yes.").id()))
                .singleElement()
                .satisfies(r -> assertThat(r.origin()).isEqualTo(ResponseOrigin.IMPORTED));
    }

    @Test
    void aModelNamedOnTheCommandLineTakesTheAnswersThatNameNone() {
        DatasetImportReport report = importAs(DatasetFormat.OPENAI, "m-default", FIXTURES.resolve("openai.jsonl"));

        assertThat(report.responses()).isEqualTo(3);
        assertThat(rejectedLines(report)).containsExactly(5, 6, 7, 8, 10, 12);
        assertThat(responsesOf(byPrompt("openai", "Count to three."))).containsExactly("m-default: 1 2 3");
        // a model the line names wins over the default
        assertThat(responsesOf(byPrompt("openai", "Say yes."))).containsExactly("m-top: Yes.");
    }

    @Test
    void shareGptReadsItsSpeakerNames() {
        DatasetImportReport report = importAuto(FIXTURES.resolve("sharegpt.jsonl"));

        assertThat(report.formats()).extracting(FileFormat::format).containsExactly("sharegpt");
        assertThat(report.instructions()).isEqualTo(3);
        assertThat(report.responses()).isEqualTo(1);
        assertThat(rejectedLines(report)).containsExactly(3, 4, 5, 6, 7);
        assertThat(report.rejections().get(0).reason()).contains("message 2 is user where assistant was due");
        assertThat(report.rejections().get(1).reason()).contains("is from \"robot\"");
        assertThat(report.rejections().get(2).reason()).isEqualTo("the text of message 1 is a number, not a string");
        assertThat(report.rejections().get(3).reason()).contains("names no model");
        assertThat(report.rejections().get(4).reason()).isEqualTo("not a JSON object");

        ArenaInstruction first = byPrompt("sharegpt", "Capital of France?");
        assertThat(first.context()).containsExactly(Message.system("You are terse."));
        assertThat(responsesOf(first)).containsExactly("m-share: Paris.");
        assertThat(arena.instructionByExternalId("sharegpt", "sg1")).contains(first.id());
        ArenaInstruction second = byPrompt("sharegpt", "Second?");
        assertThat(second.context()).containsExactly(Message.user("First?"), Message.assistant("One."));
        assertThat(responsesOf(second)).isEmpty();
        assertThat(responsesOf(byPrompt("sharegpt", "Hi"))).isEmpty();
    }

    @Test
    void alpacaOutputsAreReferencesUnlessAModelIsNamed() {
        DatasetImportReport report = importAuto(FIXTURES.resolve("alpaca.jsonl"));

        assertThat(report.formats()).extracting(FileFormat::format).containsExactly("alpaca");
        assertThat(report.instructions()).isEqualTo(3);
        assertThat(report.responses()).isZero();
        assertThat(rejectedLines(report)).containsExactly(3, 4, 5);
        assertThat(report.rejections())
                .extracting(Rejection::reason)
                .containsExactly(
                        "\"instruction\" is empty",
                        "no \"instruction\" field",
                        "\"instruction\" is a list, not a string");
        ArenaInstruction translate = byPrompt("alpaca", "Translate to French.\n\nGood morning");
        assertThat(translate.reference()).isEqualTo("Bonjour");
        assertThat(translate.category()).isNull();
        ArenaInstruction colours = byPrompt("alpaca", "List three colours.");
        assertThat(colours.reference()).isEqualTo("red, green, blue");
        assertThat(colours.category()).isEqualTo("Lists");
        assertThat(byPrompt("alpaca", "Write nothing.").reference()).isNull();
    }

    @Test
    void alpacaOutputsAreResponsesOfTheNamedModel() {
        DatasetImportReport report = importAs(null, "m-alpaca", FIXTURES.resolve("alpaca.jsonl"));

        assertThat(report.responses()).isEqualTo(2);
        ArenaInstruction translate = byPrompt("alpaca", "Translate to French.\n\nGood morning");
        assertThat(translate.reference()).isNull();
        assertThat(responsesOf(translate)).containsExactly("m-alpaca: Bonjour");
        assertThat(responsesOf(byPrompt("alpaca", "List three colours.")))
                .containsExactly("m-alpaca: red, green, blue");
    }

    @Test
    void plainPromptsTakePromptOrText() {
        DatasetImportReport report = importAuto(FIXTURES.resolve("prompts.jsonl"));

        assertThat(report.formats()).extracting(FileFormat::format).containsExactly("prompts");
        assertThat(report.instructions()).isEqualTo(2);
        assertThat(report.instructionsPresent()).isEqualTo(1); // line 6 repeats line 1
        assertThat(rejectedLines(report)).containsExactly(3, 4, 5, 7);
        assertThat(arena.instructions(InstructionSelection.dataset("prompts")))
                .extracting(ArenaInstruction::prompt, ArenaInstruction::category)
                .containsExactly(tuple("Explain recursion.", "CS"), tuple("Write a haiku.", null));
    }

    @Test
    void arenaHardAnswersMeetTheirQuestionsByUidWhicheverFileComesFirst() {
        DatasetImportReport report = importAs(
                DatasetFormat.ARENA_HARD,
                null,
                FIXTURES.resolve("arena-hard-answers.jsonl"),
                FIXTURES.resolve("arena-hard-questions.jsonl"));

        assertThat(report.instructions()).isEqualTo(2);
        assertThat(report.responses()).isEqualTo(2);
        assertThat(report.rejections())
                .extracting(r -> r.file().endsWith("answers.jsonl") ? "a" + r.line() : "q" + r.line())
                .containsExactlyInAnyOrder("q3", "q4", "a3", "a4", "a5", "a6");
        assertThat(report.rejections())
                .filteredOn(r -> r.file().endsWith("answers.jsonl") && r.line() == 3)
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("no question with the uid \"q404\""));
        // the benchmark names the dataset; the cluster is the category, else the category field
        ArenaInstruction q1 = byPrompt("bench-x", "Solve 2+2.");
        assertThat(q1.category()).isEqualTo("Puzzles");
        assertThat(byPrompt("bench-x", "Name a colour.").category()).isEqualTo("bench-x");
        assertThat(arena.responses(q1.id()))
                .extracting(ArenaResponse::model, ArenaResponse::text, ArenaResponse::externalId)
                .containsExactly(tuple("m1", "4", "a1"));
        assertThat(responsesOf(byPrompt("bench-x", "Name a colour."))).containsExactly("m1: Blue.");
    }

    @Test
    void arenaHardAnswersImportedLaterFindQuestionsInTheStore() {
        importAs(DatasetFormat.ARENA_HARD, null, FIXTURES.resolve("arena-hard-questions.jsonl"));

        DatasetImportReport answers = importAuto(FIXTURES.resolve("arena-hard-answers.jsonl"));

        assertThat(answers.formats()).extracting(FileFormat::format).containsExactly("arena-hard");
        assertThat(answers.instructions()).isZero();
        assertThat(answers.responses()).isEqualTo(2);
        assertThat(rejectedLines(answers)).containsExactlyInAnyOrder(3, 4, 5, 6);
        assertThat(responsesOf(byPrompt("bench-x", "Solve 2+2."))).containsExactly("m1: 4");
    }

    @Test
    void theRealArenaHardSampleImportsFortyQuestionsAndEightyAnswersInEitherOrder() {
        Path questions = SAMPLE.resolve("question.jsonl");
        Path gpt4 = SAMPLE.resolve("gpt-4-0314.jsonl");
        Path gpt35 = SAMPLE.resolve("gpt-3.5-turbo-0125.jsonl");

        DatasetImportReport report = importAuto(gpt4, questions, gpt35);

        assertThat(report.rejections()).isEmpty();
        assertThat(report.formats()).extracting(FileFormat::format).containsOnly("arena-hard");
        assertThat(report.instructions()).isEqualTo(40);
        assertThat(report.responses()).isEqualTo(80);
        assertThat(datasets.list())
                .extracting(
                        ArenaDataset::name, ArenaDataset::format, ArenaDataset::instructions, ArenaDataset::responses)
                .containsExactly(tuple("arena-hard-v0.1", "arena-hard", 40, 80));
        List<ArenaInstruction> all = arena.instructions(InstructionSelection.dataset("arena-hard-v0.1"));
        // 20 clusters in the first 40 questions (counted in the file with a separate script)
        assertThat(all.stream().map(ArenaInstruction::category).distinct()).hasSize(20);
        long abc = arena.instructionByExternalId("arena-hard-v0.1", "328c149ed45a41c0b9d6f14659e63599")
                .orElseThrow();
        ArenaInstruction melody = arena.instruction(abc).orElseThrow();
        assertThat(melody.prompt()).isEqualTo("Use ABC notation to write a melody in the style of a folk tune.");
        assertThat(melody.category()).isEqualTo("ABC Sequence Puzzles & Groups");
        assertThat(arena.responses(abc))
                .extracting(ArenaResponse::model)
                .containsExactlyInAnyOrder("gpt-4-0314", "gpt-3.5-turbo-0125");
        long images = arena.instructionByExternalId("arena-hard-v0.1", "04ba0aeb79524f6c8520d47cada34f25")
                .orElseThrow();
        assertThat(arena.responses(images))
                .filteredOn(r -> r.model().equals("gpt-4-0314"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.text()).startsWith("To find the closest image in the dataset to a new image");
                    assertThat(r.externalId()).isEqualTo("TuBBnPh9xiKSvAvW8KPXJC");
                });

        DatasetImportReport questionsLast = importAuto(gpt35, gpt4, questions);
        assertThat(questionsLast.instructions()).isZero();
        assertThat(questionsLast.responses()).isZero();
        assertThat(questionsLast.instructionsPresent()).isEqualTo(40);
        assertThat(questionsLast.responsesPresent()).isEqualTo(80);
    }

    @Test
    void importingTheSameFilesTwiceAddsNothing() {
        Path[] files = {
            FIXTURES.resolve("openai.jsonl"),
            FIXTURES.resolve("sharegpt.jsonl"),
            FIXTURES.resolve("alpaca.jsonl"),
            FIXTURES.resolve("prompts.jsonl")
        };
        DatasetImportReport first = importAuto(files);
        DatasetImportReport again = importAuto(files);

        assertThat(first.instructions()).isEqualTo(5 + 3 + 3 + 2);
        assertThat(first.responses()).isEqualTo(2 + 1);
        assertThat(again.instructions()).isZero();
        assertThat(again.responses()).isZero();
        assertThat(again.instructionsPresent()).isEqualTo(first.instructions() + first.instructionsPresent());
        assertThat(again.responsesPresent()).isEqualTo(3);
        assertThat(again.rejected()).isEqualTo(first.rejected());
        assertThat(arena.instructions(InstructionSelection.all())).hasSize(13);
        assertThat(datasets.list())
                .extracting(
                        ArenaDataset::name, ArenaDataset::format, ArenaDataset::instructions, ArenaDataset::responses)
                .containsExactly(
                        tuple("openai", "openai", 5, 2),
                        tuple("sharegpt", "sharegpt", 3, 1),
                        tuple("alpaca", "alpaca", 3, 0),
                        tuple("prompts", "prompts", 2, 0));
    }

    @Test
    void aNamedDatasetTakesEveryFile() {
        DatasetImportReport report = datasets.importFiles(
                List.of(FIXTURES.resolve("prompts.jsonl"), FIXTURES.resolve("alpaca.jsonl")),
                null,
                "mixed",
                null,
                ProgressListener.NONE,
                Cancellation.NEVER);

        assertThat(report.instructions()).isEqualTo(5);
        assertThat(datasets.list())
                .extracting(ArenaDataset::name, ArenaDataset::instructions)
                .containsExactly(tuple("mixed", 5));
    }

    // ---- detection ----

    @Test
    void detectionNamesTheFormatOfEachFile() {
        DatasetImportReport report = importAuto(
                FIXTURES.resolve("prompts.jsonl"),
                FIXTURES.resolve("sharegpt.jsonl"),
                FIXTURES.resolve("arena-hard-answers.jsonl"),
                FIXTURES.resolve("openai.jsonl"),
                FIXTURES.resolve("alpaca.jsonl"));

        assertThat(report.formats())
                .extracting(FileFormat::format, FileFormat::detected)
                .containsExactly(
                        tuple("prompts", true),
                        tuple("sharegpt", true),
                        tuple("arena-hard", true),
                        tuple("openai", true),
                        tuple("alpaca", true));
    }

    @Test
    void anAmbiguousFileIsRejectedWithTheFormatsItCouldBe() throws IOException {
        Path both = write("both.jsonl", "{\"prompt\": \"x\", \"instruction\": \"y\"}\n");
        Path mixed = write("mixed.jsonl", "{\"prompt\": \"x\"}\n{\"conversations\": []}\n");

        DatasetImportReport report = importAuto(both, mixed);

        assertThat(report.formats()).isEmpty();
        assertThat(report.instructions()).isZero();
        assertThat(report.rejections())
                .extracting(Rejection::where, Rejection::reason)
                .containsExactly(
                        tuple(
                                both.toString(),
                                "ambiguous format: the first lines have fields of alpaca and prompts;"
                                        + " name one with --format (supported are openai, sharegpt, alpaca, prompts,"
                                        + " arena-hard)"),
                        tuple(
                                mixed.toString(),
                                "ambiguous format: the first lines have fields of sharegpt and"
                                        + " prompts; name one with --format (supported are openai, sharegpt, alpaca,"
                                        + " prompts, arena-hard)"));
    }

    @Test
    void anUnknownFileIsRejectedWithTheSupportedFormats() throws IOException {
        Path unknown = write("unknown.jsonl", "{\"question\": \"x\"}\n");
        Path notJson = write("notes.jsonl", "hello\nworld\n");

        DatasetImportReport report = importAuto(unknown, notJson);

        assertThat(report.rejections()).hasSize(2);
        assertThat(report.rejections().get(0).reason())
                .startsWith("unknown format")
                .contains("openai (OpenAI chat: \"messages\")", "sharegpt", "alpaca", "prompts", "arena-hard");
        assertThat(report.rejections().get(1).reason())
                .startsWith("cannot tell the format: the first lines are not JSON objects")
                .contains("arena-hard");
        assertThat(report.rejections()).extracting(Rejection::line).containsOnly(0);
    }

    // ---- hostile input ----

    @Test
    void aFiftyMegabyteLineIsSkippedAndTheRestImports() throws IOException {
        Path file = tmp.resolve("huge.jsonl");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("{\"prompt\": \"".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1024 * 1024];
            Arrays.fill(chunk, (byte) 'a');
            for (int i = 0; i < 50; i++) {
                out.write(chunk);
            }
            out.write("\"}\n{\"prompt\": \"After the long line.\"}\n".getBytes(StandardCharsets.US_ASCII));
        }

        DatasetImportReport report = importAs(DatasetFormat.PROMPTS, null, file);

        assertThat(report.rejections()).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(1);
            assertThat(r.reason()).startsWith("the line is longer than the limit of 8.0 MB");
        });
        assertThat(arena.instructions(InstructionSelection.all()))
                .extracting(ArenaInstruction::prompt)
                .containsExactly("After the long line.");
    }

    @Test
    void aLineThatIsNotUtf8IsRejectedAlone() throws IOException {
        Path file = tmp.resolve("latin1.jsonl");
        byte[] bad = "{\"prompt\": \"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] good = "{\"prompt\": \"caf\u00e9 au lait\"}\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bad.length + good.length];
        System.arraycopy(bad, 0, all, 0, bad.length);
        System.arraycopy(good, 0, all, bad.length, good.length);
        Files.write(file, all);

        DatasetImportReport report = importAs(DatasetFormat.PROMPTS, null, file);

        assertThat(report.rejections())
                .extracting(Rejection::line, Rejection::reason)
                .containsExactly(tuple(1, "the line is not valid UTF-8"));
        assertThat(arena.instructions(InstructionSelection.all()))
                .extracting(ArenaInstruction::prompt)
                .containsExactly("caf\u00e9 au lait");
    }

    @Test
    void trailingTextAfterTheObjectAndMissingFilesAreReported() throws IOException {
        Path file = write("two-objects.jsonl", "{\"prompt\": \"a\"} {\"prompt\": \"b\"}\n{\"prompt\": \"c\"}\n");
        Path missing = tmp.resolve("missing.jsonl");

        DatasetImportReport report = importAs(DatasetFormat.PROMPTS, null, file, missing);

        assertThat(report.rejections()).extracting(Rejection::where).containsExactly(file + ":1", missing.toString());
        assertThat(report.rejections().get(0).reason()).startsWith("not valid JSON");
        assertThat(report.rejections().get(1).reason()).isEqualTo("cannot read it: the file does not exist");
        assertThat(report.instructions()).isEqualTo(1);
    }

    @Test
    void anEmptyOrBlankFileIsReported() throws IOException {
        Path empty = write("empty.jsonl", "");
        Path blank = write("blank.jsonl", "\n  \n");

        DatasetImportReport report = importAs(DatasetFormat.OPENAI, null, empty, blank);

        assertThat(report.rejections())
                .extracting(Rejection::where, Rejection::reason)
                .containsExactly(
                        tuple(empty.toString(), "the file has nothing to import: it is empty or blank"),
                        tuple(blank.toString(), "the file has nothing to import: it is empty or blank"));
    }

    // ---- progress and cancellation ----

    @Test
    void progressEndsAtTheFilesSizeAndACancelKeepsTheBatchesDone() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 1200; i++) {
            text.append("{\"prompt\": \"Prompt number ").append(i).append(".\"}\n");
        }
        Path file = write("many.jsonl", text.toString());
        long size = Files.size(file);
        AtomicBoolean cancel = new AtomicBoolean();
        List<String> messages = new ArrayList<>();
        List<long[]> figures = new ArrayList<>();

        DatasetImportReport report = datasets.importFiles(
                List.of(file),
                null,
                null,
                null,
                (done, total, message) -> {
                    messages.add(message);
                    figures.add(new long[] {done, total});
                    if (message.endsWith(": line 1000")) {
                        cancel.set(true);
                    }
                },
                cancel::get);

        // asked to stop when line 1000 was reached: the lines read before it are stored, the rest is not
        assertThat(report.cancelled()).isTrue();
        assertThat(report.instructions()).isEqualTo(1000);
        assertThat(arena.instructions(InstructionSelection.all())).hasSize(1000);
        assertThat(report.summary())
                .isEqualTo(
                        "imported 1000 instructions, 0 responses, rejected 0 (cancelled: the rest was not imported)");
        assertThat(messages).contains(file + ": line 1000").last().isEqualTo("Cancelled");
        assertThat(figures).allSatisfy(f -> assertThat(f[1]).isEqualTo(size));

        DatasetImportReport rest = importAuto(file);
        assertThat(rest.instructions()).isEqualTo(200);
        assertThat(rest.instructionsPresent()).isEqualTo(1000);
    }

    /**
     * Arena-Hard question "81" of two benchmarks that reuse the id, stored before the answers come; the other one
     * first, so a lookup across datasets would find it.
     */
    private void twoBenchmarksWithQuestion81() throws IOException {
        importAuto(write("other.jsonl", "{\"uid\": \"81\", \"category\": \"other\", \"prompt\": \"Sort 3, 1, 2.\"}\n"));
        importAuto(write(
                "mt.jsonl", "{\"uid\": \"81\", \"category\": \"mt_bench\", \"prompt\": \"Write a blog post.\"}\n"));
    }

    private Path answerTo81() throws IOException {
        return write(
                "answers.jsonl",
                "{\"uid\": \"81\", \"ans_id\": \"a81\", \"model\": \"m1\", \"messages\": [{\"role\": \"user\","
                        + " \"content\": \"Write a blog post.\"}, {\"role\": \"assistant\", \"content\":"
                        + " {\"answer\": \"Aloha from Hawaii.\"}}]}\n");
    }

    private DatasetImportReport importNamed(String name, Path... files) {
        return datasets.importFiles(List.of(files), null, name, null, ProgressListener.NONE, Cancellation.NEVER);
    }

    @Test
    void answersMeetTheirUidOnlyInTheDatasetTheyAreImportedInto() throws IOException {
        twoBenchmarksWithQuestion81();

        DatasetImportReport report = importNamed("mt_bench", answerTo81());

        assertThat(report.rejections()).isEmpty();
        assertThat(report.responses()).isEqualTo(1);
        assertThat(responsesOf(byPrompt("mt_bench", "Write a blog post."))).containsExactly("m1: Aloha from Hawaii.");
        assertThat(responsesOf(byPrompt("other", "Sort 3, 1, 2."))).isEmpty();

        DatasetImportReport elsewhere = importNamed("bench-y", answerTo81());
        assertThat(elsewhere.rejections())
                .extracting(Rejection::line, Rejection::reason)
                .containsExactly(tuple(
                        1,
                        "no question with the uid \"81\" in the files given or in the dataset \"bench-y\""
                                + " (import its question file too)"));
    }

    @Test
    void answersWithQuestionsLookOnlyInTheQuestionsDatasets() throws IOException {
        twoBenchmarksWithQuestion81();
        Path questions =
                write("q.jsonl", "{\"uid\": \"7\", \"category\": \"mt_bench\", \"prompt\": \"Write a blog post.\"}\n");

        // the file's own questions go to mt_bench: 81 is looked up there, not in "other" (stored first)
        DatasetImportReport report = importAuto(questions, answerTo81());

        assertThat(report.rejections()).isEmpty();
        assertThat(responsesOf(byPrompt("mt_bench", "Write a blog post."))).containsExactly("m1: Aloha from Hawaii.");
        assertThat(responsesOf(byPrompt("other", "Sort 3, 1, 2."))).isEmpty();
    }

    @Test
    void answersAloneAndUnnamedRejectAUidTwoDatasetsGiveToDifferentQuestions() throws IOException {
        twoBenchmarksWithQuestion81();

        DatasetImportReport report = importAuto(answerTo81());

        assertThat(report.responses()).isZero();
        assertThat(report.rejections())
                .extracting(Rejection::line, Rejection::reason)
                .containsExactly(tuple(
                        1,
                        "the uid \"81\" names different instructions in the datasets \"mt_bench\" and \"other\":"
                                + " name the dataset the answers are for"));
        assertThat(arena.responses(byPrompt("other", "Sort 3, 1, 2.").id())).isEmpty();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
    }
}
