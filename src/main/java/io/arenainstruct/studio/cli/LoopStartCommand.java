package io.arenainstruct.studio.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.arenainstruct.studio.domain.iteration.Iteration;
import io.arenainstruct.studio.service.workspace.Workspace;

@Command(
        name = "start",
        description = {
            "Start the next iteration now: what is made from now on (runs, answers, battles, verdicts) is its own.",
            "The iterations before keep what was made in their time."
        })
final class LoopStartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--target",
            paramLabel = "MODEL",
            required = true,
            description = "The model being trained in this iteration, whose rating and win rate loop status follows.")
    String target;

    @Option(names = "--note", paramLabel = "TEXT", description = "A few words about the iteration.")
    String note;

    @Override
    public Integer call() {
        if (target.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--target needs a model name");
        }
        try (Workspace ws = CliSupport.openWorkspace(spec)) {
            Iteration started;
            try {
                started = ws.iterations().start(target, note);
            } catch (IllegalStateException e) {
                throw new Cli.CommandFailure(e.getMessage());
            }
            spec.commandLine()
                    .getOut()
                    .println(TerminalWriter.oneLine("Started iteration " + started.number() + " at "
                            + started.startedAt() + ", target " + started.targetModel() + "."));
            return Cli.OK;
        }
    }
}
