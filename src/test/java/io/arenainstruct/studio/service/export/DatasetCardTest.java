package io.arenainstruct.studio.service.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.domain.ratings.Leaderboard;
import io.arenainstruct.studio.domain.ratings.ModelRating;
import io.arenainstruct.studio.domain.ratings.RatingFlag;
import io.arenainstruct.studio.domain.ratings.RatingOptions;
import io.arenainstruct.studio.domain.ratings.RatingSource;
import io.arenainstruct.studio.domain.ratings.WinRates;
import io.arenainstruct.studio.service.agreement.Agreement;
import io.arenainstruct.studio.service.agreement.AgreementReport;
import io.arenainstruct.studio.service.agreement.JudgeAgreement;

class DatasetCardTest {
    /** The Hub server's front-matter pattern, as huggingface_hub's repocard.py quotes it ("exact same regex"). */
    private static final Pattern HUB_YAML_BLOCK = Pattern.compile("---[\\n\\r]+([\\S\\s]*?)[\\n\\r]+---[\\n\\r]");

    private static final Parser MARKDOWN =
            Parser.builder().extensions(List.of(TablesExtension.create())).build();

    static CardFacts facts(long rows, String license) {
        Map<String, Long> skills = new LinkedHashMap<>();
        skills.put("reading-comprehension", 1_200L);
        skills.put("text-modification", 34L);
        Map<String, Long> categories = new LinkedHashMap<>();
        categories.put("summarisation", 700L);
        categories.put("paraphrase", 534L);
        return new CardFacts(
                "Curated instructions from ArenaInstruct Studio",
                "openai",
                "sft",
                rows,
                license,
                "en",
                skills,
                categories,
                List.of("battles the target model lost", "minimum judge score gap 2"),
                "exact duplicates: 3 dropped\nnear duplicates (threshold 0.8): 5 dropped",
                List.of("arena-hard-v0.1"),
                List.of("heron-xl", "wren-7b"),
                "arenainstruct export --format openai --out curated --select sft --card",
                "0.13.0");
    }

    /** The header as the Hub finds it, parsed by SnakeYAML. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> header(String card) {
        assertThat(card).startsWith("---\n");
        Matcher m = HUB_YAML_BLOCK.matcher(card);
        assertThat(m.find()).isTrue();
        assertThat(m.start()).isZero();
        return (Map<String, Object>) new Yaml().load(m.group(1));
    }

    /** The body as the Hub renders it: the Markdown after the header, with GFM tables. */
    static Node body(String card) {
        Matcher m = HUB_YAML_BLOCK.matcher(card);
        assertThat(m.find()).isTrue();
        return MARKDOWN.parse(card.substring(m.end()));
    }

    @Test
    void headerParsesWithTheHubsKeysAndValues() {
        Map<String, Object> yaml = header(DatasetCard.markdown(facts(1_234, "apache-2.0"), null, null));

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("license", "apache-2.0");
        expected.put("language", List.of("en"));
        expected.put("task_categories", List.of("text-generation"));
        expected.put("tags", List.of("synthetic", "sft"));
        expected.put("size_categories", List.of("1K<n<10K"));
        expected.put("pretty_name", "Curated instructions from ArenaInstruct Studio");
        expected.put(
                "configs",
                List.of(Map.of(
                        "config_name",
                        "default",
                        "data_files",
                        List.of(Map.of("split", "train", "path", "data/train.jsonl")))));
        assertThat(yaml).containsExactlyEntriesOf(expected);
    }

    @Test
    void theTagNamesTheKindOfRows() {
        CardFacts f = facts(10, null);
        for (String[] formatAndTag : new String[][] {
            {"sharegpt", "sft"}, {"alpaca", "sft"}, {"dpo", "dpo"}, {"dpo-chat", "dpo"}, {"kto", "kto"}
        }) {
            CardFacts other = new CardFacts(
                    f.title(),
                    formatAndTag[0],
                    f.select(),
                    f.rows(),
                    null,
                    "en",
                    f.perSkill(),
                    f.perCategory(),
                    f.rules(),
                    f.curation(),
                    f.referenceSets(),
                    f.models(),
                    f.command(),
                    f.appVersion());
            assertThat(header(DatasetCard.markdown(other, null, null)).get("tags"))
                    .as(formatAndTag[0])
                    .isEqualTo(List.of("synthetic", formatAndTag[1]));
        }
    }

    @Test
    void withoutALicenseTheHeaderHasNoneAndTheBodySaysSo() {
        String card = DatasetCard.markdown(facts(5, null), null, null);

        assertThat(header(card)).doesNotContainKey("license").containsEntry("size_categories", List.of("n<1K"));
        assertThat(card).contains("## License\n\nNo license was given when this dataset was exported.");
        assertThat(DatasetCard.markdown(facts(5, "  "), null, null)).isEqualTo(card);
    }

    @Test
    void sizeCategoriesFollowTheHubsBuckets() {
        // each bucket starts at its lower power of ten: 999 rows are under 1K, 1,000 are not
        assertThat(DatasetCard.sizeCategory(0)).isEqualTo("n<1K");
        assertThat(DatasetCard.sizeCategory(999)).isEqualTo("n<1K");
        assertThat(DatasetCard.sizeCategory(1_000)).isEqualTo("1K<n<10K");
        assertThat(DatasetCard.sizeCategory(9_999)).isEqualTo("1K<n<10K");
        assertThat(DatasetCard.sizeCategory(10_000)).isEqualTo("10K<n<100K");
        assertThat(DatasetCard.sizeCategory(99_999)).isEqualTo("10K<n<100K");
        assertThat(DatasetCard.sizeCategory(100_000)).isEqualTo("100K<n<1M");
        assertThat(DatasetCard.sizeCategory(999_999)).isEqualTo("100K<n<1M");
        assertThat(DatasetCard.sizeCategory(1_000_000)).isEqualTo("1M<n<10M");
        assertThat(DatasetCard.sizeCategory(9_999_999)).isEqualTo("1M<n<10M");
        assertThat(DatasetCard.sizeCategory(10_000_000)).isEqualTo("10M<n<100M");
        assertThat(DatasetCard.sizeCategory(100_000_000)).isEqualTo("100M<n<1B");
        assertThat(DatasetCard.sizeCategory(1_000_000_000)).isEqualTo("1B<n<10B");
        assertThat(DatasetCard.sizeCategory(10_000_000_000L)).isEqualTo("10B<n<100B");
        assertThat(DatasetCard.sizeCategory(100_000_000_000L)).isEqualTo("100B<n<1T");
        assertThat(DatasetCard.sizeCategory(999_999_999_999L)).isEqualTo("100B<n<1T");
        assertThat(DatasetCard.sizeCategory(1_000_000_000_000L)).isEqualTo("n>1T");
        assertThat(DatasetCard.sizeCategory(Long.MAX_VALUE)).isEqualTo("n>1T");
    }

    @Test
    void countsArePerSkillAndPerCategoryTablesInTheOrderGiven() {
        Node doc = body(DatasetCard.markdown(facts(1_234, null), null, null));

        List<List<List<String>>> tables = tables(doc);
        assertThat(tables.get(0))
                .containsExactly(
                        List.of("skill", "rows"),
                        List.of("reading-comprehension", "1,200"),
                        List.of("text-modification", "34"));
        assertThat(tables.get(1))
                .containsExactly(
                        List.of("category", "rows"), List.of("summarisation", "700"), List.of("paraphrase", "534"));
    }

    @Test
    void theBodySaysHowToLoadTheRowsAndHowToMakeThemAgain() {
        CardFacts f = facts(1_234, null);
        Node doc = body(DatasetCard.markdown(f, null, null));

        List<FencedCodeBlock> code = codeBlocks(doc);
        assertThat(code).hasSize(2);
        assertThat(code.get(0).getLiteral())
                .contains("datasets.load_dataset(\"json\", data_files=\"data/train.jsonl\")");
        assertThat(code.get(1).getInfo()).isEqualTo("sh");
        assertThat(code.get(1).getLiteral()).isEqualTo(f.command() + "\n");
        assertThat(bulletItems(doc))
                .contains(
                        "heron-xl",
                        "wren-7b",
                        "battles the target model lost",
                        "minimum judge score gap 2",
                        "exact duplicates: 3 dropped",
                        "near duplicates (threshold 0.8): 5 dropped",
                        "arena-hard-v0.1");
        assertThat(DatasetCard.markdown(f, null, null)).contains("ArenaInstruct Studio 0.13.0.");
    }

    @Test
    void withoutRatingsAgreementRulesOrCurationTheCardSaysSo() {
        CardFacts f = facts(3, null);
        CardFacts bare = new CardFacts(
                f.title(),
                "kto",
                "kto",
                3,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "arenainstruct export --format kto --out x",
                "0.13.0");
        String card = DatasetCard.markdown(bare, null, null);

        assertThat(header(card)).doesNotContainKeys("license", "language");
        assertThat(card)
                .contains("No skill was recorded for these rows.")
                .contains("No category was recorded for these rows.")
                .contains("No ratings were computed for this export.")
                .contains("No judge–human agreement was computed for this export.")
                .contains("No rule narrowed the selection.")
                .contains("No duplicate or decontamination pass ran before this export.");
        assertThat(tables(body(card))).isEmpty();
    }

    @Test
    void ratingsAndAgreementAreTablesNamingSourceStyleAndBattles() {
        RatingOptions options =
                RatingOptions.defaults().withSource(RatingSource.COMBINED).withStyleControl(true);
        ModelRating heron =
                new ModelRating("heron-xl", 1_012.34, 990.0, 1_030.46, 1_010.0, 40, 80, 50, 20, 10, Set.of());
        ModelRating wren = new ModelRating("wren-7b", 987.66, 969.54, 1_010.0, 990.0, 40, 80, 20, 50, 10, Set.of());
        ModelRating lone = new ModelRating(
                "lone", Double.NaN, Double.NaN, Double.NaN, Double.NaN, 2, 2, 1, 1, 0, Set.of(RatingFlag.DISCONNECTED));
        Leaderboard board = new Leaderboard(
                options,
                Instant.parse("2026-12-07T06:00:00Z"),
                162,
                82,
                List.of(heron, wren, lone),
                List.of(),
                0,
                new WinRates(List.of(), new double[0][0], new double[0][0], new int[0][0], new int[0][0]),
                List.of(),
                List.of(),
                List.of("lone was never compared with the other models."));
        JudgeAgreement judge = new JudgeAgreement(
                "owl-judge", "judge-pairwise", 2, VerdictSource.JUDGE, 40, 0.75, 0.8, 0.6123, 0.7, 0.9, 0.5, 0.6);
        JudgeAgreement jury = new JudgeAgreement(
                "panel", null, null, VerdictSource.JURY, 1_200, 0.5, null, null, null, null, null, null);
        Agreement agreement =
                new Agreement(null, new AgreementReport(List.of(judge, jury), List.of(), 0.4567, 42, 3, 17), Map.of());

        String card = DatasetCard.markdown(facts(100, null), board, agreement);
        List<List<List<String>>> tables = tables(body(card));

        // ranks: heron's interval [990.0, 1030.5] overlaps wren's [969.5, 1010.0], so both are first
        assertThat(tables.get(2))
                .containsExactly(
                        List.of("rank", "model", "rating", "95% interval", "battles", "wins / losses / ties", "note"),
                        List.of("1", "heron-xl", "1012.3", "[990.0, 1030.5]", "40", "50 / 20 / 10", ""),
                        List.of("1", "wren-7b", "987.7", "[969.5, 1010.0]", "40", "20 / 50 / 10", ""),
                        List.of("—", "lone", "—", "—", "2", "1 / 1 / 0", "disconnected"));
        assertThat(tables.get(3))
                .containsExactly(
                        List.of("judge", "prompt", "battles", "agreement", "agreement without ties", "Cohen's kappa"),
                        List.of("owl-judge", "judge-pairwise v2", "40", "75.0%", "80.0%", "0.612"),
                        List.of("panel (jury)", "imported", "1,200", "50.0%", "—", "—"));
        assertThat(card)
                .contains("from people's votes where a battle has any, else the judges' verdicts, with style control")
                .contains("over 162 observations on 82 battles")
                .contains("bootstrap over 100 rounds, seed 42")
                .contains("over 42 battles with a majority (3 battles where people split left out)")
                .contains("Krippendorff's alpha 0.457 over 17 battles")
                .contains("- lone was never compared with the other models.");
    }

    @Test
    void outsideTextBreaksNeitherTheHeaderNorTheTables() {
        String title = "null: yes # ---\n---\nlicense: mit";
        String model = "evil|model\n---\n| x | y |";
        String category = "- [link](http://x) *bold* `code` <b>html</b> & $x$";
        String skill = "# heading\n===";
        String rule = "1. numbered | piped\r\nsecond line";
        String curation = "---\n  \nexact: 1 | dropped";
        String command = "export --out 'a\n---\n```\nb'";
        Map<String, Long> skills = new LinkedHashMap<>();
        skills.put(skill, 1L);
        skills.put("'quoted'", 2L);
        Map<String, Long> categories = new LinkedHashMap<>();
        categories.put(category, 3L);
        categories.put("1.0", 4L);
        CardFacts f = new CardFacts(
                title,
                "dpo",
                "dpo",
                10,
                "cc-by-4.0",
                "en",
                skills,
                categories,
                List.of(rule),
                curation,
                List.of("set: \"a\""),
                List.of(model),
                command,
                "0.13.0\n---");
        ModelRating rating = new ModelRating(model, 1_000, 990, 1_010, 1_000, 5, 10, 5, 5, 0, Set.of());
        Leaderboard board = new Leaderboard(
                RatingOptions.defaults().withCategory(category),
                Instant.EPOCH,
                10,
                5,
                List.of(rating),
                List.of(),
                0,
                new WinRates(List.of(), new double[0][0], new double[0][0], new int[0][0], new int[0][0]),
                List.of(),
                List.of(),
                List.of());
        JudgeAgreement judge =
                new JudgeAgreement(model, "judge|x", 1, VerdictSource.JUDGE, 5, 1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 0.5);
        Agreement agreement =
                new Agreement(category, new AgreementReport(List.of(judge), List.of(), null, 5, 0, 0), Map.of());

        String card = DatasetCard.markdown(f, board, agreement);

        Map<String, Object> yaml = header(card);
        assertThat(yaml.keySet())
                .containsExactly(
                        "license", "language", "task_categories", "tags", "size_categories", "pretty_name", "configs");
        assertThat(yaml).containsEntry("license", "cc-by-4.0");
        assertThat(yaml).containsEntry("pretty_name", "null: yes # --- --- license: mit");

        Node doc = body(card);
        assertThat(headings(doc))
                .containsExactly(
                        "null: yes # --- --- license: mit",
                        "Rows and format",
                        "License",
                        "Rows per skill",
                        "Rows per category",
                        "Models and ratings",
                        "Judges and their agreement with people",
                        "Selection rules",
                        "Duplicates and contamination",
                        "Reproduce");
        String modelShown = "evil|model --- | x | y |";
        List<List<List<String>>> tables = tables(doc);
        assertThat(tables).hasSize(4);
        assertThat(tables.get(0))
                .containsExactly(List.of("skill", "rows"), List.of("# heading ===", "1"), List.of("'quoted'", "2"));
        assertThat(tables.get(1))
                .containsExactly(
                        List.of("category", "rows"),
                        List.of("- [link](http://x) *bold* `code` <b>html</b> & $x$", "3"),
                        List.of("1.0", "4"));
        assertThat(tables.get(2).get(1))
                .containsExactly("1", modelShown, "1000.0", "[990.0, 1010.0]", "5", "5 / 5 / 0", "");
        assertThat(tables.get(3).get(1)).containsExactly(modelShown, "judge|x v1", "5", "100.0%", "100.0%", "1.000");
        assertThat(bulletItems(doc))
                .containsExactly(
                        modelShown, "1. numbered | piped second line", "---", "exact: 1 | dropped", "set: \"a\"");
        List<FencedCodeBlock> code = codeBlocks(doc);
        assertThat(code.get(code.size() - 1).getLiteral()).isEqualTo(command + "\n");
        assertThat(card).contains("in the category - \\[link\\]").endsWith("ArenaInstruct Studio 0.13.0 ---.\n");
    }

    @Test
    void aTitleYamlWouldReadAsAnotherTypeStaysAString() {
        CardFacts f = facts(1, null);
        for (String title :
                List.of("null", "yes", "No", "1.0", "0x1F", "~", "2026-12-07", "- a", "'q'", "\"q\"", "&a *b !c")) {
            CardFacts titled = new CardFacts(
                    title,
                    f.format(),
                    f.select(),
                    f.rows(),
                    null,
                    "en",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    f.command(),
                    f.appVersion());
            assertThat(header(DatasetCard.markdown(titled, null, null)).get("pretty_name"))
                    .as(title)
                    .isEqualTo(title);
        }
    }

    @Test
    void factsRefuseWhatTheHubWouldNot() {
        CardFacts f = facts(1, null);
        assertThatThrownBy(() -> new CardFacts(
                        f.title(), "csv", "sft", 1, null, "en", null, null, null, null, null, null, "x", "1"))
                .hasMessageContaining("openai, sharegpt, alpaca, dpo, dpo-chat, kto");
        assertThatThrownBy(() -> new CardFacts(
                        f.title(),
                        "openai",
                        "sft",
                        1,
                        "MIT License",
                        "en",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "x",
                        "1"))
                .hasMessageContaining("not a Hugging Face license id");
        assertThatThrownBy(() -> new CardFacts(
                        f.title(), "openai", "sft", 1, null, "en-US", null, null, null, null, null, null, "x", "1"))
                .hasMessageContaining("not a language code");
        assertThatThrownBy(() -> new CardFacts(
                        " ", "openai", "sft", 1, null, "en", null, null, null, null, null, null, "x", "1"))
                .hasMessageContaining("title");
    }

    /** Every table as rows of cell texts, the header row first. */
    static List<List<List<String>>> tables(Node doc) {
        List<List<List<String>>> tables = new ArrayList<>();
        walk(doc, n -> {
            if (n instanceof TableBlock) {
                List<List<String>> rows = new ArrayList<>();
                walk(n, r -> {
                    if (r instanceof TableRow) {
                        List<String> cells = new ArrayList<>();
                        for (Node c = r.getFirstChild(); c != null; c = c.getNext()) {
                            if (c instanceof TableCell) {
                                cells.add(text(c));
                            }
                        }
                        rows.add(cells);
                    }
                });
                tables.add(rows);
            }
        });
        return tables;
    }

    static List<String> headings(Node doc) {
        List<String> headings = new ArrayList<>();
        walk(doc, n -> {
            if (n instanceof Heading) {
                headings.add(text(n));
            }
        });
        return headings;
    }

    /** The text of every bullet list item, in order. */
    static List<String> bulletItems(Node doc) {
        List<String> items = new ArrayList<>();
        walk(doc, n -> {
            if (n instanceof BulletList) {
                for (Node item = n.getFirstChild(); item != null; item = item.getNext()) {
                    items.add(text(item));
                }
            }
        });
        return items;
    }

    static List<FencedCodeBlock> codeBlocks(Node doc) {
        List<FencedCodeBlock> blocks = new ArrayList<>();
        walk(doc, n -> {
            if (n instanceof FencedCodeBlock b) {
                blocks.add(b);
            }
        });
        return blocks;
    }

    /** The text a reader sees: literal text and code, a soft line break as a space. */
    static String text(Node node) {
        StringBuilder b = new StringBuilder();
        walk(node, n -> {
            if (n instanceof Text t) {
                b.append(t.getLiteral());
            } else if (n instanceof Code c) {
                b.append(c.getLiteral());
            } else if (n instanceof SoftLineBreak) {
                b.append(' ');
            }
        });
        return b.toString();
    }

    private static void walk(Node node, Consumer<Node> visit) {
        visit.accept(node);
        for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
            walk(c, visit);
        }
    }
}
