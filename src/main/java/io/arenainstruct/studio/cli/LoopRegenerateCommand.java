package io.arenainstruct.studio.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleLinks;
import io.arenainstruct.studio.service.arena.ArenaJobExecution;
import io.arenainstruct.studio.service.files.TextFiles;
import io.arenainstruct.studio.service.loop.BattleRegeneration;
import io.arenainstruct.studio.service.loop.BattleRegeneration.Costs;
import io.arenainstruct.studio.service.loop.BattleRegeneration.Made;
import io.arenainstruct.studio.service.loop.BattleRegeneration.Plan;
import io.arenainstruct.studio.service.loop.BattleRegeneration.Request;
import io.arenainstruct.studio.service.loop.BattleRegeneration.Skipped;
import io.arenainstruct.studio.service.workspace.Workspace;

@Command(
        name = "regenerate",
        description = {
            "Answers both-bad battles again and judges the new battles (decision 0019). A battle is both-bad when"
                    + " people's majority says so, or the judges do where no person voted; one a person overrode is"
                    + " not. The failed battle and its verdicts stay; each new battle names the battle it redoes.",
            "One endpoint: its new answer battles each failed answer. Two or more: their new answers battle each"
                    + " other. --answer-prompt asks with a changed answerer prompt (then the same models can answer"
                    + " again). A battle already regenerated is not done again; running again only judges new battles"
                    + " left unjudged (estimate and progress on stderr)."
        })
final class LoopRegenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--endpoints",
            required = true,
            split = ",",
            paramLabel = "NAME",
            description = "Who answers again, comma-separated (see: models list).")
    List<String> endpoints;

    @Option(
            names = "--answer-prompt",
            paramLabel = "FILE",
            description = "A text file: the system message the answerers are given before each prompt (kept as a"
                    + " version of the answerer prompt).")
    Path answerPrompt;

    @Option(
            names = "--judges",
            split = ",",
            paramLabel = "NAME",
            description = "The judge endpoints (default: those whose games judged the failed battles).")
    List<String> judges = new ArrayList<>();

    @Option(names = "--iteration", paramLabel = "N", description = "Only battles made in this iteration.")
    Integer iteration;

    @Option(names = "--category", paramLabel = "C", description = "Only battles in this category.")
    String category;

    @Option(names = "--estimate", description = "Print what would be done and its calls; ask and make nothing.")
    boolean estimateOnly;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String prompt = null;
        if (answerPrompt != null) {
            try {
                prompt = TextFiles.readUtf8(answerPrompt, TextFiles.DEFINITION_LIMIT);
            } catch (IOException e) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "cannot read --answer-prompt " + answerPrompt + ": " + e.getMessage());
            }
        }
        Plan plan;
        Cli.CommandFailure answersFailed = null;
        try (Workspace ws = CliSupport.openWorkspace(spec)) {
            BattleRegeneration regeneration = ws.regeneration();
            try {
                int version = prompt == null ? 0 : ws.arena().answerPrompts().versionOf(prompt, "loop regenerate");
                plan = regeneration.plan(new Request(endpoints, version, judges, iteration, blankToNull(category)));
            } catch (IllegalArgumentException e) {
                err.println("rejected: " + TerminalWriter.oneLine(e.getMessage()));
                return Cli.REJECTED;
            }
            plan.skipped().forEach(s -> err.println(skippedLine(s)));
            String nothing = plan.nothing();
            if (nothing != null) {
                out.println(TerminalWriter.oneLine(nothing));
                return Cli.OK;
            }
            err.println(TerminalWriter.oneLine(summary(plan)));
            Costs costs;
            try {
                costs = regeneration.estimate(plan);
            } catch (IllegalArgumentException e) {
                err.println("rejected: " + TerminalWriter.oneLine(e.getMessage()));
                return Cli.REJECTED;
            }
            ArenaJobPrinter.estimate(err, costs.answers(), "answers");
            ArenaJobPrinter.estimate(err, costs.games(), "games");
            if (estimateOnly) {
                out.println("Estimate only: " + CliSupport.count(costs.calls(), "calls") + " ("
                        + costs.answers().calls() + " to answer, "
                        + costs.games().calls()
                        + " to judge); nothing was asked or made.");
                return Cli.OK;
            }
            Optional<ArenaJobExecution> answering = regeneration.answer(plan);
            if (answering.isPresent()) {
                // the job's printer closes the store when the job ends (as for every job command): opened again below
                try {
                    int code = ArenaJobPrinter.execute(answering.get(), ws, out, err);
                    if (code != Cli.OK) {
                        return code;
                    }
                } catch (Cli.CommandFailure e) {
                    // the answers that came still make their battles, judged below; a failed battle missing one is
                    // planned again by the next run, which asks only for it
                    answersFailed = e;
                }
            }
        }
        // the plan is plain data: the battles and the judging carry on from it on the store opened again
        try (Workspace ws = CliSupport.openWorkspace(spec)) {
            BattleRegeneration regeneration = ws.regeneration();
            Made made = regeneration.makeBattles(plan);
            made.missing().forEach(s -> err.println("not made: " + skippedLine(s)));
            if (!made.battles().isEmpty()) {
                out.println(TerminalWriter.oneLine(madeLine(ws, made)));
            }
            Optional<ArenaJobExecution> judging = regeneration.judge(plan, made);
            int code = judging.isPresent() ? ArenaJobPrinter.execute(judging.get(), ws, out, err) : Cli.OK;
            if (code == Cli.OK && answersFailed != null) {
                throw new Cli.CommandFailure(answersFailed.getMessage() + " (or run loop regenerate again: it asks"
                        + " only for the missing answers and makes their battles)");
            }
            return code;
        }
    }

    private static String skippedLine(Skipped s) {
        return TerminalWriter.oneLine("skipped: battle " + s.battleId() + ": " + s.reason());
    }

    private static String summary(Plan plan) {
        StringBuilder s = new StringBuilder("regenerate: ");
        if (plan.failed().isEmpty()) {
            s.append("no both-bad battle to answer again");
        } else {
            s.append(CliSupport.count(plan.failed().size(), "both-bad battles"))
                    .append(" to answer again (")
                    .append(plan.failed().stream()
                            .map(b -> String.valueOf(b.id()))
                            .collect(Collectors.joining(", ")))
                    .append("), ")
                    .append(CliSupport.count(plan.battles(), "new battles"));
        }
        if (!plan.unjudged().isEmpty()) {
            s.append("; ")
                    .append(CliSupport.count(plan.unjudged().size(), "regenerated battles"))
                    .append(" to judge");
        }
        if (plan.left() > 0) {
            s.append("; ")
                    .append(CliSupport.count(plan.left(), "more both-bad battles"))
                    .append(" left for the next run (at most ")
                    .append(BattleRegeneration.BATCH)
                    .append(" a run)");
        }
        return s.append("; judges: ").append(String.join(", ", plan.judges())).toString();
    }

    /** "Made 3 battles: 7 redoes 1, 8 redoes 3, 9 redoes 6." */
    private static String madeLine(Workspace ws, Made made) {
        Map<Long, BattleLinks> links = ws.battles().links(made.battles());
        List<String> parts = new ArrayList<>();
        for (long id : made.battles()) {
            Long failed = links.getOrDefault(id, BattleLinks.NONE).regenerates();
            String models =
                    ws.battles().battle(id).map(LoopRegenerateCommand::models).orElse("");
            parts.add(id + " redoes " + failed + models);
        }
        return "Made " + CliSupport.count(made.battles().size(), "battles") + ": " + String.join(", ", parts) + ".";
    }

    private static String models(Battle b) {
        return " (" + b.modelA() + " vs " + b.modelB() + ")";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
