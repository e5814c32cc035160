package io.arenainstruct.studio.service.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What an export selects and by which rules (issue 13, "Selection"; decision 0015 states how a battle is decided).
 * A rule that does not apply to the selection is ignored (a score gap when selecting instructions).
 *
 * @param target         a model: only the battles it lost (Arena Learning); null for every decided battle
 * @param minGap         the smallest score gap (|A − B|) a score judge's verdict must show; null for none
 * @param strongOnly     a graded judge's verdict must be strong (A&gt;&gt;B or B&gt;&gt;A)
 * @param consistentOnly a judge's verdict counts only when its games agree once un-swapped
 * @param allowTies      KTO: a tie labels both answers good (off: ties give no rows)
 * @param allowBothBad   KTO: both-bad labels both answers bad (off: both-bad gives no rows)
 * @param bestPairOnly   DPO: one pair per prompt, the surest
 * @param acceptedOnly   instructions: only those the curator accepted
 * @param minChars       every exported answer has at least this many characters; null for no bound
 * @param maxChars       every exported answer has at most this many characters; null for no bound
 * @param runId          only instructions of this run (battles on them); null for all
 * @param dataset        battles: only on instructions of this dataset; null for all
 * @param skill          only this skill; null for all
 * @param category       only this category; null for all
 * @param limit          at most this many rows, shared among categories by their taxonomy weights; null for all
 * @param iteration      only battles (or run instructions) created in this iteration of the loop; null for all
 */
public record SelectionRules(
        ExportSelect select,
        String target,
        VerdictUse verdicts,
        Double minGap,
        boolean strongOnly,
        boolean consistentOnly,
        boolean allowTies,
        boolean allowBothBad,
        boolean bestPairOnly,
        boolean acceptedOnly,
        Integer minChars,
        Integer maxChars,
        Long runId,
        String dataset,
        String skill,
        String category,
        Integer limit,
        Integer iteration) {
    public SelectionRules {
        Objects.requireNonNull(select, "select");
        Objects.requireNonNull(verdicts, "verdicts");
        target = blankToNull(target);
        dataset = blankToNull(dataset);
        skill = blankToNull(skill);
        category = blankToNull(category);
        if (minGap != null && !(minGap >= 0 && minGap <= 10)) {
            throw new IllegalArgumentException(
                    "The score gap must be between 0 and 10 (judges score 1 to 10), not " + minGap + ".");
        }
        if (minChars != null && minChars < 0) {
            throw new IllegalArgumentException("The shortest answer cannot be under 0 characters.");
        }
        if (maxChars != null && maxChars < 1) {
            throw new IllegalArgumentException("The longest answer must be at least 1 character.");
        }
        if (minChars != null && maxChars != null && minChars > maxChars) {
            throw new IllegalArgumentException(
                    "The shortest answer (" + minChars + " characters) is longer than the longest (" + maxChars + ").");
        }
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("The row limit must be at least 1, not " + limit + ".");
        }
        if (iteration != null && iteration < 1) {
            throw new IllegalArgumentException("Iterations are numbered from 1, not " + iteration + ".");
        }
    }

    /** The rules without an iteration scope (everything made in the store). */
    public SelectionRules(
            ExportSelect select,
            String target,
            VerdictUse verdicts,
            Double minGap,
            boolean strongOnly,
            boolean consistentOnly,
            boolean allowTies,
            boolean allowBothBad,
            boolean bestPairOnly,
            boolean acceptedOnly,
            Integer minChars,
            Integer maxChars,
            Long runId,
            String dataset,
            String skill,
            String category,
            Integer limit) {
        this(
                select,
                target,
                verdicts,
                minGap,
                strongOnly,
                consistentOnly,
                allowTies,
                allowBothBad,
                bestPairOnly,
                acceptedOnly,
                minChars,
                maxChars,
                runId,
                dataset,
                skill,
                category,
                limit,
                null);
    }

    /** Only what was made in iteration {@code n} (decision 0017: by creation time); null for all. */
    public SelectionRules withIteration(Integer n) {
        return new SelectionRules(
                select,
                target,
                verdicts,
                minGap,
                strongOnly,
                consistentOnly,
                allowTies,
                allowBothBad,
                bestPairOnly,
                acceptedOnly,
                minChars,
                maxChars,
                runId,
                dataset,
                skill,
                category,
                limit,
                n);
    }

    /** The defaults for a selection: every row, people over judges, consistent judge verdicts, no ties. */
    public static SelectionRules of(ExportSelect select) {
        return new SelectionRules(
                select,
                null,
                VerdictUse.HUMAN_OVER_JUDGE,
                null,
                false,
                true,
                false,
                false,
                false,
                false,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    public SelectionRules withSelect(ExportSelect s) {
        return new SelectionRules(
                s,
                target,
                verdicts,
                minGap,
                strongOnly,
                consistentOnly,
                allowTies,
                allowBothBad,
                bestPairOnly,
                acceptedOnly,
                minChars,
                maxChars,
                runId,
                dataset,
                skill,
                category,
                limit,
                iteration);
    }

    public SelectionRules withTarget(String t) {
        return new SelectionRules(
                select,
                t,
                verdicts,
                minGap,
                strongOnly,
                consistentOnly,
                allowTies,
                allowBothBad,
                bestPairOnly,
                acceptedOnly,
                minChars,
                maxChars,
                runId,
                dataset,
                skill,
                category,
                limit,
                iteration);
    }

    public SelectionRules withVerdicts(VerdictUse v) {
        return new SelectionRules(
                select,
                target,
                v,
                minGap,
                strongOnly,
                consistentOnly,
                allowTies,
                allowBothBad,
                bestPairOnly,
                acceptedOnly,
                minChars,
                maxChars,
                runId,
                dataset,
                skill,
                category,
                limit,
                iteration);
    }

    public SelectionRules withMinGap(Double k) {
        return new SelectionRules(
                select,
                target,
                verdicts,
                k,
                strongOnly,
                consistentOnly,
                allowTies,
                allowBothBad,
                bestPairOnly,
                acceptedOnly,
                minChars,
                maxChars,
                runId,
                dataset,
                skill,
                category,
                limit,
                iteration);
    }

    public SelectionRules withStrongOnly(boolean on) {
        return new SelectionRules(
                select,
                target,
                verdicts,
                minGap,
                on,
                consistentOnly,
                allowTies,
                allowBothBad,
                bestPairOnly,
                acceptedOnly,
                minChars,
                maxChars,
                runId,
                dataset,
                skill,
                category,
                limit,
                iteration);
    }

    public SelectionRules withConsistentOnly(boolean on) {
        return new SelectionRules(
                select,
                target,
                verdicts,
                minGap,
                strongOnly,
                on,
                allowTies,
                allowBothBad,
                bestPairOnly,
                acceptedOnly,
                minChars,
                maxChars,
                runId,
                dataset,
                skill,
                category,
                limit,
                iteration);
    }

    public SelectionRules withTies(boolean on) {
        return new SelectionRules(
                select,
                target,
                verdicts,
                minGap,
                strongOnly,
                consistentOnly,
                on,
                allowBothBad,
                bestPairOnly,
                acceptedOnly,
                minChars,
                maxChars,
                runId,
                dataset,
                skill,
                category,
                limit,
                iteration);
    }

    public SelectionRules withBothBad(boolean on) {
        return new SelectionRules(
                select,
                target,
                verdicts,
                minGap,
                strongOnly,
                consistentOnly,
                allowTies,
                on,
                bestPairOnly,
                acceptedOnly,
                minChars,
                maxChars,
                runId,
                dataset,
                skill,
                category,
                limit,
                iteration);
    }

    public SelectionRules withBestPairOnly(boolean on) {
        return new SelectionRules(
                select,
                target,
                verdicts,
                minGap,
                strongOnly,
                consistentOnly,
                allowTies,
                allowBothBad,
                on,
                acceptedOnly,
                minChars,
                maxChars,
                runId,
                dataset,
                skill,
                category,
                limit,
                iteration);
    }

    public SelectionRules withAcceptedOnly(boolean on) {
        return new SelectionRules(
                select,
                target,
                verdicts,
                minGap,
                strongOnly,
                consistentOnly,
                allowTies,
                allowBothBad,
                bestPairOnly,
                on,
                minChars,
                maxChars,
                runId,
                dataset,
                skill,
                category,
                limit,
                iteration);
    }

    public SelectionRules withLength(Integer min, Integer max) {
        return new SelectionRules(
                select,
                target,
                verdicts,
                minGap,
                strongOnly,
                consistentOnly,
                allowTies,
                allowBothBad,
                bestPairOnly,
                acceptedOnly,
                min,
                max,
                runId,
                dataset,
                skill,
                category,
                limit,
                iteration);
    }

    public SelectionRules withScope(Long run, String datasetName, String skillId, String categoryName) {
        return new SelectionRules(
                select,
                target,
                verdicts,
                minGap,
                strongOnly,
                consistentOnly,
                allowTies,
                allowBothBad,
                bestPairOnly,
                acceptedOnly,
                minChars,
                maxChars,
                run,
                datasetName,
                skillId,
                categoryName,
                limit,
                iteration);
    }

    public SelectionRules withLimit(Integer rows) {
        return new SelectionRules(
                select,
                target,
                verdicts,
                minGap,
                strongOnly,
                consistentOnly,
                allowTies,
                allowBothBad,
                bestPairOnly,
                acceptedOnly,
                minChars,
                maxChars,
                runId,
                dataset,
                skill,
                category,
                rows,
                iteration);
    }

    /** The rules in plain words, one each, as a dataset card and the Export area state them. */
    public List<String> words() {
        List<String> out = new ArrayList<>();
        // with a target only the battles it lost give rows: ties and both-bad never do (BattleSource)
        boolean ties = allowTies && target == null;
        boolean bothBad = allowBothBad && target == null;
        if (select == ExportSelect.INSTRUCTIONS) {
            out.add("Run instructions with their final texts: the curator's hand edit, else the accepted round, else"
                    + " the last round; rejected ones left out.");
            if (acceptedOnly) {
                out.add("Only instructions the curator accepted.");
            }
        } else {
            out.add(
                    switch (select) {
                        case SFT ->
                            target == null
                                    ? "Every decided battle: its prompt with the winner's answer."
                                    : "Battles " + target
                                            + " lost: the prompt with the winner's answer (Arena Learning).";
                        case DPO ->
                            (target == null
                                            ? "Every decided battle: the winner's answer chosen, the loser's rejected"
                                            : "Battles " + target + " lost: the winner's answer chosen, " + target
                                                    + "'s rejected")
                                    + (bestPairOnly
                                            ? "; one pair per prompt, the surest."
                                            : "; every pair of a prompt.");
                        case KTO ->
                            (target == null
                                            ? "Every decided battle: the winner's answer labelled good, the loser's bad"
                                            : "Battles " + target + " lost: the winner's answer good, " + target
                                                    + "'s bad")
                                    + (ties ? "; a tie labels both good" : "")
                                    + (bothBad ? "; both-bad labels both bad" : "") + ".";
                        default -> throw new IllegalStateException();
                    });
            out.add(
                    switch (verdicts) {
                        case HUMAN_OVER_JUDGE -> "The people's majority decides where people voted, else the judges.";
                        case HUMAN_ONLY -> "Only battles people decided (human-verified).";
                        case JUDGE_ONLY -> "The judges decide; people's votes are not used.";
                    });
            if (consistentOnly) {
                out.add("A judge's verdict counts only when its games agree once the answers are swapped back.");
            }
            if (strongOnly) {
                out.add("A graded judge's verdict must be strong (A>>B or B>>A).");
            }
            if (minGap != null) {
                out.add(String.format(
                        Locale.ROOT,
                        "A score judge's verdict must separate the answers by at least %s" + " points.",
                        trim(minGap)));
            }
            if (select != ExportSelect.KTO) {
                out.add("Ties and both-bad verdicts give no rows: they name no winner.");
            } else if (!ties || !bothBad) {
                out.add(
                        !ties && !bothBad
                                ? "Ties and both-bad verdicts give no rows."
                                : (ties ? "Both-bad verdicts" : "Ties") + " give no rows.");
            }
        }
        if (minChars != null || maxChars != null) {
            out.add("Answers " + (minChars == null ? "" : "of at least " + minChars + " characters")
                    + (minChars != null && maxChars != null ? " and " : "")
                    + (maxChars == null ? "" : "of at most " + maxChars + " characters") + ".");
        }
        if (runId != null) {
            out.add("Only run " + runId + ".");
        }
        if (dataset != null) {
            out.add("Only the dataset " + dataset + ".");
        }
        if (skill != null) {
            out.add("Only the skill " + skill + ".");
        }
        if (category != null) {
            out.add("Only the category " + category + ".");
        }
        if (iteration != null) {
            out.add("Only what was made in iteration " + iteration + ".");
        }
        if (limit != null) {
            out.add(String.format(
                    Locale.ROOT, "At most %,d rows, shared among categories by their taxonomy weights.", limit));
        }
        return out;
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
