package io.arenainstruct.studio.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The ArenaInstruct loop: battle results steer the next iteration (issue 14). */
@Command(
        name = "loop",
        description = "The ArenaInstruct loop: numbered iterations, the target model's progress in each.",
        subcommands = {LoopStatusCommand.class, LoopStartCommand.class})
final class LoopCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: status or start");
    }
}
