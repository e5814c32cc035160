package io.arenainstruct.studio.service.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.SeedFilter;
import io.arenainstruct.studio.domain.SeedKind;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.task.ProgressListener;
import io.arenainstruct.studio.store.SeedRepository;
import io.arenainstruct.studio.store.Store;

class SeedImporterTest {
    private static final long LIMIT = 4096;

    @TempDir
    Path tmp;

    private Store store;
    private SeedRepository seeds;
    private SeedImporter importer;
    private Path folder;

    @BeforeEach
    void open() {
        store = Store.open(tmp.resolve("ws"));
        seeds = new SeedRepository(store);
        importer = new SeedImporter(seeds);
        folder = tmp.resolve("in");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static ImportOptions options() {
        return new ImportOptions("body", LIMIT, List.of("Batch One", "mixed"));
    }

    private Path write(String relative, String text) throws IOException {
        return write(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String relative, byte[] bytes) throws IOException {
        Path p = folder.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
        return p;
    }

    /** The mixed folder: 8 good files, 3 good JSONL lines, 1 duplicate, 7 bad files, 2 bad JSONL lines. */
    private Map<String, Path> mixedFolder() throws IOException {
        Map<String, Path> p = new LinkedHashMap<>();
        p.put("txt", write("docs/article.txt", "An article about harbors.\n"));
        p.put("md", write("docs/readme.md", "# Title\n\nSome *markdown*.\n"));
        p.put("py", write("code/inventory.py", "def add(a, b):\n    return a + b\n"));
        p.put("java", write("code/Limiter.java", "class Limiter {}\n"));
        p.put("ts", write("code/range.ts", "export const r = 1;\n"));
        p.put("go", write("code/main.go", "package main\n"));
        p.put("rs", write("code/lexer.rs", "fn main() {}\n"));
        p.put("c", write("code/util.c", "int main(void) { return 0; }\n"));
        p.put("copy", write("docs/zz-copy-of-article.txt", "An article about harbors.\n"));
        p.put(
                "jsonl",
                write(
                        "data/records.jsonl",
                        String.join(
                                "\n",
                                "{\"body\": \"first record\", \"id\": 1}",
                                "{\"body\": \"second record\", \"id\": 2}",
                                "{\"body\": \"third, broken\" id: 3}",
                                "{\"text\": \"no body here\", \"id\": 4}",
                                "{\"body\": \"fifth record\", \"id\": 5}",
                                "")));
        byte[] binary = "looks like text\u0000\u0001\u0002 but is not".getBytes(StandardCharsets.ISO_8859_1);
        p.put("binary", write("bad/binary.txt", binary));
        p.put("latin1", write("bad/latin1.txt", new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n', 'o', 'k'}));
        p.put("empty", write("bad/empty.txt", new byte[0]));
        p.put("blank", write("bad/blank.md", " \n\t\n  \n"));
        p.put("big", write("bad/big.txt", "x".repeat((int) LIMIT + 1)));
        p.put("pdf", write("bad/paper.pdf", "%PDF-1.4 pretend"));
        Path link = folder.resolve("bad/x.txt");
        Files.createSymbolicLink(link, folder.resolve("bad/does-not-exist.txt"));
        p.put("link", link);
        // hidden files and folders are skipped altogether
        write(".git/config.txt", "hidden git config");
        write("docs/.hidden.md", "hidden file");
        write(".cache/deep/inner.py", "print('hidden')");
        return p;
    }

    private static Map<String, String> byPath(ImportReport report) {
        return report.rejections().stream()
                .collect(Collectors.toMap(
                        ImportReport.Rejection::path, ImportReport.Rejection::reason, (a, b) -> a + " | " + b));
    }

    @Test
    void aMixedFolderImportsTheGoodFilesAndExplainsEveryRejection() throws IOException {
        Map<String, Path> p = mixedFolder();

        ImportReport report = importer.importPaths(List.of(folder), options());

        assertThat(report.cancelled()).isFalse();
        assertThat(report.imported()).isEqualTo(8 + 3);
        assertThat(report.duplicates()).isEqualTo(1);
        assertThat(report.rejected()).isEqualTo(9);
        assertThat(report.summary()).isEqualTo("imported 11, duplicates 1, rejected 9");

        Map<String, String> reasons = byPath(report);
        assertThat(reasons).hasSize(9);
        assertThat(reasons.get(p.get("binary").toString())).containsIgnoringCase("binary");
        assertThat(reasons.get(p.get("latin1").toString())).contains("UTF-8").contains("line 1");
        assertThat(reasons.get(p.get("empty").toString())).contains("empty");
        assertThat(reasons.get(p.get("blank").toString())).contains("white space");
        assertThat(reasons.get(p.get("big").toString())).contains("limit");
        assertThat(reasons.get(p.get("pdf").toString())).contains(".pdf").contains("not supported");
        assertThat(reasons.get(p.get("link").toString())).containsAnyOf("broken link", "does not exist");
        String jsonl = p.get("jsonl").toString();
        assertThat(reasons.get(jsonl + ":3")).contains("line 3").contains("not valid JSON");
        assertThat(reasons.get(jsonl + ":4"))
                .contains("line 4")
                .contains("\"body\"")
                .contains("no field");
        assertThat(report.rejections())
                .allSatisfy(r -> assertThat(r.toString())
                        .startsWith("rejected " + r.path() + ": ")
                        .isEqualTo("rejected " + r.path() + ": " + r.reason()));

        Map<String, Seed> stored =
                seeds.list(SeedFilter.ALL).stream().collect(Collectors.toMap(Seed::name, Function.identity()));
        assertThat(stored.keySet())
                .containsExactlyInAnyOrder(
                        "article.txt",
                        "readme.md",
                        "inventory.py",
                        "Limiter.java",
                        "range.ts",
                        "main.go",
                        "lexer.rs",
                        "util.c",
                        "records.jsonl:1",
                        "records.jsonl:2",
                        "records.jsonl:5");
        assertThat(stored.get("article.txt").kind()).isEqualTo(SeedKind.TEXT);
        assertThat(stored.get("readme.md").kind()).isEqualTo(SeedKind.MARKDOWN);
        assertThat(stored.get("records.jsonl:5").kind()).isEqualTo(SeedKind.JSONL_RECORD);
        assertThat(stored.get("records.jsonl:5").source()).isEqualTo(jsonl + ":5");
        assertThat(seeds.content(stored.get("records.jsonl:2").id())).contains("second record");
        Map<String, String> languages = Map.of(
                "inventory.py",
                "python",
                "Limiter.java",
                "java",
                "range.ts",
                "typescript",
                "main.go",
                "go",
                "lexer.rs",
                "rust",
                "util.c",
                "c");
        languages.forEach((name, language) -> {
            assertThat(stored.get(name).kind()).as(name).isEqualTo(SeedKind.CODE);
            assertThat(stored.get(name).language()).as(name).isEqualTo(language);
        });
        assertThat(stored.get("article.txt").language()).isEmpty();
        assertThat(stored.values())
                .allSatisfy(s -> assertThat(s.tags()).containsExactlyInAnyOrder("batch-one", "mixed"));
        assertThat(seeds.content(stored.get("inventory.py").id())).contains("def add(a, b):\n    return a + b\n");
        assertThat(stored.values())
                .noneMatch(s -> s.source().contains("/.git/")
                        || s.source().contains("/.cache/")
                        || s.name().startsWith("."));
    }

    @Test
    void importingAgainImportsNothingAndCountsDuplicates() throws IOException {
        mixedFolder();
        importer.importPaths(List.of(folder), options());
        int count = seeds.count();

        ImportReport again = importer.importPaths(List.of(folder), options());

        assertThat(again.imported()).isZero();
        assertThat(again.duplicates()).isEqualTo(12); // 11 stored seeds + the copy
        assertThat(again.rejected()).isEqualTo(9);
        assertThat(seeds.count()).isEqualTo(count).isEqualTo(11);
    }

    @Test
    void singleFilesAndMissingPathsCanBeGivenDirectly() throws IOException {
        Path a = write("one.md", "# one");
        Path missing = folder.resolve("nope.txt");
        ImportReport report = importer.importPaths(List.of(a, missing), ImportOptions.defaults());
        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.rejections()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo(missing.toString());
            assertThat(r.reason()).contains("no such file");
        });
    }

    @Test
    void jsonlUsesTheDefaultTextFieldAndRejectsNonStringValues() throws IOException {
        Path f = write(
                "d.jsonl", "{\"text\": \"a\"}\r\n\r\n[1, 2]\n{\"text\": 5}\n{\"text\": \"  \"}\n{\"text\": \"b\"}\n");
        ImportReport report = importer.importPaths(List.of(f), ImportOptions.defaults());
        assertThat(report.imported()).isEqualTo(2);
        Map<String, String> reasons = byPath(report);
        assertThat(reasons.keySet()).containsExactlyInAnyOrder(f + ":3", f + ":4", f + ":5");
        assertThat(reasons.get(f + ":3")).contains("not a JSON object");
        assertThat(reasons.get(f + ":4")).contains("not a string");
        assertThat(reasons.get(f + ":5")).contains("empty");
        assertThat(seeds.list(SeedFilter.ALL))
                .extracting(Seed::name)
                .containsExactlyInAnyOrder("d.jsonl:1", "d.jsonl:6");
    }

    @Test
    void progressReportsTheNumberOfFilesAsTotalAndEndsComplete() throws IOException {
        int files = 70;
        for (int i = 0; i < files; i++) {
            write(String.format("f%03d.txt", i), "text number " + i);
        }
        write(".hidden/skip.txt", "hidden");
        List<long[]> calls = new ArrayList<>();
        ProgressListener progress = (done, total, message) -> {
            assertThat(message).isNotBlank();
            calls.add(new long[] {done, total});
        };

        ImportReport report =
                importer.importPaths(List.of(folder), ImportOptions.defaults(), progress, Cancellation.NEVER);

        assertThat(report.imported()).isEqualTo(files);
        assertThat(calls).isNotEmpty();
        assertThat(calls.get(0)[1]).as("total while still looking").isEqualTo(-1);
        List<long[]> known = calls.stream().filter(c -> c[1] >= 0).toList();
        assertThat(known).isNotEmpty();
        assertThat(known).allSatisfy(c -> {
            assertThat(c[1]).isEqualTo(files);
            assertThat(c[0]).isBetween(0L, (long) files);
        });
        for (int i = 1; i < known.size(); i++) {
            assertThat(known.get(i)[0]).isGreaterThanOrEqualTo(known.get(i - 1)[0]);
        }
        assertThat(known.get(known.size() - 1)[0])
                .as("the last report says all done")
                .isEqualTo(files);
    }

    @Test
    void cancellingStopsEarlyAndKeepsWhatWasRead() throws IOException {
        int files = 60;
        for (int i = 0; i < files; i++) {
            write(String.format("f%03d.txt", i), "text number " + i);
        }
        AtomicInteger asked = new AtomicInteger();
        Cancellation cancelAfterSomeFiles = () -> asked.incrementAndGet() > 20;

        ImportReport report = importer.importPaths(
                List.of(folder), ImportOptions.defaults(), ProgressListener.NONE, cancelAfterSomeFiles);

        assertThat(report.cancelled()).isTrue();
        assertThat(report.summary()).contains("cancelled");
        assertThat(report.imported()).isGreaterThan(0).isLessThan(files);
        assertThat(seeds.count())
                .as("what the report says was imported is stored")
                .isEqualTo(report.imported());
        assertThat(report.rejected()).isZero();

        // importing again later picks up exactly the rest
        ImportReport rest = importer.importPaths(List.of(folder), ImportOptions.defaults());
        assertThat(rest.imported()).isEqualTo(files - report.imported());
        assertThat(rest.duplicates()).isEqualTo(report.imported());
        assertThat(seeds.count()).isEqualTo(files);
    }

    @Test
    void cancellingABigImportKeepsTheCommittedBatches() throws IOException {
        int files = 620; // more than one batch of 500
        for (int i = 0; i < files; i++) {
            write(String.format("f%04d.txt", i), "seed " + i);
        }
        AtomicInteger progressCalls = new AtomicInteger();
        int[] lastDone = {0};
        ProgressListener progress = (done, total, message) -> {
            if (total > 0) {
                lastDone[0] = (int) done;
            }
            progressCalls.incrementAndGet();
        };
        // cancel once progress says 520 files were read: the first batch (500) is committed by then
        Cancellation cancel = () -> lastDone[0] >= 520;

        ImportReport report = importer.importPaths(List.of(folder), ImportOptions.defaults(), progress, cancel);

        assertThat(report.cancelled()).isTrue();
        assertThat(report.imported()).isGreaterThanOrEqualTo(500).isLessThan(files);
        assertThat(seeds.count()).isEqualTo(report.imported());
    }

    @Test
    void aCancellationAlreadySetImportsNothing() throws IOException {
        write("a.txt", "a");
        ImportReport report =
                importer.importPaths(List.of(folder), ImportOptions.defaults(), ProgressListener.NONE, () -> true);
        assertThat(report.cancelled()).isTrue();
        assertThat(report.imported()).isZero();
        assertThat(seeds.count()).isZero();
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheText() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        Path f = write("bom.txt", all);
        assertThat(importer.importPaths(List.of(f), ImportOptions.defaults()).imported())
                .isEqualTo(1);
        Seed s = seeds.list(SeedFilter.ALL).get(0);
        assertThat(seeds.content(s.id())).contains("hello");
        assertThat(s.chars()).isEqualTo(5);
    }
}
