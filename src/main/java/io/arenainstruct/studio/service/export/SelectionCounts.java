package io.arenainstruct.studio.service.export;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a selection kept and what each rule left out: the numbers the Export area shows as the rules change and a
 * command prints before it writes.
 *
 * @param unit        what the items are: "instructions" or "battles"
 * @param considered  items looked at (within the run, dataset, category and target chosen)
 * @param removed     items each rule left out, by the rule in words, in the order the rules first removed one
 * @param kept        items that give rows
 * @param rows        rows they give (a KTO battle gives two)
 * @param perSkill    rows by skill, by name
 * @param perCategory rows by category, by name
 * @param scope       the scope the items were read within, in words ("run 3, category Math"), or null for all
 */
public record SelectionCounts(
        String unit,
        long considered,
        Map<String, Long> removed,
        long kept,
        long rows,
        Map<String, Long> perSkill,
        Map<String, Long> perCategory,
        String scope) {
    public SelectionCounts {
        removed = Collections.unmodifiableMap(new LinkedHashMap<>(removed));
        perSkill = Collections.unmodifiableMap(new LinkedHashMap<>(perSkill));
        perCategory = Collections.unmodifiableMap(new LinkedHashMap<>(perCategory));
        scope = scope == null || scope.isBlank() ? null : scope;
    }

    /** Counts of items read from the whole store. */
    public SelectionCounts(
            String unit,
            long considered,
            Map<String, Long> removed,
            long kept,
            long rows,
            Map<String, Long> perSkill,
            Map<String, Long> perCategory) {
        this(unit, considered, removed, kept, rows, perSkill, perCategory, null);
    }

    /** One line: what is kept and what each rule left out. */
    public String summary() {
        String head = String.format(
                Locale.ROOT,
                "%s of %s %s %s",
                count(kept, null),
                count(considered, unit),
                kept == 1 ? "gives" : "give",
                count(rows, "row"));
        return removed.isEmpty() ? head + "." : head + "; left out: " + removedWords() + ".";
    }

    /**
     * Why nothing is selected, naming the rule that removed everything (or each rule and how many), or null when
     * there are rows.
     */
    public String nothingSelected() {
        if (rows > 0) {
            return null;
        }
        if (considered == 0 && scope != null) {
            // the scope left nothing: a mistyped name, not an empty store
            return "Nothing to export: no " + unit + " match the scope chosen (" + scope + ").";
        }
        if (considered == 0) {
            return "Nothing to export: there are no " + unit + " to choose from"
                    + (unit.equals("battles")
                            ? " (create battles and judge them, or import verdicts)."
                            : " (run a flow first).");
        }
        if (removed.size() == 1 && considered > 1) {
            // the rule that removed everything, by name
            return String.format(
                    Locale.ROOT,
                    "Nothing to export: all %s %s.",
                    count(considered, unit),
                    removed.keySet().iterator().next());
        }
        return String.format(Locale.ROOT, "Nothing to export: of %s, %s.", count(considered, unit), removedWords());
    }

    /** A rule's words (written for many: "were ties") as one item takes them: "was a tie". */
    private static String agreeing(String rule, long n) {
        if (n != 1 || !rule.startsWith("were ")) {
            return rule;
        }
        String one = "was " + rule.substring("were ".length());
        return one.equals("was ties") ? "was a tie" : one.replace(" their ", " its ");
    }

    private String removedWords() {
        List<String> parts = removed.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%,d %s", e.getValue(), agreeing(e.getKey(), e.getValue())))
                .toList();
        return parts.stream().collect(Collectors.joining(", "));
    }

    private static String count(long n, String noun) {
        if (noun == null) {
            return String.format(Locale.ROOT, "%,d", n);
        }
        String one = noun.endsWith("s") ? noun.substring(0, noun.length() - 1) : noun;
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? one : one + "s");
    }
}
