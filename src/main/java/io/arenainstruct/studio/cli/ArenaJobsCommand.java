package io.arenainstruct.studio.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import io.arenainstruct.studio.domain.arena.ArenaJob;
import io.arenainstruct.studio.service.arena.ArenaJobExecution;
import io.arenainstruct.studio.service.workspace.Workspace;

@Command(
        name = "arena-jobs",
        description = "List answering and judging jobs and resume one.",
        subcommands = {ArenaJobsCommand.ListJobs.class, ArenaJobsCommand.Resume.class})
final class ArenaJobsCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: list or resume");
    }

    record Listed(ArenaJob job, String commandLine, int failed) {}

    @Command(name = "list", description = "Answering and judging jobs, newest first, with their status.")
    static final class ListJobs implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "One JSON array of objects.")
        boolean json;

        @Override
        public Integer call() {
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                List<Listed> jobs = ws.arena().list().stream()
                        .map(j -> new Listed(
                                j,
                                ws.arena().commandLine(j),
                                ws.arena().failures(j.id()).size()))
                        .toList();
                CliSupport.printList(
                        spec.commandLine().getOut(),
                        json,
                        jobs,
                        ArenaJobsCommand::toJson,
                        ArenaJobsCommand::line,
                        "jobs");
                return Cli.OK;
            }
        }
    }

    static String line(Listed l) {
        ArenaJob j = l.job();
        StringBuilder s = new StringBuilder("job ")
                .append(j.id())
                .append(": ")
                .append(j.status().id())
                .append(", ")
                .append(l.commandLine());
        if (l.failed() > 0) {
            s.append(", ").append(CliSupport.count(l.failed(), "failed items"));
        }
        if (j.message() != null) {
            s.append(" (").append(j.message()).append(')');
        }
        return s.toString();
    }

    static Map<String, Object> toJson(Listed l) {
        ArenaJob j = l.job();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id());
        m.put("kind", j.kind().id());
        m.put("status", j.status().id());
        m.put("command", l.commandLine());
        try {
            m.put("config", JSON.readTree(j.config()));
        } catch (JsonProcessingException e) {
            m.put("config", j.config());
        }
        m.put("failed", l.failed());
        m.put("message", j.message());
        m.put("created_at", j.createdAt().toString());
        m.put("updated_at", j.updatedAt().toString());
        return m;
    }

    @Command(
            name = "resume",
            description = "Continue a cancelled, interrupted or incomplete job; the answers and games it stored are"
                    + " not asked for again.")
    static final class Resume implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The job (see: arena-jobs list).")
        long id;

        @Override
        public Integer call() {
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                ArenaJobExecution job;
                try {
                    job = ws.arena().resume(id);
                } catch (IllegalArgumentException | IllegalStateException e) {
                    throw new Cli.CommandFailure(e.getMessage());
                }
                return ArenaJobPrinter.execute(
                        job, ws, spec.commandLine().getOut(), spec.commandLine().getErr());
            }
        }
    }
}
