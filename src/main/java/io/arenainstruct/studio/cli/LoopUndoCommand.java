package io.arenainstruct.studio.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.arenainstruct.studio.domain.loop.UndoneAcceptance;
import io.arenainstruct.studio.service.run.InstructionService;
import io.arenainstruct.studio.service.workspace.Workspace;

/** {@code loop undo}: puts back what the newest {@code loop accept} changed. */
@Command(
        name = "undo",
        description = {
            "Undoes the newest loop accept that stands: each taxonomy it changed gets its version from before back (as"
                    + " a new version), each skill its refinement rounds, each suggester prompt its version from before"
                    + " (as a new version). The proposals it accepted are recorded as undone; run it again to undo the"
                    + " acceptance before."
        })
final class LoopUndoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--target",
            required = true,
            paramLabel = "MODEL",
            description = "The model the acceptance was for (a check: the newest acceptance must be for it).")
    String target;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace ws = CliSupport.openWorkspace(spec)) {
            UndoneAcceptance u;
            try {
                u = ws.loop().undoAccept(target, InstructionService.currentUser());
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("rejected: " + TerminalWriter.oneLine(e.getMessage()));
                return Cli.REJECTED;
            }
            u.restored().forEach(line -> out.println(TerminalWriter.oneLine(line)));
            out.println("Undid the acceptance of iteration " + u.acceptance().iteration() + "; "
                    + CliSupport.count(u.proposals().size(), "proposals") + " recorded as undone"
                    + (u.proposals().isEmpty() ? "." : ": " + String.join(", ", u.proposals()) + "."));
            return Cli.OK;
        }
    }
}
