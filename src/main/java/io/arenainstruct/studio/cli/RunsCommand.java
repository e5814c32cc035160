package io.arenainstruct.studio.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import io.arenainstruct.studio.domain.run.RunProgress;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.RunSummary;
import io.arenainstruct.studio.domain.run.StageProgress;
import io.arenainstruct.studio.service.workspace.Workspace;

@Command(
        name = "runs",
        description = "List runs and resume one.",
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
                // Each run with its stages read from the store: a run stopped before any instruction was made
                // still shows how far it got ("transformation 8/31").
                List<Listed> runs = ws.runs().list().stream()
                        .map(r -> new Listed(r, ws.runs().progress(r.id()).orElse(null)))
                        .toList();
                CliSupport.printList(
                        spec.commandLine().getOut(),
                        json,
                        runs,
                        RunsCommand::toJson,
                        l -> line(l.run(), l.progress()),
                        "runs");
                return Cli.OK;
            }
        }
    }

    record Listed(RunSummary run, RunProgress progress) {}

    static String line(RunSummary r, RunProgress p) {
        StringBuilder s = new StringBuilder("run ")
                .append(r.id())
                .append(": ")
                .append(r.status().id())
                .append(", ")
                .append(String.join(",", r.config().skills()))
                .append(", seeds ")
                .append(r.config().seeds())
                .append(", endpoint ")
                .append(r.config().endpoint())
                .append(", ");
        if (p != null && r.status() != RunStatus.COMPLETED) {
            for (StageProgress st : p.stages()) {
                s.append(st.stage().id())
                        .append(' ')
                        .append(st.done())
                        .append('/')
                        .append(st.planned());
                if (st.failed() > 0) {
                    s.append(" (").append(st.failed()).append(" failed)");
                }
                s.append(", ");
            }
        }
        s.append(r.complete())
                .append(" of ")
                .append(r.instructions())
                .append(" instructions complete, ")
                .append(r.failed())
                .append(" failed");
        if (r.message() != null) {
            s.append(" (").append(r.message()).append(')');
        }
        return s.toString();
    }

    static Map<String, Object> toJson(Listed l) {
        RunSummary r = l.run();
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
        Map<String, Object> stages = new LinkedHashMap<>();
        if (l.progress() != null) {
            for (StageProgress st : l.progress().stages()) {
                Map<String, Integer> one = new LinkedHashMap<>();
                one.put("planned", st.planned());
                one.put("done", st.done());
                one.put("failed", st.failed());
                stages.put(st.stage().id(), one);
            }
        }
        m.put("stages", stages);
        m.put("created_at", r.createdAt().toString());
        m.put("updated_at", r.updatedAt().toString());
        return m;
    }

    @Command(
            name = "resume",
            description = "Continue a cancelled, interrupted or incomplete run; what the call ledger"
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
                    return RunProgressPrinter.execute(
                            ws.runs().resume(id),
                            ws,
                            spec.commandLine().getOut(),
                            spec.commandLine().getErr());
                } catch (IllegalArgumentException e) {
                    throw new Cli.CommandFailure(e.getMessage());
                }
            }
        }
    }
}
