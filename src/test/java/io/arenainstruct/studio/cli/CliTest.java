package io.arenainstruct.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.domain.StoreLocation;
import io.arenainstruct.studio.service.workspace.DataDirectories;
import io.arenainstruct.studio.store.ChildJvm;
import io.arenainstruct.studio.store.HoldStoreMain;

class CliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String previousHome;

    @TempDir
    static Path home;

    @TempDir
    Path tmp;

    /** Any command that ignores --store must not touch the real per-user data. */
    @BeforeAll
    static void isolateUserData() {
        previousHome = System.getProperty(DataDirectories.HOME_PROPERTY);
        System.setProperty(DataDirectories.HOME_PROPERTY, home.toString());
    }

    @AfterAll
    static void restoreUserData() {
        if (previousHome == null) {
            System.clearProperty(DataDirectories.HOME_PROPERTY);
        } else {
            System.setProperty(DataDirectories.HOME_PROPERTY, previousHome);
        }
    }

    record Run(int code, String out, String err, List<StoreLocation> guiOpened) {
        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static Run cli(Object... args) {
        String[] a = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            a[i] = args[i].toString();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<StoreLocation> gui = new ArrayList<>();
        int code = Cli.run(a, gui::add, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString(), gui);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertNoStackTrace(Run r) {
        assertThat(r.err())
                .doesNotContain("\tat ")
                .doesNotContain("Exception in")
                .doesNotContainPattern("at [a-z]+\\.[a-z]+\\.");
        assertThat(r.out()).doesNotContain("\tat ");
    }

    private Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private Path store() {
        return tmp.resolve("store");
    }

    // ---- basics ----

    @Test
    void versionPrintsTheProjectVersion() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<artifactId>arenainstruct-studio</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertThat(m.find()).isTrue();
        String version = m.group(1);

        Run r = cli("--version");

        assertThat(r.code()).isZero();
        assertThat(r.out().strip()).isEqualTo("ArenaInstruct Studio " + version);
        assertThat(r.guiOpened()).isEmpty();
    }

    @Test
    void helpListsTheCommands() {
        Run r = cli("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("seeds")
                .contains("taxonomy")
                .contains("--store")
                .contains("--version");
        assertThat(r.guiOpened()).isEmpty();

        Run sub = cli("seeds", "import", "--help");
        assertThat(sub.code()).as(sub.err()).isZero();
        assertThat(sub.out())
                .contains("--text-field")
                .contains("--tag")
                .contains("--max-size")
                .contains("--store");

        Run viaHelp = cli("help", "taxonomy");
        assertThat(viaHelp.code()).isZero();
        assertThat(viaHelp.out()).contains("validate").contains("export");
        assertThat(cli("taxonomy", "export", "-h").code()).isZero();
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        Run r = cli("frobnicate", "--store", store());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("frobnicate");
        assertThat(r.guiOpened()).isEmpty();
        assertThat(store()).doesNotExist();

        Run badOption = cli("seeds", "list", "--no-such-option", "--store", store());
        assertThat(badOption.code()).isEqualTo(2);
        Run missingArg = cli("taxonomy", "export", "coding", "--store", store());
        assertThat(missingArg.code()).isEqualTo(2);
    }

    @Test
    void withoutACommandTheGuiOpensOnTheGivenStore() {
        Run r = cli("--store", store());
        assertThat(r.code()).isZero();
        assertThat(r.guiOpened()).containsExactly(new StoreLocation.Folder(store()));
        assertThat(r.out()).isEmpty();
    }

    // ---- seeds ----

    private Path mixedFolder() throws IOException {
        Path dir = tmp.resolve("mixed");
        write(dir.resolve("a.txt"), "Alpha text about harbors.");
        write(dir.resolve("b.md"), "# Beta\n\nMarkdown body.");
        write(dir.resolve("c.py"), "print('gamma')\n");
        write(dir.resolve("rows.jsonl"), "{\"text\": \"row one\"}\n{\"text\": \"row two\"}\nnot json\n");
        Files.write(dir.resolve("bin.txt"), new byte[] {'a', 0, 'b'});
        write(dir.resolve("empty.md"), "");
        write(dir.resolve("doc.pdf"), "%PDF");
        return dir;
    }

    @Test
    void importingAMixedFolderPrintsEachRejectionAndASummaryAndExits3() throws IOException {
        Path dir = mixedFolder();

        Run r = cli("seeds", "import", dir, "--store", store());

        assertThat(r.code()).isEqualTo(3);
        assertNoStackTrace(r);
        List<String> lines = r.outLines();
        assertThat(lines).contains("imported 5, duplicates 0, rejected 4");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("imported 5, duplicates 0, rejected 4");
        List<String> rejected =
                lines.stream().filter(l -> l.startsWith("rejected ")).toList();
        assertThat(rejected).hasSize(4);
        assertThat(rejected)
                .anySatisfy(l -> assertThat(l)
                        .startsWith("rejected " + dir.resolve("bin.txt") + ": ")
                        .contains("binary"));
        assertThat(rejected)
                .anySatisfy(l -> assertThat(l)
                        .startsWith("rejected " + dir.resolve("empty.md") + ": ")
                        .contains("empty"));
        assertThat(rejected)
                .anySatisfy(l -> assertThat(l)
                        .startsWith("rejected " + dir.resolve("doc.pdf") + ": ")
                        .contains("not supported"));
        assertThat(rejected)
                .anySatisfy(l -> assertThat(l)
                        .startsWith("rejected " + dir.resolve("rows.jsonl") + ":3: ")
                        .contains("JSON"));

        Run again = cli("seeds", "import", dir, "--store", store());
        assertThat(again.code()).isEqualTo(3);
        assertThat(again.outLines()).last().isEqualTo("imported 0, duplicates 5, rejected 4");
    }

    @Test
    void importingGoodFilesExitsZeroAndASecondImportImportsNothing() throws IOException {
        Path dir = tmp.resolve("good");
        write(dir.resolve("one.txt"), "first good seed");
        write(dir.resolve("sub/two.go"), "package two\n");
        write(dir.resolve(".git/HEAD.txt"), "hidden");

        Run r = cli("seeds", "import", dir, "--store", store(), "--tag", "Good Stuff", "--tag", "x");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.outLines()).containsExactly("imported 2, duplicates 0, rejected 0");

        Run again = cli("seeds", "import", dir, "--store", store());
        assertThat(again.code()).isZero();
        assertThat(again.outLines()).containsExactly("imported 0, duplicates 2, rejected 0");

        Run list = cli("seeds", "list", "--json", "--tag", "good-stuff", "--store", store());
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("one.txt").contains("two.go");
    }

    @Test
    void maxSizeAndTextFieldOptionsAreApplied() throws IOException {
        Path dir = tmp.resolve("opts");
        write(dir.resolve("big.txt"), "y".repeat(200_000));
        write(dir.resolve("r.jsonl"), "{\"body\": \"from body\", \"text\": \"from text\"}\n");
        Run r = cli("seeds", "import", dir, "--max-size", "0.1", "--text-field", "body", "--store", store());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.outLines())
                .anySatisfy(l -> assertThat(l)
                        .startsWith("rejected " + dir.resolve("big.txt") + ": ")
                        .contains("limit"));
        assertThat(r.outLines()).last().isEqualTo("imported 1, duplicates 0, rejected 1");
        Run list = cli("seeds", "list", "--json", "--store", store());
        JsonNode arr = readJson(list.out());
        assertThat(arr).hasSize(1);
        assertThat(arr.get(0).get("chars").asInt()).isEqualTo("from body".length());
    }

    @Test
    void importingAMissingPathIsARejection() {
        Path missing = tmp.resolve("nope");
        Run r = cli("seeds", "import", missing, "--store", store());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.outLines()).contains("rejected " + missing + ": no such file or folder");
    }

    private static JsonNode readJson(String text) throws IOException {
        return JSON.readTree(text);
    }

    @Test
    void seedsListJsonPrintsEveryStoredSeedWithItsHash() throws Exception {
        Path dir = tmp.resolve("json");
        Map<String, String> contents = new HashMap<>();
        contents.put("é.txt", "Un café — naïve résumé, 日本語");
        contents.put("code.rs", "fn main() { println!(\"hi\"); }\n");
        contents.put("notes.md", "# Notes\n\n- one\n- two\n");
        for (Map.Entry<String, String> e : contents.entrySet()) {
            write(dir.resolve(e.getKey()), e.getValue());
        }
        assertThat(cli("seeds", "import", dir, "--tag", "json", "--store", store())
                        .code())
                .isZero();

        Run r = cli("seeds", "list", "--json", "--store", store());

        assertThat(r.code()).isZero();
        JsonNode arr = readJson(r.out());
        assertThat(arr.isArray()).isTrue();
        assertThat(arr).hasSize(3);
        List<Long> ids = new ArrayList<>();
        for (JsonNode s : arr) {
            assertThat(s.has("id") && s.has("name") && s.has("tags") && s.has("chars") && s.has("sha256"))
                    .as(s.toString())
                    .isTrue();
            String name = s.get("name").asText();
            String content = contents.get(name);
            assertThat(content).as("a seed named " + name).isNotNull();
            assertThat(s.get("sha256").asText()).isEqualTo(sha256(content));
            assertThat(s.get("chars").asInt()).isEqualTo(content.length());
            assertThat(s.get("tags").isArray()).isTrue();
            assertThat(s.get("tags")).extracting(JsonNode::asText).containsExactly("json");
            assertThat(s.get("id").isIntegralNumber()).isTrue();
            ids.add(s.get("id").asLong());
        }
        assertThat(ids).doesNotHaveDuplicates();
        JsonNode rust = findByName(arr, "code.rs");
        assertThat(rust.get("language").asText()).isEqualTo("rust");

        Run search = cli("seeds", "list", "--json", "--search", "CAFÉ naïve", "--store", store());
        assertThat(readJson(search.out()))
                .extracting(n -> n.get("name").asText())
                .containsExactly("é.txt");
        Run empty = cli("seeds", "list", "--json", "--tag", "nothing", "--store", store());
        assertThat(readJson(empty.out())).isEmpty();

        Run text = cli("seeds", "list", "--store", store());
        assertThat(text.code()).isZero();
        assertThat(text.outLines()).last().isEqualTo("3 seeds");
    }

    private static JsonNode findByName(JsonNode arr, String name) {
        for (JsonNode n : arr) {
            if (n.get("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no seed named " + name + " in " + arr);
    }

    @Test
    void theStoreOptionWorksBeforeAndAfterTheSubcommand() throws IOException {
        Path dir = tmp.resolve("where");
        write(dir.resolve("w.txt"), "where am I stored");
        Path before = tmp.resolve("store-before");
        Path after = tmp.resolve("store-after");

        assertThat(cli("--store", before, "seeds", "import", dir).code()).isZero();
        assertThat(cli("seeds", "import", dir, "--store", after).code()).isZero();
        assertThat(cli("seeds", "--store", after, "list").code()).isZero();

        for (Path store : List.of(before, after)) {
            Run a = cli("--store", store, "seeds", "list", "--json");
            Run b = cli("seeds", "list", "--json", "--store", store);
            assertThat(a.code()).isZero();
            assertThat(readJson(a.out())).hasSize(1);
            assertThat(readJson(b.out())).hasSize(1);
        }
        // nothing went to the per-user default store
        assertThat(DataDirectories.defaultStore()).doesNotExist();
    }

    @Test
    void theSampleSeedsFolderImportsCompletely() throws IOException {
        Path samples = Path.of("sample-seeds");
        long files;
        try (Stream<Path> s = Files.walk(samples)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .count();
        }
        Run r = cli("seeds", "import", samples, "--store", store());
        assertThat(r.code()).isZero();
        assertThat(r.outLines()).containsExactly("imported " + files + ", duplicates 0, rejected 0");

        Run again = cli("seeds", "import", samples, "--store", store());
        assertThat(again.code()).isZero();
        assertThat(again.outLines()).containsExactly("imported 0, duplicates " + files + ", rejected 0");
    }

    // ---- taxonomies ----

    @Test
    void validateReportsFileAndLineOfEachProblem() throws IOException {
        Path bad = write(tmp.resolve("bad.yaml"), """
                skill: demo
                name: Demo
                categories:
                  - name: A
                    weight: -1
                  - name: a
                """);
        Path good = Path.of("taxonomies", "fermi.yaml");

        Run r = cli("taxonomy", "validate", bad, good);

        assertThat(r.code()).isNotZero();
        assertThat(r.errLines())
                .containsExactlyInAnyOrder(
                        bad + ":5: weight must be 0 or more, found -1",
                        bad + ":6: duplicate category name 'a' under 'Demo' (first at line 4)");
        assertThat(r.out()).contains(good + ": ok (fermi");
        assertNoStackTrace(r);

        Run ok = cli("taxonomy", "validate", good);
        assertThat(ok.code()).isZero();
        assertThat(ok.err()).isEmpty();

        Run missing = cli("taxonomy", "validate", tmp.resolve("missing.yaml"));
        assertThat(missing.code()).isNotZero();
        assertThat(missing.errLines())
                .singleElement()
                .asString()
                .startsWith("error: ")
                .contains("missing.yaml");
    }

    @Test
    void importListAndExportATaxonomy() throws Exception {
        Path shipped = Path.of("taxonomies", "tool-use.yaml");
        Run imp = cli("taxonomy", "import", shipped, "--store", store());
        assertThat(imp.code()).isZero();
        assertThat(imp.out()).contains("imported tool-use");

        Run list = cli("taxonomy", "list", "--json", "--store", store());
        assertThat(list.code()).isZero();
        JsonNode arr = readJson(list.out());
        assertThat(arr).hasSize(1);
        assertThat(arr.get(0).get("skill").asText()).isEqualTo("tool-use");
        assertThat(arr.get(0).get("name").asText()).isEqualTo("Tool Use");
        assertThat(arr.get(0).get("categories").asInt()).isEqualTo(7);
        String text = Files.readString(shipped);
        long subcategories =
                text.lines().filter(l -> l.startsWith("      - name: ")).count();
        assertThat(arr.get(0).get("subcategories").asLong()).isEqualTo(subcategories);

        Path out = tmp.resolve("exports/tool-use.yaml");
        Run exp = cli("taxonomy", "export", "tool-use", out, "--store", store());
        assertThat(exp.code()).isZero();
        // the shipped file is in canonical form, so the export is byte-for-byte the same
        assertThat(Files.readString(out)).isEqualTo(text);

        Run replace = cli("--store", store(), "taxonomy", "import", out);
        assertThat(replace.code()).isZero();
        assertThat(replace.out()).contains("replaced tool-use");
        assertThat(readJson(
                        cli("taxonomy", "list", "--json", "--store", store()).out()))
                .hasSize(1);
    }

    @Test
    void importingABadTaxonomyStoresNothing() throws IOException {
        Path bad = write(tmp.resolve("bad.yaml"), "skill: Bad_Id\nname: Bad\ncategories: []\n");
        Run r = cli("taxonomy", "import", bad, "--store", store());
        assertThat(r.code()).isNotZero().isNotEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().startsWith(bad + ":1: ");
        Run list = cli("taxonomy", "list", "--json", "--store", store());
        assertThat(list.code()).isZero();
        assertThat(readJson(list.out())).isEmpty();
    }

    @Test
    void exportingAnUnknownSkillFailsWithOneLine() {
        Path out = tmp.resolve("x.yaml");
        Run r = cli("taxonomy", "export", "no-such-skill", out, "--store", store());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines())
                .singleElement()
                .asString()
                .startsWith("error: ")
                .contains("no-such-skill");
        assertThat(out).doesNotExist();
        assertNoStackTrace(r);
    }

    @Test
    void commandsWriteNothingToTheProcessStderrBesidesTheirOwnMessages() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Path dir = tmp.resolve("quiet");
        write(dir.resolve("q.txt"), "quiet please");
        List<Run> runs = new ArrayList<>();
        // the default console handler prints records of level INFO and above that reach the root logger
        List<String> logged = Collections.synchronizedList(new ArrayList<>());
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.INFO.intValue()) {
                    logged.add(r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        root.addHandler(recorder);
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            runs.add(cli("seeds", "import", dir, "--store", store())); // creates and migrates the store
            runs.add(cli("seeds", "list", "--store", store()));
            runs.add(cli("taxonomy", "export", "nothing", tmp.resolve("n.yaml"), "--store", store()));
        } finally {
            System.setErr(original);
            root.removeHandler(recorder);
        }
        assertThat(runs.get(0).code()).isZero();
        assertThat(runs.get(1).code()).isZero();
        assertThat(runs.get(2).code()).isEqualTo(1);
        assertThat(runs.get(0).err()).isEmpty();
        assertThat(runs.get(1).err()).isEmpty();
        // e.g. migration tool chatter on every open would bury the one-line reason
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(logged).as("log records the console would print").isEmpty();
    }

    // ---- a store held by another process ----

    @Test
    void aStoreOpenElsewhereFailsWithAClearMessage() throws Exception {
        Path held = tmp.resolve("held");
        Path dir = tmp.resolve("in");
        write(dir.resolve("a.txt"), "text");
        try (ChildJvm child = ChildJvm.start(HoldStoreMain.class, held.toString())) {
            child.awaitLine("READY"::equals, ChildJvm.timeout());
            for (Run r : List.of(
                    cli("seeds", "list", "--store", held),
                    cli("seeds", "import", dir, "--store", held),
                    cli("--store", held, "taxonomy", "list", "--json"))) {
                assertThat(r.code()).isEqualTo(1);
                assertThat(r.errLines())
                        .singleElement()
                        .asString()
                        .startsWith("error: ")
                        .contains("open in another window");
                assertNoStackTrace(r);
                assertThat(r.out()).isEmpty();
            }
        }
        Run after = cli("seeds", "list", "--json", "--store", held);
        assertThat(after.code()).isZero();
    }

    @Test
    void aBadTeamStoreAddressIsAUsageErrorThatRepeatsNoPassword() {
        Run r = cli("seeds", "list", "--store", "postgresql://ann:hunter2@db.lab/arena");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--store").contains("?user=NAME").doesNotContain("hunter2");
        assertNoStackTrace(r);
        Run noUser = cli("--store", "postgresql://db.lab/arena", "seeds", "list");
        assertThat(noUser.code()).isEqualTo(2);
        assertThat(noUser.err()).contains("needs the user");
    }

    @Test
    void anUnreachableTeamStoreIsOneSentence() {
        Run r = cli("seeds", "list", "--store", "postgresql://127.0.0.1:1/arena?user=ann");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines())
                .containsExactly("error: cannot reach PostgreSQL server at 127.0.0.1:1: is it running, and listening"
                        + " there? Nothing was changed.");
    }
}
