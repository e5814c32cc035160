package io.arenainstruct.studio.service.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.TaxonomyNode;

class TaxonomyYamlTest {
    /** The project's taxonomies/ folder (Maven runs tests in the project directory). */
    static final Path SHIPPED = Path.of("taxonomies");

    static final List<String> SKILLS = List.of(
            "reading-comprehension",
            "open-domain-question-answering",
            "text-modification",
            "web-agent",
            "brain-teaser",
            "analytical-reasoning",
            "multiple-choice-questions",
            "data-to-text",
            "fermi",
            "coding",
            "text-extraction",
            "text-classification",
            "retrieval-augmented-generation",
            "tool-use",
            "creative-content-generation",
            "few-shot-reasoning",
            "conversation");

    @TempDir
    Path tmp;

    static List<Path> shippedFiles() throws IOException {
        try (Stream<Path> files = Files.list(SHIPPED)) {
            return files.filter(
                            f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        }
    }

    static Taxonomy shipped(String skill) throws Exception {
        return TaxonomyYaml.read(SHIPPED.resolve(skill + ".yaml"));
    }

    private static List<String> lower(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }

    private static List<String> subcategoryNames(Taxonomy t) {
        return t.categories().stream()
                .flatMap(c -> c.children().stream())
                .map(TaxonomyNode::name)
                .toList();
    }

    @Test
    void thereAreExactlySeventeenShippedTaxonomiesOneForEachSkillAndAllParse() throws Exception {
        List<Path> files = shippedFiles();
        assertThat(files).hasSize(17);
        List<String> ids = new ArrayList<>();
        for (Path f : files) {
            Taxonomy t = TaxonomyYaml.read(f);
            ids.add(t.skillId());
            assertThat(f.getFileName().toString()).isEqualTo(t.skillId() + ".yaml");
            assertThat(t.name()).as(f.toString()).isNotBlank();
            assertThat(t.description()).as(f.toString()).isNotBlank();
            assertThat(t.categoryCount()).as(f + " categories").isGreaterThanOrEqualTo(5);
            assertThat(t.categories())
                    .as(f + " category names are unique")
                    .extracting(c -> c.name().toLowerCase(Locale.ROOT))
                    .doesNotHaveDuplicates();
            for (TaxonomyNode c : t.categories()) {
                assertThat(c.description()).as(f + ": " + c.name()).isNotBlank();
                assertThat(c.weight()).as(f + ": " + c.name()).isGreaterThanOrEqualTo(0);
                for (TaxonomyNode s : c.children()) {
                    assertThat(s.description()).as(f + ": " + s.name()).isNotBlank();
                    assertThat(s.children()).isEmpty();
                }
            }
        }
        assertThat(ids).containsExactlyInAnyOrderElementsOf(SKILLS);
    }

    @Test
    void readingComprehensionHasThePublicQuestionTypes() throws Exception {
        // the question types the AgentInstruct paper names for reading comprehension
        List<String> types = List.of(
                "literal comprehension",
                "numerical discrete reasoning",
                "critical comprehension",
                "evaluative comprehension",
                "vocabulary and language use",
                "relationship comprehension",
                "sequencing events",
                "strengthen",
                "weaken",
                "assumption",
                "flaw",
                "inference (must be true)",
                "principle",
                "method of reasoning");
        assertThat(types).hasSize(14);
        Taxonomy t = shipped("reading-comprehension");
        assertThat(lower(subcategoryNames(t))).containsAll(types);
    }

    @Test
    void textModificationHasTheEighteenTypesAsCategories() throws Exception {
        List<String> types = List.of(
                "paraphrasing",
                "simplification",
                "expansion",
                "translation",
                "formatting",
                "sentiment modification",
                "annotation",
                "keyword replacement",
                "text removing",
                "capitalization",
                "styling",
                "content rewriting",
                "data normalization",
                "plagiarism rewording",
                "code switching",
                "obfuscation",
                "textual entailment",
                "rewriting with vocabulary limitations");
        Taxonomy t = shipped("text-modification");
        assertThat(t.categoryCount()).isEqualTo(18);
        assertThat(lower(t.categories().stream().map(TaxonomyNode::name).toList()))
                .containsExactlyInAnyOrderElementsOf(types);
    }

    @Test
    void toolUseHasTheSevenTaskTypes() throws Exception {
        Taxonomy t = shipped("tool-use");
        assertThat(t.categoryCount()).isEqualTo(7);
        assertThat(lower(t.categories().stream().map(TaxonomyNode::name).toList()))
                .containsExactlyInAnyOrder(
                        "single api with all parameters given",
                        "single api with superfluous parameters",
                        "single api with required parameters missing",
                        "several apis with all parameters given",
                        "several apis with some parameters missing",
                        "task needing an api not in the list",
                        "several apis with essential ones missing from the list");
    }

    @Test
    void shippedFilesRoundTripAndAreInCanonicalForm() throws Exception {
        for (Path f : shippedFiles()) {
            Taxonomy t = TaxonomyYaml.read(f);
            Path out = tmp.resolve(f.getFileName());
            TaxonomyYaml.write(t, out);
            Taxonomy back = TaxonomyYaml.read(out);
            assertThat(back.sameAs(t)).as(f + " reads back equal").isTrue();
            String canonical = TaxonomyYaml.write(t);
            assertThat(TaxonomyYaml.write(TaxonomyYaml.parse("x", canonical)))
                    .as(f + " writes stably")
                    .isEqualTo(canonical);
            assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(canonical);
            assertThat(Files.readString(f, StandardCharsets.UTF_8))
                    .as(f + " is shipped in canonical form")
                    .isEqualTo(canonical);
        }
    }

    @Test
    void writeLeavesNoTemporaryFilesBehindAndReplacesAnExistingFile() throws Exception {
        Taxonomy t = shipped("fermi");
        Path out = tmp.resolve("sub").resolve("fermi.yaml");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "old content");
        TaxonomyYaml.write(t, out);
        assertThat(TaxonomyYaml.read(out).sameAs(t)).isTrue();
        try (Stream<Path> files = Files.list(out.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("fermi.yaml");
        }
    }

    static final List<String> TRICKY = List.of(
            "key: value",
            "a:b",
            "# not a comment",
            "ends with #",
            "x #y",
            "\"double quoted\"",
            "'single quoted'",
            "it's",
            "- leading dash",
            "-",
            "? question",
            "yes",
            "No",
            "ON",
            "null",
            "~",
            "true",
            "1.5",
            "1e3",
            "0x1F",
            "007",
            "12:30",
            "@at",
            "`tick`",
            "&anchor",
            "*alias",
            "!tag",
            "%percent",
            "[list]",
            "{map}",
            "a, b",
            "Ünïcødé — 日本語 ✓ 🙂",
            "line one\nline two",
            "tab\tinside",
            "carriage\rreturn",
            "back\\slash",
            "  leading spaces",
            "trailing spaces  ",
            "",
            " ",
            "a | b > c",
            "|",
            ">",
            "emoji 🙂 only",
            "\u00e9t\u00e9",
            "bell\u0007",
            "del\u007f");

    @Test
    void trickyStringsSurviveWriteAndParse() throws Exception {
        TaxonomyNode root = new TaxonomyNode("Tricky: skill # name", "desc with \"quotes\" and: colon", 1.0, true);
        int i = 0;
        for (String s : TRICKY) {
            TaxonomyNode c = new TaxonomyNode("cat " + i++ + " " + s, s, 0.5 + i, i % 2 == 0);
            if (!s.isBlank()) {
                c.children().add(new TaxonomyNode(s, s, 1.5, true));
            }
            c.children().add(new TaxonomyNode("sub " + i, "desc " + s, 0.0, false));
            root.children().add(c);
        }
        Taxonomy t = new Taxonomy("tricky-1", root);
        String text = TaxonomyYaml.write(t);
        Taxonomy back = TaxonomyYaml.parse("tricky.yaml", text);
        for (int k = 0; k < t.categories().size(); k++) {
            TaxonomyNode want = t.categories().get(k);
            TaxonomyNode got = back.categories().get(k);
            assertThat(got.name()).isEqualTo(want.name());
            assertThat(got.description()).isEqualTo(want.description());
            assertThat(got.sameAs(want)).as("category " + want.name()).isTrue();
        }
        assertThat(back.sameAs(t)).isTrue();
        assertThat(TaxonomyYaml.write(back)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "line\u2028separator",
                "para\u2029separator",
                "next\u0085line",
                "c1\u0090control",
                "bom\ufeffinside",
                "nonchar\ufffe"
            })
    void unusualUnicodeCharactersSurviveWriteAndParse(String s) throws Exception {
        TaxonomyNode root = new TaxonomyNode("Unusual " + s, s, 1.0, true);
        root.children().add(new TaxonomyNode(s, s, 1.0, true));
        Taxonomy t = new Taxonomy("unusual", root);
        Taxonomy back = TaxonomyYaml.parse("u.yaml", TaxonomyYaml.write(t));
        assertThat(back.categories().get(0).name()).isEqualTo(s);
        assertThat(back.sameAs(t)).isTrue();
    }

    @Test
    void weightsAreWrittenAsNumbersAndReadBackExactly() throws Exception {
        TaxonomyNode root = new TaxonomyNode("W", "", 1.0, true);
        double[] weights = {0.0, 1.0, 2.5, 0.1, 1e-7, 999999.125, 1_000_000, 1.0 / 3};
        for (int i = 0; i < weights.length; i++) {
            root.children().add(new TaxonomyNode("c" + i, "", weights[i], true));
        }
        Taxonomy t = new Taxonomy("weights", root);
        String text = TaxonomyYaml.write(t);
        assertThat(text).contains("weight: 1.0\n", "weight: 2.5\n", "weight: 0.0\n", "weight: 0.1\n");
        Taxonomy back = TaxonomyYaml.parse("w.yaml", text);
        for (int i = 0; i < weights.length; i++) {
            assertThat(back.categories().get(i).weight()).isEqualTo(weights[i]);
        }
    }

    @Test
    void anEmptyTaxonomyRoundTrips() throws Exception {
        Taxonomy t = new Taxonomy("empty", new TaxonomyNode("Empty", "", 1.0, true));
        String text = TaxonomyYaml.write(t);
        assertThat(text).contains("categories: []");
        assertThat(TaxonomyYaml.parse("e.yaml", text).sameAs(t)).isTrue();
    }

    @Test
    void defaultsApplyWhenOptionalKeysAreMissing() throws Exception {
        Taxonomy t = TaxonomyYaml.parse("min.yaml", """
                skill: minimal
                name: Minimal
                categories:
                  - name: Only
                    subcategories:
                      - name: Child
                """);
        assertThat(t.description()).isEmpty();
        TaxonomyNode only = t.categories().get(0);
        assertThat(only.weight()).isEqualTo(1.0);
        assertThat(only.enabled()).isTrue();
        assertThat(only.description()).isEmpty();
        assertThat(only.children()).extracting(TaxonomyNode::name).containsExactly("Child");
    }

    // ---- validation: every problem names the file and the line ----

    private static TaxonomyFileException problemsOf(String text) {
        TaxonomyFileException e =
                catchThrowableOfType(TaxonomyFileException.class, () -> TaxonomyYaml.parse("bad.yaml", text));
        assertThat(e).as("the text should be rejected:\n" + text).isNotNull();
        assertThat(e.problems())
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.file()).isEqualTo("bad.yaml"));
        return e;
    }

    private static void assertProblem(String text, int line, String... words) {
        TaxonomyFileException e = problemsOf(text);
        assertThat(e.problems()).as(e.getMessage()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(line);
            assertThat(p.message()).contains(words);
            assertThat(p.toString()).startsWith("bad.yaml:" + line + ": ");
        });
        assertThat(e.getMessage()).contains("bad.yaml:" + line + ": ");
    }

    private static final String HEAD = """
            skill: demo
            name: Demo
            description: A demo.
            categories:
            """;

    @Test
    void duplicateSiblingNamesAreReportedAtTheSecond() {
        String text = HEAD + """
                  - name: Alpha
                    weight: 1.0
                  - name: Beta
                  - name: alpha
                    subcategories:
                      - name: One
                      - name: Two
                      - name: ONE
                """;
        TaxonomyFileException e = problemsOf(text);
        assertThat(e.problems()).hasSize(2);
        assertProblem(text, 8, "duplicate", "alpha", "line 5");
        assertProblem(text, 12, "duplicate", "ONE", "line 10");
    }

    @Test
    void sameNamesUnderDifferentParentsAreFine() throws Exception {
        Taxonomy t = TaxonomyYaml.parse("ok.yaml", HEAD + """
                  - name: A
                    subcategories:
                      - name: Same
                  - name: B
                    subcategories:
                      - name: Same
                """);
        assertThat(t.categoryCount()).isEqualTo(2);
    }

    @Test
    void negativeWeightIsReportedAtItsLine() {
        assertProblem(HEAD + """
                  - name: Alpha
                    weight: 1.0
                  - name: Beta
                    description: b
                    weight: -0.5
                """, 9, "weight", "0 or more", "-0.5");
    }

    @Test
    void nonNumericWeightIsReportedAtItsLine() {
        assertProblem(HEAD + """
                  - name: Alpha
                    subcategories:
                      - name: One
                        weight: heavy
                """, 8, "weight", "number", "heavy");
    }

    @Test
    void infiniteWeightIsRejected() {
        assertProblem(HEAD + """
                  - name: Alpha
                    weight: .inf
                """, 6, "weight");
    }

    @Test
    void unknownKeysAreReportedAtTheirLine() {
        assertProblem(HEAD + """
                  - name: Alpha
                    wieght: 2
                """, 6, "unknown key 'wieght'");
        assertProblem("""
                skill: demo
                name: Demo
                author: me
                categories: []
                """, 3, "unknown key 'author'");
    }

    @Test
    void aSubcategoryCannotHaveSubcategories() {
        assertProblem(HEAD + """
                  - name: Alpha
                    subcategories:
                      - name: One
                        subcategories:
                          - name: Too deep
                """, 8, "subcategories", "cannot have subcategories");
    }

    @Test
    void aMissingNameIsReportedAtItsItem() {
        assertProblem(HEAD + """
                  - name: Alpha
                  - description: nameless
                    weight: 2
                """, 6, "missing key 'name'");
        assertProblem("""
                # comment line
                skill: demo
                categories: []
                """, 2, "missing key 'name'");
    }

    @Test
    void anEmptyNameIsRejected() {
        assertProblem(HEAD + """
                  - name: Alpha
                  - name: ""
                """, 6, "name", "empty");
    }

    @Test
    void aSkillIdThatIsNotKebabCaseIsRejected() {
        assertProblem("""
                # header
                name: Demo
                skill: Reading_Comprehension
                categories: []
                """, 3, "kebab-case", "Reading_Comprehension");
        assertProblem("""
                skill: reading comprehension
                name: Demo
                categories: []
                """, 1, "kebab-case");
    }

    @Test
    void brokenIndentationIsReportedNearItsLine() {
        String text = HEAD + """
                  - name: Alpha
                    weight: 1.0
                   description: three spaces, not four
                  - name: Beta
                """;
        TaxonomyFileException e = problemsOf(text);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(7);
            assertThat(p.message()).contains("indent");
        });
    }

    @Test
    void aTabIndentIsReported() {
        String text = HEAD + "  - name: Alpha\n\tweight: 1.0\n";
        TaxonomyFileException e = problemsOf(text);
        assertThat(e.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(6));
    }

    @Test
    void badEnabledValuesAndStructuresAreReported() {
        assertProblem(HEAD + """
                  - name: Alpha
                    enabled: maybe
                """, 6, "enabled", "true or false", "maybe");
        assertProblem("""
                skill: demo
                name: Demo
                categories:
                  name: not a list
                """, 4, "must be a list");
        assertProblem("""
                skill: demo
                name: Demo
                """, 1, "missing key 'categories'");
        assertProblem("""
                - just
                - a list
                """, 1, "must be a mapping");
        assertProblem("""
                skill: demo
                name: [a, b]
                categories: []
                """, 2, "single line of text");
        assertProblem("""
                skill: demo
                name: Demo
                name: Again
                categories: []
                """, 3, "appears twice", "line 2");
    }

    @Test
    void emptyTextIsReported() {
        assertProblem("", 1, "empty");
        assertProblem("# only a comment\n", 1, "empty");
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() {
        TaxonomyFileException e = problemsOf(HEAD + """
                  - name: Alpha
                    weight: -1
                  - name: Beta
                    colour: red
                  - name: alpha
                """);
        assertThat(e.problems()).extracting(TaxonomyProblem::line).containsExactlyInAnyOrder(6, 8, 9);
        assertThat(e.getMessage().lines().toList()).hasSize(3);
    }

    @Test
    void readNamesTheFileAndRejectsInvalidUtf8() throws Exception {
        Path f = tmp.resolve("latin1.yaml");
        Files.write(f, new byte[] {'s', 'k', 'i', 'l', 'l', ':', ' ', (byte) 0xE9, '\n'});
        TaxonomyFileException e = catchThrowableOfType(TaxonomyFileException.class, () -> TaxonomyYaml.read(f));
        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(f.toString());
            assertThat(p.message()).contains("UTF-8");
        });
        Path g = tmp.resolve("neg.yaml");
        Files.writeString(g, HEAD + "  - name: A\n    weight: -2\n");
        assertThatThrownBy(() -> TaxonomyYaml.read(g))
                .isInstanceOf(TaxonomyFileException.class)
                .hasMessage(g + ":6: weight must be 0 or more, found -2");
    }

    // ---- weights and file size ----

    @Test
    void weightsMustBeFiniteAndAtMostAMillionWithTheLineNamed() {
        TaxonomyFileException e = problemsOf("""
                skill: huge
                name: Huge
                categories:
                  - name: First
                    weight: 1.79e308
                  - name: Second
                    weight: 1.79e308
                  - name: Third
                    weight: 1e309
                  - name: Fourth
                    weight: 1000000.5
                  - name: Fine
                    weight: 1000000
                """);
        assertThat(e.problems())
                .extracting(TaxonomyProblem::toString)
                .containsExactly(
                        "bad.yaml:5: weight must be at most 1,000,000 (weights are relative), found 1.79e308",
                        "bad.yaml:7: weight must be at most 1,000,000 (weights are relative), found 1.79e308",
                        "bad.yaml:9: weight must be a finite number, found '1e309'",
                        "bad.yaml:11: weight must be at most 1,000,000 (weights are relative), found 1000000.5");
    }

    @Test
    void anOversizedFileIsRefusedBeforeItIsParsed() throws Exception {
        Path big = tmp.resolve("big.yaml");
        // Not even YAML: a parser would report that (after taking memory); the size is all that is said.
        StringBuilder text = new StringBuilder("skill: big\nname: Big\ncategories:\n");
        while (text.length() <= 1024 * 1024) {
            text.append("  - name: [[[[ {{{{ \"\n");
        }
        Files.writeString(big, text);

        TaxonomyFileException e = catchThrowableOfType(TaxonomyFileException.class, () -> TaxonomyYaml.read(big));

        assertThat(e).isNotNull();
        assertThat(e.problems())
                .extracting(TaxonomyProblem::toString)
                .singleElement()
                .asString()
                .startsWith(big + ":1: the file is 1.0 MB; a taxonomy file may be at most 1 MB");
        assertThat(catchThrowableOfType(
                                TaxonomyFileException.class, () -> TaxonomyYaml.parse("pasted", text.toString()))
                        .getMessage())
                .contains("a taxonomy file may be at most 1 MB");
    }
}
