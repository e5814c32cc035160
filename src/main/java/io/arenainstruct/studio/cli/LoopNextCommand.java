package io.arenainstruct.studio.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.arenainstruct.studio.domain.iteration.Iteration;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunEstimate;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.service.arena.ArenaJobExecution;
import io.arenainstruct.studio.service.arena.ArenaJobService.Estimate;
import io.arenainstruct.studio.service.arena.BattleService;
import io.arenainstruct.studio.service.loop.NextIteration;
import io.arenainstruct.studio.service.loop.NextIteration.Plan;
import io.arenainstruct.studio.service.loop.NextIteration.Request;
import io.arenainstruct.studio.service.run.RunHandle;
import io.arenainstruct.studio.service.run.RunService;
import io.arenainstruct.studio.service.workspace.Workspace;

@Command(
        name = "next",
        description = {
            "Start the next iteration in one step: run the skills with the accepted taxonomy weights and refinement"
                    + " rounds on seeds no run used yet, answer the run's instructions with the pool, pair the answers"
                    + " into battles as the previous iteration did, and judge them. The estimate of every stage is"
                    + " printed first.",
            "Left out, the answer endpoints, the judges (with their prompt, pool and games), the skills and the"
                    + " instructions per seed are the previous iteration's; the pairing is the one most of its battles"
                    + " used (else target:MODEL).",
            "A stage that stops keeps what it made; loop next --resume with the same options continues the newest"
                    + " iteration's chain without asking again for what is stored."
        })
final class LoopNextCommand implements Callable<Integer> {
    private static final int STAGES = 4;

    @Spec
    CommandSpec spec;

    @Option(names = "--endpoint", required = true, paramLabel = "NAME", description = "The run's endpoint.")
    String endpoint;

    @Option(
            names = "--answer-endpoints",
            split = ",",
            paramLabel = "NAME",
            description = "The pool answering the instructions, comma-separated (default: the previous iteration's).")
    List<String> answerEndpoints = new ArrayList<>();

    @Option(
            names = "--judges",
            split = ",",
            paramLabel = "NAME",
            description = "The judge endpoints, comma-separated; several are a jury (default: the previous"
                    + " iteration's).")
    List<String> judges = new ArrayList<>();

    @Option(
            names = "--target",
            paramLabel = "MODEL",
            description = "The model being trained (default: the one the newest iteration names).")
    String target;

    @Option(
            names = "--skill",
            split = ",",
            paramLabel = "SKILL",
            description = "Skills to run (default: those of the previous iteration's runs).")
    List<String> skills = new ArrayList<>();

    @Option(
            names = "--per-seed",
            paramLabel = "N",
            description = "Instructions per transformed passage (default: as the previous run).")
    Integer perSeed;

    @Option(
            names = "--reuse-seeds",
            description = "Run on every seed, also those earlier runs used (the models are asked afresh).")
    boolean reuseSeeds;

    @Option(names = "--note", paramLabel = "TEXT", description = "A few words about the iteration.")
    String note;

    @Option(names = "--estimate", description = "Print the plan and the estimate of every stage, and stop.")
    boolean estimateOnly;

    @Option(
            names = "--resume",
            description = "Continue the newest iteration's chain where it stopped (what is stored is not asked for"
                    + " again).")
    boolean resume;

    @Override
    public Integer call() {
        if (perSeed != null && (perSeed < 1 || perSeed > RunConfig.MAX_PER_SEED)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--per-seed is 1 to " + RunConfig.MAX_PER_SEED);
        }
        Request request = Request.of(endpoint.strip())
                .withAnswerEndpoints(strip(answerEndpoints))
                .withJudges(strip(judges))
                .withTarget(target)
                .withSkills(strip(skills))
                .withPerSeed(perSeed)
                .withReuseSeeds(reuseSeeds)
                .withNote(note);
        if (resume) {
            request = request.resuming();
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Plan plan;
        Iteration iteration;
        RunHandle run;
        try (Workspace ws = CliSupport.openWorkspace(spec)) {
            NextIteration next = ws.nextIteration();
            try {
                plan = next.plan(request);
            } catch (IllegalArgumentException e) {
                err.println("rejected: " + TerminalWriter.oneLine(e.getMessage()));
                err.flush();
                return Cli.REJECTED;
            }
            PrintWriter shown = estimateOnly ? out : err;
            describe(plan).forEach(line -> shown.println(TerminalWriter.oneLine(line)));
            shown.flush();
            if (estimateOnly) {
                return Cli.OK;
            }
            try {
                iteration = next.begin(plan);
                run = next.run(plan);
            } catch (RunService.RunRefused e) {
                e.problems().forEach(p -> err.println("rejected: " + TerminalWriter.oneLine(p)));
                err.flush();
                return Cli.REJECTED;
            } catch (IllegalStateException e) {
                throw new Cli.CommandFailure(e.getMessage());
            }
            err.println(TerminalWriter.oneLine((plan.resuming() ? "Continuing iteration " : "Started iteration ")
                    + iteration.number() + ", target " + plan.target() + "."));
            err.flush();
            if (run != null) {
                int code =
                        stage(1, "run", plan, null, () -> RunProgressPrinter.execute(run, ws, out, err, resumeLine()));
                if (code != Cli.OK) {
                    return code;
                }
            } else {
                err.println("stage 1 of 4 (run): run " + plan.runId() + " completed already");
            }
        }
        long runId = run != null ? run.runId() : plan.runId();
        try (Workspace ws = CliSupport.openWorkspace(spec)) {
            int code = stage(2, "answer", plan, runId, () -> {
                NextIteration next = ws.nextIteration();
                ArenaJobExecution job;
                try {
                    ArenaJobPrinter.estimate(err, ws.arena().estimate(next.answerRequest(plan, runId)), "answers");
                    job = next.answer(plan, runId);
                } catch (IllegalArgumentException | IllegalStateException e) {
                    throw new Cli.CommandFailure(e.getMessage());
                }
                return ArenaJobPrinter.execute(job, ws, out, err, resumeLine());
            });
            if (code != Cli.OK) {
                return code;
            }
        }
        try (Workspace ws = CliSupport.openWorkspace(spec)) {
            NextIteration next = ws.nextIteration();
            int code = stage(3, "battles", plan, runId, () -> {
                BattleService.Creation made = next.battles(plan, runId);
                out.println(TerminalWriter.oneLine("battles (" + plan.strategy().id() + "): " + made.created()
                        + " made, " + made.existing() + " existing"
                        + (made.skipped().isEmpty()
                                ? ""
                                : ", " + CliSupport.count(made.skipped().size(), "instructions") + " skipped ("
                                        + made.skipped().get(0).reason()
                                        + (made.skipped().size() > 1 ? ", …" : "") + ")")));
                return Cli.OK;
            });
            if (code != Cli.OK) {
                return code;
            }
            return stage(4, "judge", plan, runId, () -> {
                ArenaJobExecution job;
                try {
                    Estimate e = ws.arena().estimate(next.judgeRequest(plan, runId));
                    if (e.items() == 0) {
                        out.println("no battles to judge: the run's answers made none");
                        return Cli.OK;
                    }
                    ArenaJobPrinter.estimate(err, e, "games");
                    job = next.judge(plan, runId);
                } catch (IllegalArgumentException | IllegalStateException e) {
                    throw new Cli.CommandFailure(e.getMessage());
                }
                int judged = ArenaJobPrinter.execute(job, ws, out, err, resumeLine());
                if (judged == Cli.OK) {
                    out.println(TerminalWriter.oneLine("Iteration " + plan.iteration() + " is made; see what its"
                            + " battles propose with: loop propose --target " + plan.target()));
                }
                return judged;
            });
        }
    }

    @FunctionalInterface
    private interface Stage {
        int execute();
    }

    /** Runs one stage; a failure is told with the stage, what is kept, and how to continue the chain. */
    private int stage(int number, String name, Plan plan, Long runId, Stage work) {
        try {
            return work.execute();
        } catch (Cli.CommandFailure e) {
            String kept = "iteration " + plan.iteration()
                    + (runId == null ? " and what the run finished" : ", run " + runId + "'s instructions")
                    + (number > 2 ? ", their answers and battles" : number > 1 ? " and the answers made" : "");
            throw new Cli.CommandFailure("stage " + number + " of " + STAGES + " (" + name + ") stopped: "
                    + e.getMessage() + ". Kept: " + kept + ". Continue the chain with: " + resumeLine());
        }
    }

    /** This command again with --resume (the same options, without the note and the estimate). */
    private String resumeLine() {
        StringBuilder s = new StringBuilder("loop next --resume --endpoint ").append(endpoint);
        if (!answerEndpoints.isEmpty()) {
            s.append(" --answer-endpoints ").append(String.join(",", answerEndpoints));
        }
        if (!judges.isEmpty()) {
            s.append(" --judges ").append(String.join(",", judges));
        }
        if (target != null) {
            s.append(" --target ").append(target);
        }
        return s.toString();
    }

    /** The plan in lines: what each stage does and its estimate, and the whole chain's calls and cost. */
    static List<String> describe(Plan plan) {
        List<String> lines = new ArrayList<>();
        RunConfig c = plan.run();
        lines.add((plan.resuming() ? "Continuing iteration " : "Iteration ") + plan.iteration() + ", target "
                + plan.target() + ":");
        RunEstimate r = plan.runEstimate();
        if (r == null) {
            lines.add("  1. run " + plan.runId() + " (skills " + String.join(", ", c.skills()) + ")"
                    + (plan.runLeft()
                            ? " continues where it stopped: its calls are not in this estimate"
                            : " completed already"));
        } else {
            lines.add("  1. run: skills " + String.join(", ", c.skills()) + " on "
                    + CliSupport.count(r.seeds(), "seeds") + " ("
                    + (c.seeds().kind() == SeedSelection.Kind.UNUSED ? "not used before" : "all, asked afresh")
                    + "), " + c.perSeed() + " per seed with the accepted weights and rounds: "
                    + CliSupport.count(r.instructions(), "instructions") + ", "
                    + CliSupport.count(r.calls(), "calls") + ", " + tokens(r.tokensIn(), r.tokensOut()) + ", "
                    + cost(r.cost(), r.costComplete()));
        }
        Estimate a = plan.answerEstimate();
        lines.add("  2. answer with " + String.join(", ", plan.answer().endpoints()) + ": "
                + CliSupport.count(a.calls(), "calls") + ", " + tokens(a.tokensIn(), a.tokensOut()) + ", "
                + cost(a.cost(), a.costComplete()));
        lines.add("  3. battles " + plan.strategy().id() + " (" + plan.strategyFrom() + "): about "
                + CliSupport.count(plan.battleCount(), "battles") + ", no calls");
        Estimate j = plan.judgeEstimate();
        lines.add("  4. judge with " + String.join(", ", plan.judge().judges()) + " (" + plan.judgesFrom() + "; "
                + plan.judge().prompt() + ", " + plan.judge().games() + " games): "
                + CliSupport.count(j.calls(), "calls") + ", " + tokens(j.tokensIn(), j.tokensOut()) + ", "
                + cost(j.cost(), j.costComplete()));
        lines.add("estimate: " + CliSupport.count(plan.calls(), "calls")
                + (plan.runLeft() ? " besides run " + plan.runId() + "'s, " : " in all, ")
                + cost(plan.cost(), plan.costComplete()) + " (the call ledger may answer some)");
        return lines;
    }

    private static String tokens(long in, long out) {
        return "about " + in + " tokens in / " + out + " out";
    }

    private static String cost(BigDecimal cost, boolean complete) {
        if (cost == null) {
            return "cost unknown (no price for these models)";
        }
        return (complete ? "cost " : "cost at least ")
                + cost.stripTrailingZeros().toPlainString();
    }

    private static List<String> strip(List<String> names) {
        return names.stream().map(String::strip).filter(n -> !n.isEmpty()).toList();
    }
}
