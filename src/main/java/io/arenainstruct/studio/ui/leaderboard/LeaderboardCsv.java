package io.arenainstruct.studio.ui.leaderboard;

import java.util.List;
import java.util.Locale;

import io.arenainstruct.studio.domain.ratings.Leaderboard;
import io.arenainstruct.studio.domain.ratings.ModelRating;
import io.arenainstruct.studio.domain.ratings.Ranks;

/**
 * The leaderboard's table as CSV (RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a comma,
 * quote or line break, quotes doubled). Model names come from outside (imported files), so a text field a
 * spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return) is written after an
 * apostrophe, as OWASP advises; numbers are written as numbers. Each row says what the figures were computed from
 * (source id, style control true/false, category, empty for all battles, and the time as an ISO-8601 instant): columns,
 * not comment lines, which CSV readers take for data.
 */
public final class LeaderboardCsv {
    static final List<String> HEADER = List.of(
            "rank",
            "model",
            "rating",
            "ci_low",
            "ci_high",
            "elo",
            "battles",
            "observations",
            "wins",
            "losses",
            "ties",
            "flags",
            "source",
            "style_control",
            "category",
            "computed_at");

    private LeaderboardCsv() {}

    public static String of(Leaderboard board) {
        String source = board.options().source().id();
        String style = Boolean.toString(board.options().styleControl());
        String category = text(board.options().category());
        String at = board.computedAt().toString();
        StringBuilder out = new StringBuilder();
        line(out, HEADER);
        for (ModelRating r : board.ratings()) {
            int rank = Ranks.rank(board.ratings(), r);
            line(
                    out,
                    List.of(
                            rank == 0 ? "" : Integer.toString(rank),
                            text(r.model()),
                            number(r.rating()),
                            number(r.ciLow()),
                            number(r.ciHigh()),
                            number(r.elo()),
                            Integer.toString(r.battles()),
                            Integer.toString(r.observations()),
                            Integer.toString(r.wins()),
                            Integer.toString(r.losses()),
                            Integer.toString(r.ties()),
                            text(LeaderboardText.flags(r)),
                            source,
                            style,
                            category,
                            at));
        }
        return out.toString();
    }

    /** A figure with two decimals; empty when there is none (a spreadsheet reads an empty cell as no value). */
    static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "";
    }

    /** Text made safe from formula injection. */
    static String text(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
    }

    private static void line(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quoted(fields.get(i)));
        }
        out.append("\r\n");
    }

    static String quoted(String field) {
        boolean quote = field.indexOf(',') >= 0
                || field.indexOf('"') >= 0
                || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0;
        return quote ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}
