package io.arenainstruct.studio.ui.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.ratings.Leaderboard;
import io.arenainstruct.studio.domain.ratings.ModelRating;
import io.arenainstruct.studio.domain.ratings.RatingFlag;
import io.arenainstruct.studio.domain.ratings.RatingOptions;
import io.arenainstruct.studio.domain.ratings.RatingSource;
import io.arenainstruct.studio.domain.ratings.WinRates;

/** The table's CSV: quoted as RFC 4180 says, and safe to open in a spreadsheet whatever the models are called. */
class LeaderboardCsvTest {
    private static ModelRating named(String model, double rating) {
        return new ModelRating(model, rating, rating - 10, rating + 10, rating, 1, 1, 1, 0, 0, Set.of());
    }

    private static Leaderboard of(ModelRating... rows) {
        return of(RatingOptions.defaults(), rows);
    }

    private static Leaderboard of(RatingOptions options, ModelRating... rows) {
        int n = rows.length;
        return new Leaderboard(
                options,
                LeaderboardFixture.AT,
                n,
                n,
                List.of(rows),
                List.of(),
                0,
                new WinRates(List.of(), new double[0][0], new double[0][0], new int[0][0], new int[0][0]),
                List.of(),
                List.of(),
                List.of());
    }

    /** What every row says it was computed from: the default source, no style control, all categories, the time. */
    private static final String FROM = ",combined,false,,2026-12-07T03:30:05Z";

    @Test
    void eachRowSaysItsSourceStyleControlCategoryAndTimeInColumnsWithoutCommentLines() {
        RatingOptions options = RatingOptions.defaults()
                .withSource(RatingSource.JUDGE)
                .withStyleControl(true)
                .withCategory("=Code, hard");
        String[] lines = LeaderboardCsv.of(of(options, named("a", 1010), named("b", 990)))
                .split("\r\n");
        assertThat(lines[0])
                .isEqualTo("rank,model,rating,ci_low,ci_high,elo,battles,observations,wins,losses,ties,flags,source,"
                        + "style_control,category,computed_at");
        // the category is text from outside: quoted for its comma, and after an apostrophe for its '='
        assertThat(lines)
                .hasSize(3)
                .allSatisfy(l -> assertThat(l).doesNotStartWith("#"))
                .filteredOn(l -> !l.startsWith("rank"))
                .allSatisfy(l -> assertThat(l).endsWith(",judge,true,\"'=Code, hard\",2026-12-07T03:30:05Z"));
    }

    /**
     * Ratings ten apart with intervals of ±10: neighbours overlap, so a model's rank is one more than the models whose
     * lower end lies above its upper end (1010, 1000 and 990 all rank 1; 980 ranks 2 below 1010's 1000; …).
     */
    @Test
    void namesAFormulaWouldRunAreWrittenAfterAnApostropheAndNegativeNumbersStayNumbers() {
        String csv = LeaderboardCsv.of(of(
                named("=HYPERLINK(\"http://x\")", 1010),
                named("+1", 1000),
                named("-2", 990),
                named("@SUM(A1)", 980),
                named("\tTab", 970),
                named("\rCr", 960),
                named("plain", -5)));
        assertThat(csv.split("\r\n", -1))
                .containsExactly(
                        String.join(",", LeaderboardCsv.HEADER),
                        "1,\"'=HYPERLINK(\"\"http://x\"\")\",1010.00,1000.00,1020.00,1010.00,1,1,1,0,0," + FROM,
                        "1,'+1,1000.00,990.00,1010.00,1000.00,1,1,1,0,0," + FROM,
                        "1,'-2,990.00,980.00,1000.00,990.00,1,1,1,0,0," + FROM,
                        "2,'@SUM(A1),980.00,970.00,990.00,980.00,1,1,1,0,0," + FROM,
                        "3,'\tTab,970.00,960.00,980.00,970.00,1,1,1,0,0," + FROM,
                        "4,\"'\rCr\",960.00,950.00,970.00,960.00,1,1,1,0,0," + FROM,
                        "7,plain,-5.00,-15.00,5.00,-5.00,1,1,1,0,0," + FROM,
                        "");
    }

    @Test
    void commasQuotesAndLineBreaksAreQuotedAndQuotesDoubled() {
        assertThat(LeaderboardCsv.quoted("a,b")).isEqualTo("\"a,b\"");
        assertThat(LeaderboardCsv.quoted("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(LeaderboardCsv.quoted("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(LeaderboardCsv.quoted("plain")).isEqualTo("plain");
        ModelRating flagged = new ModelRating(
                "m, the second",
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                0,
                0,
                0,
                0,
                0,
                Set.of(RatingFlag.DISCONNECTED, RatingFlag.FEW_BATTLES));
        assertThat(LeaderboardCsv.of(of(flagged)).split("\r\n")[1])
                .isEqualTo(",\"m, the second\",,,,,0,0,0,0,0,not compared with the other models: no rating; too few"
                        + " battles for a reliable interval" + FROM);
    }
}
