package io.arenainstruct.studio.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.flow.Flow;
import io.arenainstruct.studio.service.files.TextFiles;
import io.arenainstruct.studio.service.flow.FlowFileException;
import io.arenainstruct.studio.service.flow.FlowProblem;
import io.arenainstruct.studio.service.flow.FlowService;
import io.arenainstruct.studio.service.workspace.Workspace;

@Command(
        name = "flows",
        description = "List, export and import the skills' flows (YAML files).",
        subcommands = {FlowsCommand.ListFlows.class, FlowsCommand.Export.class, FlowsCommand.Import.class})
final class FlowsCommand {

    @Command(name = "list", description = "The flows in the store: agents per stage, rounds, prompt versions.")
    static final class ListFlows implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;

        @Override
        public Integer call() {
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                CliSupport.printList(
                        spec.commandLine().getOut(),
                        json,
                        ws.flows().all(),
                        ListFlows::toJson,
                        f -> String.format(
                                "%-34s %d transformation (%s), %d generation, %d rounds, %d goals",
                                f.skill(),
                                f.transformers().size(),
                                f.pick().name().toLowerCase(Locale.ROOT),
                                f.generators().size(),
                                f.rounds(),
                                f.goals().size()),
                        "flows");
                return Cli.OK;
            }
        }

        private static Map<String, Object> toJson(Flow f) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("skill", f.skill());
            m.put("name", f.name());
            m.put("pick", f.pick().name().toLowerCase(Locale.ROOT));
            m.put("rounds", f.rounds());
            m.put("goals", f.goals());
            List<Map<String, Object>> agents = new ArrayList<>();
            for (Agent a : f.agents()) {
                Map<String, Object> am = new LinkedHashMap<>();
                am.put("id", a.id());
                am.put("role", a.role().id());
                am.put("prompt_version", a.version());
                am.put("endpoint", a.endpoint());
                am.put("categories", a.categories());
                agents.add(am);
            }
            m.put("agents", agents);
            return m;
        }
    }

    @Command(name = "export", description = "Write a skill's flow, with its current prompts and settings, to a file.")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SKILL")
        String skill;

        @Parameters(index = "1", paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws IOException {
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                String text = ws.flows()
                        .text(skill)
                        .orElseThrow(() -> new Cli.CommandFailure(
                                "there is no flow for" + " the skill '" + skill + "'; see the flows with: flows list"));
                TextFiles.writeAtomically(file, text);
                spec.commandLine().getOut().println("exported " + skill + " to " + file);
                return Cli.OK;
            }
        }
    }

    @Command(
            name = "import",
            description = "Check flow files and store them: a changed prompt becomes a new version;"
                    + " nothing is stored when any file has a problem (FILE:LINE: problem).")
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*")
        List<Path> files;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<FlowService.FlowFile> read = new ArrayList<>();
            int unreadable = 0;
            for (Path file : files) {
                try {
                    read.add(FlowService.FlowFile.read(file));
                } catch (FlowFileException e) {
                    e.problems().forEach(err::println);
                    unreadable++;
                } catch (IOException e) {
                    err.println(new FlowProblem(file.toString(), 0, "cannot be read: " + e.getMessage()));
                    unreadable++;
                }
            }
            if (unreadable > 0) {
                err.println("nothing imported");
                return Cli.REJECTED;
            }
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                for (FlowService.ImportResult r : ws.flows().importFiles(read)) {
                    out.println(
                            r.added()
                                    ? "imported " + r.skill() + " (new)"
                                    : "replaced " + r.skill() + ": " + r.newVersions() + " changed prompt"
                                            + (r.newVersions() == 1 ? "" : "s") + " saved as new versions");
                }
                return Cli.OK;
            } catch (FlowFileException e) {
                e.problems().forEach(err::println);
                err.println("nothing imported");
                return Cli.REJECTED;
            }
        }
    }
}
