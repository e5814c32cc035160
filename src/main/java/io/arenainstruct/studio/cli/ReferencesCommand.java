package io.arenainstruct.studio.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import io.arenainstruct.studio.domain.curation.ReferenceSetInfo;
import io.arenainstruct.studio.service.curation.CurationInputException;
import io.arenainstruct.studio.service.curation.ReferenceFiles;
import io.arenainstruct.studio.service.workspace.Workspace;

@Command(
        name = "references",
        description = "Reference prompt sets (benchmark questions) kept in the store: every dedup decontaminates"
                + " against all of them, besides the files given with --against.",
        subcommands = {ReferencesCommand.Import.class, ReferencesCommand.ListSets.class, ReferencesCommand.Remove.class
        })
final class ReferencesCommand {

    @Command(
            name = "import",
            description = {
                "Store reference prompt files, each as one set, whole or not at all: " + ReferenceFiles.FORMATS + ".",
                "Exit 3 when a file was rejected (the others were imported)."
            })
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Reference prompt files to store.")
        List<Path> files;

        @Option(
                names = "--name",
                paramLabel = "N",
                description = "The set's name, which drop reasons cite (default: the file's name); one FILE only.")
        String name;

        @Override
        public Integer call() {
            if (name != null && files.size() > 1) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--name names one set: give one FILE with it, not " + files.size());
            }
            if (name != null && name.isBlank()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--name cannot be empty");
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int rejected = 0;
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                for (Path file : files) {
                    try {
                        ReferenceSetInfo set = ws.referenceSets().importFile(file, name);
                        out.println(TerminalWriter.oneLine(String.format(
                                Locale.ROOT,
                                "imported %s: %s from %s (%s)",
                                set.name(),
                                CliSupport.count(set.promptCount(), "prompts"),
                                file,
                                set.format())));
                    } catch (ReferenceFiles.ReferenceFileException | CurationInputException e) {
                        err.println("rejected: " + TerminalWriter.oneLine(e.getMessage()));
                        rejected++;
                    }
                }
            }
            err.flush();
            return rejected > 0 ? Cli.REJECTED : Cli.OK;
        }
    }

    @Command(name = "list", description = "List the stored reference sets with their prompt counts.")
    static final class ListSets implements Callable<Integer> {
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
                        ws.referenceSets().list(),
                        ListSets::toJson,
                        s -> String.format(
                                Locale.ROOT,
                                "%-30s  %6d prompts  %-18s  %s  %s",
                                s.name(),
                                s.promptCount(),
                                s.format(),
                                s.sourceFile(),
                                s.importedAt()),
                        "reference sets");
                return Cli.OK;
            }
        }

        private static Map<String, Object> toJson(ReferenceSetInfo s) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("source_file", s.sourceFile());
            m.put("format", s.format());
            m.put("prompts", s.promptCount());
            m.put("imported_at", s.importedAt().toString());
            return m;
        }
    }

    @Command(name = "remove", description = "Remove a stored reference set and its prompts.")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "The set to remove (see: references list).")
        String name;

        @Override
        public Integer call() {
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                ReferenceSetInfo removed = ws.referenceSets().remove(name);
                spec.commandLine()
                        .getOut()
                        .println(TerminalWriter.oneLine("removed " + removed.name() + " ("
                                + CliSupport.count(removed.promptCount(), "prompts") + ")"));
                return Cli.OK;
            } catch (CurationInputException e) {
                throw new Cli.CommandFailure(e.getMessage());
            }
        }
    }
}
