package io.arenainstruct.studio.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.arenainstruct.studio.service.arena.ArenaJobExecution;
import io.arenainstruct.studio.service.arena.ArenaJobService.Estimate;
import io.arenainstruct.studio.service.arena.ArenaJobService.JudgeRequest;
import io.arenainstruct.studio.service.workspace.Workspace;

@Command(
        name = "judge",
        description = "Judge battles with a judge endpoint or a jury of several, each battle in two games with the"
                + " positions swapped; games already judged are not asked again (estimate and progress on stderr;"
                + " exit 0 when the job completed).")
final class JudgeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--judges",
            required = true,
            split = ",",
            paramLabel = "NAME",
            description = "The judge endpoints, comma-separated; several are a jury (see: models list).")
    List<String> judges;

    @Option(
            names = "--prompt",
            paramLabel = "graded|scores",
            defaultValue = "graded",
            description = "The judge prompt: graded verdicts [[A>B]] or 1-10 scores (default ${DEFAULT-VALUE}).")
    String prompt;

    @Option(
            names = "--pool",
            paramLabel = "majority|mean",
            defaultValue = "majority",
            description = "How a jury pools its judges' verdicts (default ${DEFAULT-VALUE}).")
    String pool;

    @Option(
            names = "--battles",
            paramLabel = "unjudged|all|status:S|model:M|category:C|run:ID|ids:1,2",
            defaultValue = "unjudged",
            description = "Which battles (default ${DEFAULT-VALUE}).")
    String battles;

    @Option(
            names = "--games",
            paramLabel = "2|1",
            defaultValue = "2",
            description = "Games per battle and judge: 2 swaps the positions in the second (default ${DEFAULT-VALUE}).")
    int games;

    @Override
    public Integer call() {
        String p = pool.strip().toLowerCase(Locale.ROOT);
        if (!p.equals("majority") && !p.equals("mean")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--pool is majority or mean, not " + pool);
        }
        if (games != 1 && games != 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--games is 2 or 1, not " + games);
        }
        JudgeRequest request = new JudgeRequest(judges, prompt.strip(), p, battles.strip(), games);
        try (Workspace ws = CliSupport.openWorkspace(spec)) {
            ArenaJobExecution job;
            try {
                Estimate estimate = ws.arena().estimate(request);
                if (estimate.items() == 0) {
                    spec.commandLine().getOut().println("no battles to judge: '" + battles + "' selects none");
                    return Cli.OK;
                }
                ArenaJobPrinter.estimate(spec.commandLine().getErr(), estimate, "games");
                job = ws.arena().judge(request);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("rejected: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return Cli.REJECTED;
            }
            return ArenaJobPrinter.execute(
                    job, ws, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }
}
