package io.arenainstruct.studio.ui.arena;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.ArenaResponse;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.domain.llm.Message;

/**
 * A battle and its verdicts in words, as the Battles tab shows them: plain text (answers and judgments are model
 * output, never markup), worked out here so it is tested without a toolkit.
 */
final class BattleText {
    /** Parts of a verdict summary a table cell shows before "+N more". */
    private static final int SUMMARY_PARTS = 3;

    private BattleText() {}

    /** What a verdict says, short: the graded label when there is one, else the outcome. */
    static String shortVerdict(Verdict v) {
        if (v.label() != null) {
            return v.label().text();
        }
        return switch (v.outcome()) {
            case A -> "A";
            case B -> "B";
            case TIE -> "tie";
            case BOTH_BAD -> "both bad";
            case UNPARSABLE -> "unreadable";
            case ERROR -> "error";
        };
    }

    /**
     * One line for the table: the jury's verdicts, each judge's combined verdict, people's verdicts (and judges'
     * verdicts that are not games), then "inconsistent" when a judge's games contradict each other. Games alone
     * are counted.
     */
    static String summary(Battle b, List<Verdict> verdicts) {
        List<String> parts = new ArrayList<>();
        int games = 0;
        for (Verdict v : verdicts) {
            boolean game = v.source() == VerdictSource.JUDGE && v.game() != null && v.game() > 0;
            if (game) {
                games++;
                continue;
            }
            String who = switch (v.source()) {
                case JURY -> "jury";
                case HUMAN -> v.voter() + " (person)";
                case JUDGE -> v.voter();
            };
            parts.add(who + ": " + shortVerdict(v));
        }
        if (parts.isEmpty() && games > 0) {
            parts.add(games == 1 ? "1 game" : games + " games");
        }
        String s = String.join(" · ", parts.subList(0, Math.min(SUMMARY_PARTS, parts.size())));
        if (parts.size() > SUMMARY_PARTS) {
            s += " · +" + (parts.size() - SUMMARY_PARTS) + " more";
        }
        if (b.inconsistent()) {
            s = s.isEmpty() ? "inconsistent" : s + " · inconsistent";
        }
        return s;
    }

    /** What a regenerated battle's link says: "Redoes battle #4 (both bad)" (decision 0019). */
    static String redoes(long failed) {
        return "Redoes battle #" + failed + " (both bad)";
    }

    /** What a failed battle's link to a battle that redoes it says: "Regenerated as battle #9". */
    static String regeneratedAs(long battle) {
        return "Regenerated as battle #" + battle;
    }

    /** The detail's title line. */
    static String title(Battle b) {
        return "Battle " + b.id() + " · " + b.modelA() + " (A) vs " + b.modelB() + " (B)"
                + (b.category() == null ? "" : " · " + b.category())
                + " · " + b.status().id()
                + (b.inconsistent() ? " · inconsistent: a judge's two games disagree once un-swapped" : "")
                + (b.turn() > 1 ? " · turn " + b.turn() : "")
                + " · " + b.strategy();
    }

    /** The instruction as the models were asked: its context (if any), then the prompt, then a reference. */
    static String instruction(ArenaInstruction i) {
        if (i == null) {
            return "(no instruction: the file that made this battle named no question and carried no conversation)";
        }
        StringBuilder s = new StringBuilder();
        for (Message m : i.context()) {
            s.append(role(m.role())).append('\n').append(m.content()).append("\n\n");
        }
        if (!i.context().isEmpty()) {
            s.append("User (the prompt)\n");
        }
        s.append(i.prompt());
        if (i.reference() != null && !i.reference().isBlank()) {
            s.append("\n\nReference answer\n").append(i.reference());
        }
        return s.toString();
    }

    private static String role(Message.Role role) {
        String r = role.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(r.charAt(0)) + r.substring(1);
    }

    /** A response's text, or why there is none. */
    static String answer(ArenaResponse r) {
        return r == null ? "(no answer text: the file that made this battle carried none)" : r.text();
    }

    /**
     * Every verdict, oldest first, one line each, then each judgment text under a heading naming whose it is:
     * for a judge's game, the order the judge saw, the label as written and un-swapped (about A and B as the
     * battle has them).
     */
    static String verdicts(Battle b, List<Verdict> verdicts) {
        if (verdicts.isEmpty()) {
            return "No verdicts yet. A judging job, a person or an imported battle file adds them.";
        }
        StringBuilder s = new StringBuilder();
        s.append(verdicts.size() == 1 ? "1 verdict" : verdicts.size() + " verdicts")
                .append(" (A = ")
                .append(b.modelA())
                .append(", B = ")
                .append(b.modelB())
                .append(")\n");
        for (Verdict v : verdicts) {
            s.append('\n').append(line(b, v));
        }
        for (Verdict v : verdicts) {
            if (v.judgment() != null && !v.judgment().isBlank()) {
                s.append("\n\n── ").append(who(v)).append(" ──\n").append(v.judgment());
            }
        }
        return s.toString();
    }

    /** Whose verdict it is: the judge and its game, the jury, or the person. */
    static String who(Verdict v) {
        String imported = v.imported() ? ", imported" : "";
        return switch (v.source()) {
            case JURY -> "Jury " + v.voter() + imported;
            case HUMAN -> v.voter() + " (person" + imported + ")";
            case JUDGE -> {
                if (v.game() == null) {
                    yield v.voter() + " (judge" + imported + ")";
                }
                if (v.game() == 0) {
                    yield v.voter() + ", both games combined" + imported;
                }
                yield v.voter() + ", game " + v.game() + " (" + (v.swapped() ? "B" : "A") + " shown first" + imported
                        + ")";
            }
        };
    }

    /** One verdict in a line. */
    static String line(Battle b, Verdict v) {
        StringBuilder s = new StringBuilder(who(v)).append(": ");
        boolean game = v.source() == VerdictSource.JUDGE && v.game() != null && v.game() > 0;
        if (game) {
            s.append("wrote ").append(v.rawLabel() == null ? "no label" : v.rawLabel());
            if (v.label() != null) {
                s.append(", un-swapped ").append(v.label().text());
            }
            s.append(" → ");
        } else if (v.label() != null) {
            s.append(v.label().text()).append(" → ");
        }
        s.append(outcome(b, v.outcome()));
        if (v.scoreA() != null && v.scoreB() != null) {
            s.append(String.format(
                    Locale.ROOT, " · scores A %s, B %s (gap %s)", num(v.scoreA()), num(v.scoreB()), num(v.scoreGap())));
        }
        if (v.note() != null && !v.note().isBlank()) {
            s.append(" · ").append(v.note());
        }
        return s.toString();
    }

    /** An outcome in words, naming the winning model. */
    static String outcome(Battle b, Outcome o) {
        return switch (o) {
            case A -> "A wins (" + b.modelA() + ")";
            case B -> "B wins (" + b.modelB() + ")";
            case TIE -> "tie";
            case BOTH_BAD -> "both bad";
            case UNPARSABLE -> "no readable verdict (left to a person)";
            case ERROR -> "error";
        };
    }

    private static String num(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }
}
