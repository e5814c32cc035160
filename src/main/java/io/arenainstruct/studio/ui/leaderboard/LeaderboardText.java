package io.arenainstruct.studio.ui.leaderboard;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

import io.arenainstruct.studio.domain.ratings.Leaderboard;
import io.arenainstruct.studio.domain.ratings.ModelRating;
import io.arenainstruct.studio.domain.ratings.RatingFlag;
import io.arenainstruct.studio.domain.ratings.RatingOptions;
import io.arenainstruct.studio.domain.ratings.RatingSource;
import io.arenainstruct.studio.ui.common.LongText;

/** The Leaderboard's figures in words: shared by the view, its tooltips and the CSV, so they say the same. */
public final class LeaderboardText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    /** A saved picture leaves the app: its time says its offset from UTC. */
    private static final DateTimeFormatter CAPTION_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT);

    private LeaderboardText() {}

    /** A rating as the table shows it ("1,023"), or a dash when there is none (NaN). */
    public static String rating(double r) {
        return Double.isFinite(r) ? String.format(Locale.ROOT, "%,.0f", r) : "—";
    }

    /** The 95% interval as its two ends ("1,011 – 1,035"), or a dash without one. */
    public static String interval(double low, double high) {
        return Double.isFinite(low) && Double.isFinite(high) ? rating(low) + " – " + rating(high) : "—";
    }

    /** A share as a percentage with one decimal ("63.5%"), or a dash when it cannot be computed. */
    public static String percent(double share) {
        return Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f%%", share * 100) : "—";
    }

    /** "1 battle", "1,204 battles". */
    public static String count(long n, String singular) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? singular : singular + "s");
    }

    /** The flags' sentences joined ("; "), empty without flags; in the enum's order so the text is stable. */
    public static String flags(ModelRating r) {
        return r.flags().stream().sorted().map(RatingFlag::sentence).collect(Collectors.joining("; "));
    }

    /** What the source means, for the chooser. */
    public static String source(RatingSource s) {
        return switch (s) {
            case JUDGE -> "Judges";
            case HUMAN -> "People";
            case COMBINED -> "People, else judges";
            case IMPORTED -> "Imported";
        };
    }

    /** The time a leaderboard was computed, in the curator's time zone. */
    public static String time(Instant at, ZoneId zone) {
        return TIME.format(at.atZone(zone));
    }

    /** "(a strong verdict counts 3 times)": how a share weighs a strong verdict; counts count observations. */
    public static String strongWeight(int weight) {
        return "(a strong verdict counts " + (weight == 1 ? "once" : weight + " times") + ")";
    }

    /** "75.0% of the points (a strong verdict counts 3 times)". */
    public static String share(double share, int strongWeight) {
        return percent(share) + " of the points " + strongWeight(strongWeight);
    }

    /**
     * What a saved picture was computed from, drawn under it: "People, else judges · style control off · all
     * categories · computed 2026-12-07 03:30:05 +00:00".
     */
    public static String caption(Leaderboard b, ZoneId zone) {
        RatingOptions o = b.options();
        return source(o.source())
                + " · style control " + (o.styleControl() ? "on" : "off")
                + " · " + (o.category() == null ? "all categories" : "category " + LongText.visible(o.category()))
                + " · computed " + CAPTION_TIME.format(b.computedAt().atZone(zone));
    }

    /** The line under the toolbar: what the figures rest on and when they were computed. */
    public static String summary(Leaderboard b, ZoneId zone) {
        StringBuilder s = new StringBuilder();
        s.append(count(b.observations(), "observation"))
                .append(" from ")
                .append(count(b.battles(), "battle"))
                .append(" (")
                .append(source(b.options().source()).toLowerCase(Locale.ROOT))
                .append(
                        b.options().category() == null
                                ? ""
                                : ", category " + LongText.visible(b.options().category()))
                .append(b.options().styleControl() ? ", style controlled" : "")
                .append(")");
        if (b.options().styleControl() && b.withoutText() > 0) {
            s.append("; ").append(count(b.withoutText(), "observation")).append(" without answer text left out");
        }
        s.append(" · computed ").append(time(b.computedAt(), zone));
        return s.toString();
    }
}
