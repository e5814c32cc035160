package io.arenainstruct.studio.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.arenainstruct.studio.domain.run.RunSummary;
import io.arenainstruct.studio.service.workspace.Workspace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "runs", description = "List runs and resume one.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.Resume.class})
final class RunsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: list or resume");
    }

    @Command(name = "list", description = "Runs, newest first, with their status and counts.")
    static final class ListRuns implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "One JSON array of objects.")
        boolean json;

        @Override
        public Integer call() {
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                CliSupport.printList(spec.commandLine().getOut(), json, ws.runs().list(), RunsCommand::toJson,
                        r -> "run " + r.id() + ": " + r.status().id() + ", " + String.join(",", r.config().skills())
                                + ", seeds " + r.config().seeds() + ", endpoint " + r.config().endpoint() + ", "
                                + r.complete() + " of " + r.instructions() + " instructions complete, " + r.failed()
                                + " failed" + (r.message() == null ? "" : " (" + r.message() + ")"), "runs");
                return Cli.OK;
            }
        }
    }

    static Map<String, Object> toJson(RunSummary r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("status", r.status().id());
        m.put("skills", r.config().skills());
        m.put("seeds", r.config().seeds().toString());
        m.put("endpoint", r.config().endpoint());
        Map<String, String> roles = new LinkedHashMap<>();
        r.config().roleEndpoints().forEach((role, name) -> roles.put(role.id(), name));
        m.put("role_endpoints", roles);
        m.put("rounds", r.config().rounds());
        m.put("per_seed", r.config().perSeed());
        m.put("fresh_samples", r.config().freshSamples());
        m.put("instructions", r.instructions());
        m.put("complete", r.complete());
        m.put("failed", r.failed());
        m.put("message", r.message());
        m.put("created_at", r.createdAt().toString());
        m.put("updated_at", r.updatedAt().toString());
        return m;
    }

    @Command(name = "resume", description = "Continue a cancelled, interrupted or incomplete run; what the call ledger"
            + " holds is not sent again.")
    static final class Resume implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The run (see: runs list).")
        long id;

        @Override
        public Integer call() {
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                try {
                    return RunProgressPrinter.execute(ws.runs().resume(id), ws.runs(), spec.commandLine().getOut(),
                            spec.commandLine().getErr());
                } catch (IllegalArgumentException e) {
                    throw new Cli.CommandFailure(e.getMessage());
                }
            }
        }
    }
}
