package io.arenainstruct.studio.ui.arena;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.service.adjudication.AdjudicationService;

/**
 * The Adjudicate tab's words: verdicts told by the sides the annotator sees (left and right), never by the battle's
 * A and B, which blind review hides. Plain text only.
 */
final class AdjudicateText {
    private AdjudicateText() {}

    /** "left is better", "right is much better", "a tie", "both are bad". */
    static String side(Outcome outcome, GradedLabel label, boolean shownSwapped) {
        return switch (outcome) {
            case A, B -> {
                boolean left = (outcome == Outcome.A) != shownSwapped;
                yield (left ? "left" : "right") + " is " + (label != null && label.strong() ? "much better" : "better");
            }
            case TIE -> "a tie";
            case BOTH_BAD -> "both are bad";
            case UNPARSABLE -> "no readable verdict";
            case ERROR -> "an error";
        };
    }

    /** The judges' verdicts and their games, by judge, each game with the side its judge saw first. */
    static String judges(List<Verdict> verdicts, boolean shownSwapped) {
        Map<String, List<Verdict>> byJudge = new LinkedHashMap<>();
        for (Verdict v : verdicts) {
            if (v.source() != VerdictSource.HUMAN) {
                byJudge.computeIfAbsent(v.source().id() + ":" + v.voter(), k -> new ArrayList<>())
                        .add(v);
            }
        }
        if (byJudge.isEmpty()) {
            return "No judge has compared these answers.";
        }
        StringBuilder b = new StringBuilder();
        for (List<Verdict> own : byJudge.values()) {
            Verdict first = own.get(0);
            String who = (first.source() == VerdictSource.JURY ? "Jury " : "Judge ") + first.voter();
            for (Verdict v : own) {
                if (v.source() == VerdictSource.JURY || (v.game() != null && v.game() == 0)) {
                    b.append(b.length() == 0 ? "" : "\n\n")
                            .append(who)
                            .append(": ")
                            .append(side(v.outcome(), v.label(), shownSwapped))
                            .append(v.note() == null ? "" : " (" + v.note() + ")");
                }
            }
            for (Verdict v : own) {
                if (v.source() == VerdictSource.JUDGE && v.game() != null && v.game() > 0) {
                    boolean sawLeftFirst = v.swapped() == shownSwapped;
                    b.append(b.length() == 0 ? "" : "\n\n")
                            .append(who)
                            .append(", game ")
                            .append(v.game())
                            .append(" (its Assistant A was the ")
                            .append(sawLeftFirst ? "left" : "right")
                            .append(" answer): ")
                            .append(side(v.outcome(), v.label(), shownSwapped));
                    if (v.judgment() != null && !v.judgment().isBlank()) {
                        b.append('\n').append(v.judgment().strip());
                    }
                }
            }
        }
        return b.toString();
    }

    /** What the people said before (imported votes and other annotators), by side. */
    static String people(List<Verdict> verdicts, boolean shownSwapped) {
        StringBuilder b = new StringBuilder();
        for (Verdict v : verdicts) {
            if (v.source() == VerdictSource.HUMAN) {
                b.append(b.length() == 0 ? "" : "; ")
                        .append(v.voter())
                        .append(": ")
                        .append(side(v.outcome(), v.label(), shownSwapped));
            }
        }
        return b.toString();
    }

    /** The judges' verdict a vote is compared with, by side; null without one. */
    static String judgesSaid(List<Verdict> verdicts, boolean shownSwapped) {
        return AdjudicationService.judgesVerdict(verdicts)
                .map(v -> v.voter() + " said " + side(v.outcome(), v.label(), shownSwapped))
                .orElse(null);
    }
}
