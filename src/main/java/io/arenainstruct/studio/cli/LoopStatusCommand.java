package io.arenainstruct.studio.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.arenainstruct.studio.domain.iteration.IterationCounts;
import io.arenainstruct.studio.domain.iteration.IterationStatus;
import io.arenainstruct.studio.domain.iteration.TargetFigures;
import io.arenainstruct.studio.domain.loop.LoopRules;
import io.arenainstruct.studio.domain.loop.Proposal;
import io.arenainstruct.studio.service.workspace.Workspace;

@Command(
        name = "status",
        description = {
            "Each iteration of the loop: when it started, the runs, battles and human verdicts made in it, and the"
                    + " target model's rating (95%% interval) and win rate over the battles created in it.",
            "A record belongs to the iteration its creation time falls in; the first holds everything made before the"
                    + " second. The rating uses the combined source with the default options of ratings; the win"
                    + " rate counts a battle won when the target has more than half of its verdicts' points, a tie"
                    + " at half, as half a win.",
            "A figure that cannot be computed is null in JSON and '-' in the table. \"proposals\" lists what"
                    + " loop propose proposes now for the target with its default rules."
        })
final class LoopStatusCommand implements Callable<Integer> {
    private static final String NONE = "-";

    @Spec
    CommandSpec spec;

    @Option(
            names = "--target",
            paramLabel = "MODEL",
            description = "The model whose figures are shown (default: the target of the newest iteration naming one).")
    String target;

    @Option(
            names = "--json",
            description =
                    "Print {\"iterations\": [...], \"proposals\": [...]}, one object per iteration, first to last.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Workspace ws = CliSupport.openWorkspace(spec)) {
            String model = target != null && !target.isBlank()
                    ? target.strip()
                    : ws.iterations().defaultTarget().orElse(null);
            List<IterationStatus> status = ws.iterations().status(model);
            if (model != null && !ws.ratings().models().contains(model)) {
                err.println(TerminalWriter.oneLine("note: no verdicts name " + model + " yet, so it has no figures."));
            }
            if (json) {
                Map<String, Object> root = new LinkedHashMap<>();
                root.put("target", model);
                root.put(
                        "iterations",
                        status.stream().map(LoopStatusCommand::toJson).toList());
                root.put("proposals", proposals(ws, model));
                CliSupport.printJson(out, root);
            } else {
                print(out, model, status);
            }
            return Cli.OK;
        }
    }

    /**
     * What `loop propose` would propose now for the target, with the default rules; none without a target. Each with
     * "accepted": true or false as decided in the newest iteration, null when not decided yet.
     */
    private static List<Map<String, Object>> proposals(Workspace ws, String model) {
        if (model == null || !ws.battles().models().contains(model)) {
            return List.of();
        }
        List<Proposal> proposals =
                ws.loop().propose(model, LoopRules.defaults()).proposals();
        Map<String, Boolean> decided = ws.loop().decided(proposals);
        return proposals.stream()
                .map(p -> {
                    Map<String, Object> m = LoopCommand.toJson(p);
                    m.put("accepted", decided.get(p.id()));
                    return m;
                })
                .toList();
    }

    private static Map<String, Object> toJson(IterationStatus s) {
        IterationCounts c = s.counts();
        TargetFigures t = s.target();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", s.iteration().number());
        m.put("started_at", s.iteration().startedAt().toString());
        m.put("target_model", s.iteration().targetModel());
        m.put("note", s.iteration().note());
        m.put("runs", c.runs());
        m.put("instructions", c.instructions());
        m.put("battles", c.battles());
        m.put("human_verdicts", c.humanVerdicts());
        m.put("judge_verdicts", c.judgeVerdicts());
        m.put("target_rating", number(t.rating()));
        m.put("target_ci_low", number(t.ciLow()));
        m.put("target_ci_high", number(t.ciHigh()));
        m.put("target_battles", t.battles());
        m.put("target_win_rate", number(t.winRate()));
        return m;
    }

    /** A figure, or null (never NaN, which is no JSON). */
    private static Double number(double v) {
        return Double.isFinite(v) ? v + 0.0 : null;
    }

    private static void print(PrintWriter out, String model, List<IterationStatus> status) {
        String row = "%9s  %-20s  %6s  %7s  %14s  %8s  %-18s  %8s";
        out.println(String.format(
                Locale.ROOT,
                row,
                "iteration",
                "started",
                "runs",
                "battles",
                "human verdicts",
                "rating",
                "95% interval",
                "win rate"));
        for (IterationStatus s : status) {
            TargetFigures t = s.target();
            out.println(TerminalWriter.oneLine(String.format(
                    Locale.ROOT,
                    row,
                    s.iteration().number(),
                    s.iteration().startedAt().toString().replaceFirst("\\.\\d+Z$", "Z"),
                    s.counts().runs(),
                    s.counts().battles(),
                    s.counts().humanVerdicts(),
                    Double.isFinite(t.rating()) ? RatingsCommand.fixed(t.rating(), 1) : NONE,
                    Double.isFinite(t.ciLow()) && Double.isFinite(t.ciHigh())
                            ? "[" + RatingsCommand.fixed(t.ciLow(), 1) + ", " + RatingsCommand.fixed(t.ciHigh(), 1)
                                    + "]"
                            : NONE,
                    Double.isFinite(t.winRate()) ? String.format(Locale.ROOT, "%.1f%%", 100 * t.winRate()) : NONE)));
        }
        out.println(TerminalWriter.oneLine(
                model == null
                        ? "No target model: name one with --target, or start an iteration with"
                                + " loop start --target MODEL."
                        : "Target " + model + ": rated on the battles created in each iteration (combined source)."));
    }
}
