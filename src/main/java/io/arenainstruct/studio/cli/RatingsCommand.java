package io.arenainstruct.studio.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.arenainstruct.studio.domain.ratings.CiMethod;
import io.arenainstruct.studio.domain.ratings.Leaderboard;
import io.arenainstruct.studio.domain.ratings.ModelRating;
import io.arenainstruct.studio.domain.ratings.Ranks;
import io.arenainstruct.studio.domain.ratings.RatingFlag;
import io.arenainstruct.studio.domain.ratings.RatingOptions;
import io.arenainstruct.studio.domain.ratings.RatingSource;
import io.arenainstruct.studio.domain.ratings.StyleCoefficient;
import io.arenainstruct.studio.service.ratings.RatingsProblem;
import io.arenainstruct.studio.service.workspace.Workspace;

@Command(
        name = "ratings",
        description = {
            "Bradley-Terry ratings of the models on the Elo scale (mean 1000, or --anchor), with 95%% intervals and"
                    + " online Elo beside them, from judge games, human votes, both, or imported verdicts.",
            "A figure that cannot be computed is null in JSON and '-' in the table."
        })
final class RatingsCommand implements Callable<Integer> {
    private static final String NONE = "-";

    @Spec
    CommandSpec spec;

    @Option(
            names = "--source",
            paramLabel = "judge|human|combined|imported",
            description = "Which verdicts: judge games, human votes, a battle's human votes where it has any else its"
                    + " judge games, or imported rows (default: combined).")
    String source = RatingSource.COMBINED.id();

    @Option(
            names = "--bootstrap",
            paramLabel = "N",
            description = "Bootstrap rounds, 0 to 10,000 (default: ${DEFAULT-VALUE}).")
    int bootstrap = RatingOptions.DEFAULT_BOOTSTRAP;

    @Option(
            names = "--seed",
            paramLabel = "S",
            description = "The bootstrap's seed: the same seed on the same verdicts gives the same figures (default:"
                    + " ${DEFAULT-VALUE}).")
    long seed = RatingOptions.DEFAULT_SEED;

    @Option(
            names = "--ci",
            paramLabel = "bootstrap|sandwich",
            description = "How the 95%% intervals are estimated (default: bootstrap).")
    String ci = CiMethod.BOOTSTRAP.id();

    @Option(
            names = "--style-control",
            description = "Separate strength from what answer length and Markdown (headers, lists, bold) buy.")
    boolean styleControl;

    @Option(
            names = "--style-lambda",
            paramLabel = "L",
            description = "Style control's L2 penalty on the style coefficients (default: ${DEFAULT-VALUE}).")
    double styleLambda = RatingOptions.DEFAULT_STYLE_LAMBDA;

    @Option(
            names = "--strong-weight",
            paramLabel = "W",
            description = "How many times a strong verdict (A>>B) counts, 1 to 10 (default: ${DEFAULT-VALUE}).")
    int strongWeight = RatingOptions.DEFAULT_STRONG_WEIGHT;

    @Option(
            names = "--both-bad",
            paramLabel = "tie|exclude",
            description = "Both-bad verdicts count as a tie, or are left out (default: tie).")
    String bothBad = "tie";

    @Option(
            names = "--anchor",
            paramLabel = "MODEL=RATING",
            description = "Fix one model's rating; the others follow (default: ratings centred on a mean of 1000).")
    String anchor;

    @Option(names = "--category", paramLabel = "C", description = "Only the battles of this category (default: all).")
    String category;

    @Option(
            names = "--target",
            paramLabel = "MODEL",
            description = "Also print this model's win rate against each competitor.")
    String target;

    @Option(names = "--json", description = "Print a JSON array of the models, best first.")
    boolean json;

    @Override
    public Integer call() {
        RatingOptions options = options();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Workspace ws = CliSupport.openWorkspace(spec)) {
            // a target no verdict names is a typo; one only another source or category has gets a note (the fit's)
            if (options.target() != null && !ws.ratings().models().contains(options.target())) {
                err.println("rejected: "
                        + TerminalWriter.oneLine("No model named " + options.target()
                                + " has verdicts in this store, so it cannot be the target."));
                err.flush();
                return Cli.REJECTED;
            }
            Leaderboard board;
            try {
                board = ws.ratings().compute(options);
            } catch (RatingsProblem e) {
                err.println("rejected: " + TerminalWriter.oneLine(e.getMessage()));
                err.flush();
                return Cli.REJECTED;
            }
            if (json) {
                CliSupport.printJson(
                        out,
                        board.ratings().stream()
                                .map(r -> toJson(board.ratings(), r))
                                .toList());
                // the notes go beside the JSON, so standard output stays the array scripts read
                board.problems().forEach(p -> err.println("note: " + TerminalWriter.oneLine(p)));
            } else {
                print(out, board);
            }
            return Cli.OK;
        }
    }

    /** The options from the command line; what they cannot mean is a usage error (exit 2). */
    private RatingOptions options() {
        try {
            RatingSource s = RatingSource.of(source);
            CiMethod c = CiMethod.of(ci);
            boolean bothBadAsTie = switch (bothBad.strip().toLowerCase(Locale.ROOT)) {
                case "tie" -> true;
                case "exclude" -> false;
                default -> throw new IllegalArgumentException("--both-bad is tie or exclude, not " + bothBad);
            };
            return new RatingOptions(
                    s,
                    strongWeight,
                    bothBadAsTie,
                    bootstrap,
                    seed,
                    c,
                    styleControl,
                    styleLambda,
                    anchor == null ? null : anchor(anchor),
                    blankToNull(category),
                    blankToNull(target));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** MODEL=RATING, split at the last '=' (a model name may hold one). */
    static RatingOptions.Anchor anchor(String text) {
        int eq = text.lastIndexOf('=');
        String model = eq < 0 ? "" : text.substring(0, eq).strip();
        double rating;
        try {
            rating = eq < 0
                    ? Double.NaN
                    : Double.parseDouble(text.substring(eq + 1).strip());
        } catch (NumberFormatException e) {
            rating = Double.NaN;
        }
        if (model.isEmpty() || !Double.isFinite(rating)) {
            throw new IllegalArgumentException(
                    "--anchor is MODEL=RATING, a model and a number (e.g. gpt-4-0314=1000), not '" + text + "'");
        }
        return new RatingOptions.Anchor(model, rating);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Map<String, Object> toJson(List<ModelRating> all, ModelRating r) {
        Map<String, Object> m = new LinkedHashMap<>();
        int rank = Ranks.rank(all, r);
        m.put("rank", rank > 0 ? rank : null);
        m.put("model", r.model());
        m.put("rating", number(r.rating()));
        m.put("ci_low", number(r.ciLow()));
        m.put("ci_high", number(r.ciHigh()));
        m.put("battles", r.battles());
        m.put("wins", r.wins());
        m.put("losses", r.losses());
        m.put("ties", r.ties());
        m.put("elo", number(r.elo()));
        m.put("observations", r.observations());
        m.put("flags", flags(r));
        return m;
    }

    /** A figure, or null (never NaN, which is no JSON) when it cannot be computed; never -0.0. */
    private static Double number(double v) {
        return Double.isFinite(v) ? v + 0.0 : null;
    }

    private static List<String> flags(ModelRating r) {
        List<String> out = new ArrayList<>();
        for (RatingFlag f : RatingFlag.values()) {
            if (r.flags().contains(f)) {
                out.add(f.name().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static void print(PrintWriter out, Leaderboard board) {
        int width = Math.min(
                48,
                Math.max(
                        "model".length(),
                        board.ratings().stream()
                                .mapToInt(r -> shown(r.model()).length())
                                .max()
                                .orElse(0)));
        RatingOptions o = board.options();
        String row = "%4s  %-" + width + "s  %8s  %-20s  %8s  %7s  %-11s  %s";
        out.println(String.format(
                Locale.ROOT, row, "rank", "model", "rating", "95% interval", "elo", "battles", "W/L/T", "flags"));
        for (ModelRating r : board.ratings()) {
            int rank = Ranks.rank(board.ratings(), r);
            out.println(TerminalWriter.oneLine(String.format(
                            Locale.ROOT,
                            row,
                            rank > 0 ? Integer.toString(rank) : NONE,
                            shown(r.model()),
                            figure(r.rating()),
                            interval(r.ciLow(), r.ciHigh()),
                            figure(r.elo()),
                            r.battles(),
                            r.wins() + "/" + r.losses() + "/" + r.ties(),
                            String.join(", ", flags(r))))
                    .stripTrailing());
        }
        if (!board.target().isEmpty()) {
            out.println();
            out.println(TerminalWriter.oneLine("Target " + o.target() + " against each competitor:"));
            board.target()
                    .forEach(t -> out.println(TerminalWriter.oneLine(String.format(
                            Locale.ROOT,
                            "  %-" + width + "s  %d/%d/%d  %s",
                            shown(t.competitor()),
                            t.wins(),
                            t.losses(),
                            t.ties(),
                            Double.isFinite(t.winRate())
                                    ? String.format(Locale.ROOT, "%.1f%%", 100 * t.winRate())
                                    : NONE))));
        }
        List<StyleCoefficient> style = board.style();
        if (!style.isEmpty()) {
            out.println();
            out.println("Style coefficients (log-odds of winning per standard deviation of the feature):");
            for (StyleCoefficient c : style) {
                out.println(String.format(
                        Locale.ROOT,
                        "  %-8s %7s  %s",
                        c.feature(),
                        Double.isFinite(c.beta()) ? fixed(c.beta(), 3) : NONE,
                        interval3(c.ciLow(), c.ciHigh())));
            }
        }
        if (!board.problems().isEmpty()) {
            out.println();
            board.problems().forEach(p -> out.println(TerminalWriter.oneLine(p)));
        }
        out.println(TerminalWriter.oneLine(String.format(
                Locale.ROOT,
                "%s on %s, source %s%s%s; %s.",
                CliSupport.count(board.observations(), "observations"),
                CliSupport.count(board.battles(), "battles"),
                o.source().id(),
                o.category() == null ? "" : ", category " + o.category(),
                o.styleControl() ? ", style-controlled" : "",
                o.ci() == CiMethod.SANDWICH
                        ? "sandwich (robust) intervals"
                        : "bootstrap intervals over " + o.bootstrap() + " rounds, seed " + o.seed())));
    }

    /**
     * A name as the terminal shows it (controls escaped, on one line), so columns are padded by what is printed: the
     * writer leaves the escapes as they are.
     */
    private static String shown(String name) {
        return TerminalWriter.escape(TerminalWriter.oneLine(name));
    }

    private static String figure(double v) {
        return Double.isFinite(v) ? fixed(v, 1) : NONE;
    }

    private static String interval(double low, double high) {
        return Double.isFinite(low) && Double.isFinite(high) ? "[" + fixed(low, 1) + ", " + fixed(high, 1) + "]" : NONE;
    }

    private static String interval3(double low, double high) {
        return Double.isFinite(low) && Double.isFinite(high) ? "[" + fixed(low, 3) + ", " + fixed(high, 3) + "]" : NONE;
    }

    /** v to {@code decimals} places; a small negative that rounds to zero is 0, not -0 (a sign that means nothing). */
    static String fixed(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.startsWith("-") && s.chars().skip(1).allMatch(c -> c == '0' || c == '.') ? s.substring(1) : s;
    }
}
