package io.arenainstruct.studio.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.arenainstruct.studio.service.arena.ArenaJobExecution;
import io.arenainstruct.studio.service.arena.ArenaJobService.AnswerRequest;
import io.arenainstruct.studio.service.arena.InstructionSelector;
import io.arenainstruct.studio.service.workspace.Workspace;

@Command(
        name = "answer",
        description = "Ask each endpoint's model to answer the arena's instructions; an instruction a model has"
                + " answered is not asked again (estimate and progress on stderr; exit 0 when the job completed).")
final class AnswerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--endpoints",
            required = true,
            split = ",",
            paramLabel = "NAME",
            description = "The answering endpoints, comma-separated (see: models list).")
    List<String> endpoints;

    @Option(
            names = "--instructions",
            required = true,
            paramLabel = "all|run:ID|dataset:NAME|category:NAME|ids:1,2",
            description = "Which instructions: all, a run's, an imported dataset's, one category's, or these ids.")
    String instructions;

    @Option(
            names = "--per-model",
            paramLabel = "N",
            defaultValue = "1",
            description = "Answers each model gives each instruction (default ${DEFAULT-VALUE}).")
    int perModel;

    @Override
    public Integer call() {
        try {
            InstructionSelector.parse(instructions);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (perModel < 1 || perModel > 16) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--per-model is 1 to 16");
        }
        AnswerRequest request = new AnswerRequest(endpoints, instructions, perModel);
        try (Workspace ws = CliSupport.openWorkspace(spec)) {
            ArenaJobExecution job;
            try {
                ArenaJobPrinter.estimate(spec.commandLine().getErr(), ws.arena().estimate(request), "answers");
                job = ws.arena().answer(request);
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
