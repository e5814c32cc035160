package io.arenainstruct.studio.service.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.domain.ratings.CiMethod;
import io.arenainstruct.studio.domain.ratings.Leaderboard;
import io.arenainstruct.studio.domain.ratings.ModelRating;
import io.arenainstruct.studio.domain.ratings.Ranks;
import io.arenainstruct.studio.domain.ratings.RatingFlag;
import io.arenainstruct.studio.domain.ratings.RatingOptions;
import io.arenainstruct.studio.domain.ratings.RatingSource;
import io.arenainstruct.studio.service.agreement.Agreement;
import io.arenainstruct.studio.service.agreement.AgreementReport;
import io.arenainstruct.studio.service.agreement.JudgeAgreement;

/**
 * A Hugging Face dataset card (the folder's {@code README.md}): a YAML header the Hub reads as it is (its dataset card
 * metadata: license, language, task categories, tags, size category, pretty name and {@code configs} with
 * {@code data_files}), then a body in Markdown saying what the rows are and how they were chosen.
 * Every outside text (titles, model and category names, rules, the command) is escaped where it goes: YAML values are
 * written by the YAML library, Markdown text is put on one line with its Markdown punctuation escaped (so a pipe or a
 * newline cannot break a table or end the header), and the command sits in a fence longer than any backtick run in it.
 */
public final class DatasetCard {
    /** The data file, relative to the folder; the header's {@code configs} name it. */
    public static final String DATA_FILE = "data/train.jsonl";

    public static final String README = "README.md";

    private static final String NONE = "—";

    /**
     * The Hub's size buckets (huggingface_hub's {@code DatasetCardData}: n&lt;1K up to n&gt;1T), each with the row
     * count it stops below: 999 rows are n&lt;1K, 1,000 are 1K&lt;n&lt;10K.
     */
    private static final String[] SIZES = {
        "n<1K",
        "1K<n<10K",
        "10K<n<100K",
        "100K<n<1M",
        "1M<n<10M",
        "10M<n<100M",
        "100M<n<1B",
        "1B<n<10B",
        "10B<n<100B",
        "100B<n<1T"
    };

    /** Punctuation that means something inline in CommonMark, GFM tables or the Hub's math: escaped wherever it is. */
    private static final String MARKDOWN_PUNCTUATION = "\\`*_[]<>|~#&$";

    /**
     * SnakeYAML's dumper quotes a string exactly when its resolver (YAML 1.1, as PyYAML's) would read it as something
     * else ({@code 0x1F}, {@code yes}, {@code 1.0}), so the Hub reads back the strings written.
     */
    private static final DumperOptions YAML_OPTIONS = yamlOptions();

    private DatasetCard() {}

    /**
     * The card's text.
     *
     * @param ratings   the leaderboard of the models, or null: the card says no ratings were computed
     * @param agreement judges against people, or null: the card says no agreement was computed
     */
    public static String markdown(CardFacts facts, Leaderboard ratings, Agreement agreement) {
        StringBuilder md = new StringBuilder(4096);
        md.append(header(facts)).append('\n');
        md.append("# ").append(inline(facts.title())).append("\n\n");
        md.append(String.format(
                        Locale.ROOT,
                        "%s, exported by ArenaInstruct Studio: %s.",
                        count(facts.rows(), "row", "rows"),
                        selection(facts.select())))
                .append("\n\n");
        rows(md, facts);
        license(md, facts);
        counts(md, "Rows per skill", "skill", facts.perSkill(), "No skill was recorded for these rows.");
        counts(md, "Rows per category", "category", facts.perCategory(), "No category was recorded for these rows.");
        models(md, facts, ratings);
        agreement(md, agreement);
        rules(md, facts);
        curation(md, facts);
        reproduce(md, facts);
        return md.toString();
    }

    /** The Hub's size category for {@code rows} rows. */
    public static String sizeCategory(long rows) {
        long limit = 1_000;
        for (String size : SIZES) {
            if (rows < limit) {
                return size;
            }
            limit *= 10;
        }
        return "n>1T";
    }

    /** The YAML header between its {@code ---} lines, each line ended by a newline. */
    static String header(CardFacts facts) {
        Map<String, Object> yaml = new LinkedHashMap<>();
        if (facts.license() != null) {
            yaml.put("license", facts.license());
        }
        if (facts.language() != null) {
            yaml.put("language", List.of(facts.language()));
        }
        yaml.put("task_categories", List.of("text-generation"));
        yaml.put("tags", List.of("synthetic", kindTag(ExportFormat.of(facts.format()))));
        yaml.put("size_categories", List.of(sizeCategory(facts.rows())));
        yaml.put("pretty_name", oneLine(facts.title()));
        Map<String, Object> split = new LinkedHashMap<>();
        split.put("split", "train");
        split.put("path", DATA_FILE);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("config_name", "default");
        config.put("data_files", List.of(split));
        yaml.put("configs", List.of(config));
        return "---\n" + new Yaml(YAML_OPTIONS).dump(yaml) + "---\n";
    }

    private static DumperOptions yamlOptions() {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setIndent(2);
        o.setIndicatorIndent(2);
        o.setIndentWithIndicator(true);
        o.setSplitLines(false);
        o.setWidth(Integer.MAX_VALUE);
        return o;
    }

    private static String kindTag(ExportFormat format) {
        return switch (format.kind()) {
            case SFT -> "sft";
            case PREFERENCE -> "dpo";
            case UNPAIRED -> "kto";
        };
    }

    private static String selection(String select) {
        return switch (select == null ? "" : select) {
            case "instructions" -> "AgentInstruct instructions, each with its final response";
            case "sft" -> "answers that won arena battles, as supervised fine-tuning targets (Arena Learning)";
            case "dpo" -> "preference pairs from arena battles, the winner's answer chosen and the loser's rejected";
            case "kto" -> "single answers from arena battles, labelled good (won) or bad (lost)";
            default -> "rows selected as " + inline(select);
        };
    }

    private static void rows(StringBuilder md, CardFacts facts) {
        ExportFormat format = ExportFormat.of(facts.format());
        md.append("## Rows and format\n\n");
        md.append("The rows are in `")
                .append(DATA_FILE)
                .append("` (JSON Lines, UTF-8, one JSON object a line), one split, `train`. Format `")
                .append(format.id())
                .append("`: ")
                .append(formatText(format))
                .append("\n\n");
        md.append("Load them with the `datasets` library:\n\n");
        md.append("```python\nimport datasets\n\nrows = datasets.load_dataset(\"json\", data_files=\"")
                .append(DATA_FILE)
                .append("\")\n```\n\n");
    }

    private static String formatText(ExportFormat format) {
        return switch (format) {
            case OPENAI ->
                "OpenAI chat fine-tuning, `{\"messages\": [{\"role\", \"content\"}, …]}`: an optional system"
                        + " turn, then user and assistant turns ending with the assistant's answer.";
            case SHAREGPT ->
                "ShareGPT, `{\"conversations\": [{\"from\", \"value\"}, …]}` with `from` one of `system`,"
                        + " `human` and `gpt`, ending with the `gpt` answer.";
            case ALPACA ->
                "Alpaca, `{\"instruction\", \"input\", \"output\"}`: one instruction, its input (empty when"
                        + " it has none) and the answer.";
            case DPO -> "TRL preference (standard), `{\"prompt\", \"chosen\", \"rejected\"}` as strings.";
            case DPO_CHAT ->
                "TRL preference (conversational), `{\"prompt\", \"chosen\", \"rejected\"}`: the prompt as"
                        + " a list of messages, each answer as a list holding one assistant message.";
            case KTO ->
                "TRL unpaired preference (standard, for KTO), `{\"prompt\", \"completion\", \"label\"}`: label"
                        + " `true` for a good answer, `false` for a bad one.";
        };
    }

    private static void license(StringBuilder md, CardFacts facts) {
        md.append("## License\n\n");
        if (facts.license() == null) {
            md.append("No license was given when this dataset was exported.\n\n");
        } else {
            md.append("`")
                    .append(facts.license())
                    .append("` (a license id from the Hugging Face Hub's list,"
                            + " https://huggingface.co/docs/hub/repositories-licenses).\n\n");
        }
    }

    private static void counts(StringBuilder md, String title, String what, Map<String, Long> counts, String none) {
        md.append("## ").append(title).append("\n\n");
        if (counts.isEmpty()) {
            md.append(none).append("\n\n");
            return;
        }
        md.append("| ").append(what).append(" | rows |\n|---|---:|\n");
        counts.forEach((name, n) -> md.append("| ")
                .append(cell(name))
                .append(" | ")
                .append(n == null ? NONE : String.format(Locale.ROOT, "%,d", n))
                .append(" |\n"));
        md.append('\n');
    }

    private static void models(StringBuilder md, CardFacts facts, Leaderboard board) {
        md.append("## Models and ratings\n\n");
        if (facts.models().isEmpty()) {
            md.append("No model is named as the author of the answers in the rows.\n\n");
        } else {
            md.append("The answers in the rows come from:\n\n");
            facts.models().forEach(m -> md.append("- ").append(item(m)).append('\n'));
            md.append('\n');
        }
        if (board == null) {
            md.append("No ratings were computed for this export.\n\n");
            return;
        }
        md.append(ratingsText(board)).append("\n\n");
        if (board.ratings().isEmpty()) {
            md.append("No model was rated.\n\n");
        } else {
            md.append("| rank | model | rating | 95% interval | battles | wins / losses / ties | note |\n");
            md.append("|---:|---|---:|---|---:|---|---|\n");
            for (ModelRating r : board.ratings()) {
                int rank = Ranks.rank(board.ratings(), r);
                md.append("| ")
                        .append(rank > 0 ? Integer.toString(rank) : NONE)
                        .append(" | ")
                        .append(cell(r.model()))
                        .append(" | ")
                        .append(figure(r.rating()))
                        .append(" | ")
                        .append(interval(r.ciLow(), r.ciHigh()))
                        .append(" | ")
                        .append(String.format(Locale.ROOT, "%,d", r.battles()))
                        .append(" | ")
                        .append(r.wins())
                        .append(" / ")
                        .append(r.losses())
                        .append(" / ")
                        .append(r.ties())
                        .append(" | ")
                        .append(notes(r))
                        .append(" |\n");
            }
            md.append('\n');
        }
        board.problems().forEach(p -> md.append("- ").append(item(p)).append('\n'));
        if (!board.problems().isEmpty()) {
            md.append('\n');
        }
    }

    /** Where the ratings come from and how they were computed, in one paragraph. */
    private static String ratingsText(Leaderboard board) {
        RatingOptions o = board.options();
        String intervals = o.ci() == CiMethod.SANDWICH
                ? "sandwich (robust) standard errors"
                : o.bootstrap() == 0
                        ? "no bootstrap, so no intervals"
                        : "bootstrap over " + o.bootstrap() + " rounds, seed " + o.seed();
        return String.format(
                Locale.ROOT,
                "Bradley–Terry ratings on the Elo scale with 95%% intervals, from %s%s, %s, over %s on %s;"
                        + " intervals by %s. Ranks are shared by models whose intervals overlap.",
                sourceText(o.source()),
                o.category() == null ? "" : " in the category " + inline(o.category()),
                o.styleControl()
                        ? "with style control (answer length and Markdown discounted)"
                        : "without style control",
                count(board.observations(), "observation", "observations"),
                count(board.battles(), "battle", "battles"),
                intervals);
    }

    private static String sourceText(RatingSource source) {
        return switch (source) {
            case JUDGE -> "the judges' verdicts";
            case HUMAN -> "people's votes";
            case COMBINED -> "people's votes where a battle has any, else the judges' verdicts";
            case IMPORTED -> "verdicts imported from battle files";
        };
    }

    private static String notes(ModelRating r) {
        List<String> notes = new ArrayList<>();
        for (RatingFlag f : RatingFlag.values()) {
            if (r.flags().contains(f)) {
                notes.add(f.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
        }
        return notes.isEmpty() ? "" : String.join(", ", notes);
    }

    private static void agreement(StringBuilder md, Agreement agreement) {
        md.append("## Judges and their agreement with people\n\n");
        if (agreement == null) {
            md.append("No judge–human agreement was computed for this export.\n\n");
            return;
        }
        AgreementReport report = agreement.overall();
        md.append(String.format(
                        Locale.ROOT,
                        "Each judge against the people's majority verdict (A, B or tie)%s, over %s with a majority"
                                + " (%s where people split left out).",
                        agreement.category() == null ? "" : " in the category " + inline(agreement.category()),
                        count(report.humanBattles(), "battle", "battles"),
                        count(report.splitBattles(), "battle", "battles")))
                .append("\n\n");
        if (report.judges().isEmpty()) {
            md.append("No judge gave a verdict on a battle people decided.\n\n");
        } else {
            md.append("| judge | prompt | battles | agreement | agreement without ties | Cohen's kappa |\n");
            md.append("|---|---|---:|---:|---:|---:|\n");
            for (JudgeAgreement j : report.judges()) {
                md.append("| ")
                        .append(cell(j.judge()))
                        .append(j.source() == VerdictSource.JURY ? " (jury)" : "")
                        .append(" | ")
                        .append(
                                j.agent() == null
                                        ? "imported"
                                        : cell(j.agent()) + (j.promptVersion() == null ? "" : " v" + j.promptVersion()))
                        .append(" | ")
                        .append(String.format(Locale.ROOT, "%,d", j.battles()))
                        .append(" | ")
                        .append(percent(j.agreement()))
                        .append(" | ")
                        .append(percent(j.agreementWithoutTies()))
                        .append(" | ")
                        .append(j.kappa() == null ? NONE : fixed(j.kappa(), 3))
                        .append(" |\n");
            }
            md.append('\n');
        }
        if (report.krippendorffAlpha() != null) {
            md.append(String.format(
                            Locale.ROOT,
                            "Annotators among themselves: Krippendorff's alpha %s over %s with two annotators or"
                                    + " more.",
                            fixed(report.krippendorffAlpha(), 3),
                            count(report.alphaUnits(), "battle", "battles")))
                    .append("\n\n");
        }
    }

    private static void rules(StringBuilder md, CardFacts facts) {
        md.append("## Selection rules\n\n");
        if (facts.rules().isEmpty()) {
            md.append("No rule narrowed the selection.\n\n");
            return;
        }
        facts.rules().forEach(r -> md.append("- ").append(item(r)).append('\n'));
        md.append('\n');
    }

    private static void curation(StringBuilder md, CardFacts facts) {
        md.append("## Duplicates and contamination\n\n");
        if (facts.curation() == null || facts.curation().isBlank()) {
            md.append("No duplicate or decontamination pass ran before this export.\n\n");
        } else {
            facts.curation()
                    .lines()
                    .filter(l -> !l.isBlank())
                    .forEach(l -> md.append("- ").append(item(l)).append('\n'));
            md.append('\n');
        }
        if (!facts.referenceSets().isEmpty()) {
            md.append("Reference sets checked against:\n\n");
            facts.referenceSets().forEach(s -> md.append("- ").append(item(s)).append('\n'));
            md.append('\n');
        }
    }

    private static void reproduce(StringBuilder md, CardFacts facts) {
        md.append("## Reproduce\n\n");
        md.append("The same command on the same store writes the same rows:\n\n");
        String command = facts.command() == null ? "" : facts.command().replace("\r\n", "\n");
        String fence = "`".repeat(Math.max(3, longestRun(command, '`') + 1));
        md.append(fence)
                .append("sh\n")
                .append(command)
                .append('\n')
                .append(fence)
                .append("\n\n");
        md.append("Made with ArenaInstruct Studio ")
                .append(inline(facts.appVersion() == null ? "(version unknown)" : facts.appVersion()))
                .append(".\n");
    }

    /**
     * Outside text as Markdown on one line: line breaks and other control characters become spaces and Markdown's
     * inline punctuation is escaped.
     */
    static String inline(String text) {
        if (text == null) {
            return "";
        }
        String line = oneLine(text);
        StringBuilder b = new StringBuilder(line.length() + 8);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (MARKDOWN_PUNCTUATION.indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /**
     * A list item's text: {@link #inline}, and a start that would open a block inside the item (a list, a setext
     * heading's underline, an ordered list) escaped too.
     */
    static String item(String text) {
        StringBuilder b = new StringBuilder(inline(text));
        if (b.length() > 0 && "-+=".indexOf(b.charAt(0)) >= 0) {
            b.insert(0, '\\');
        }
        int digits = 0;
        while (digits < b.length() && b.charAt(digits) >= '0' && b.charAt(digits) <= '9') {
            digits++;
        }
        if (digits > 0 && digits < b.length() && (b.charAt(digits) == '.' || b.charAt(digits) == ')')) {
            b.insert(digits, '\\'); // "1. " would open an ordered list
        }
        return b.toString();
    }

    /** A table cell: {@link #inline} (pipes escaped, on one line); an empty text shows as a dash. */
    static String cell(String text) {
        String s = inline(text);
        return s.isEmpty() ? NONE : s;
    }

    /** The text on one line: line breaks, tabs and other control characters as single spaces, ends stripped. */
    static String oneLine(String text) {
        StringBuilder b = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean blank = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (blank) {
                if (!space) {
                    b.append(' ');
                }
                space = true;
            } else {
                b.append(c);
                space = false;
            }
        }
        return b.toString().strip();
    }

    private static int longestRun(String text, char c) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == c ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    private static String count(long n, String one, String many) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? one : many);
    }

    private static String figure(double v) {
        return Double.isFinite(v) ? fixed(v, 1) : NONE;
    }

    private static String interval(double low, double high) {
        return Double.isFinite(low) && Double.isFinite(high) ? "[" + fixed(low, 1) + ", " + fixed(high, 1) + "]" : NONE;
    }

    private static String percent(Double share) {
        return share == null ? NONE : fixed(100 * share, 1) + "%";
    }

    /** v to {@code decimals} places; a small negative that rounds to zero is 0, not -0. */
    private static String fixed(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.startsWith("-") && s.chars().skip(1).allMatch(c -> c == '0' || c == '.') ? s.substring(1) : s;
    }
}
