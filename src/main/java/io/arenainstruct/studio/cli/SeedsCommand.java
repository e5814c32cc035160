package io.arenainstruct.studio.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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

import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.SeedFilter;
import io.arenainstruct.studio.service.seeds.ImportOptions;
import io.arenainstruct.studio.service.seeds.ImportReport;
import io.arenainstruct.studio.service.workspace.Workspace;

@Command(
        name = "seeds",
        description = "Import and list seed documents.",
        subcommands = {SeedsCommand.Import.class, SeedsCommand.ListSeeds.class})
final class SeedsCommand {

    @Command(
            name = "import",
            description = {
                "Import files and folders (recursively) as seeds: .txt, .md, source code, and JSONL (one seed per "
                        + "line).",
                "Prints one line per rejected file and a summary. Exit 3 when some files were rejected."
            })
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or folders to import.")
        List<Path> paths;

        @Option(
                names = "--text-field",
                paramLabel = "NAME",
                defaultValue = ImportOptions.DEFAULT_TEXT_FIELD,
                description = "The JSONL field that holds the text (default: ${DEFAULT-VALUE}).")
        String textField;

        @Option(names = "--tag", paramLabel = "TAG", description = "Tag every imported seed (repeatable).")
        List<String> tags = new ArrayList<>();

        @Option(
                names = "--max-size",
                paramLabel = "MB",
                defaultValue = "5",
                description = "Reject files larger than this many megabytes (default: ${DEFAULT-VALUE}).")
        double maxSizeMb;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (!(maxSizeMb > 0)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--max-size must be more than 0 MB");
            }
            ImportOptions options = new ImportOptions(textField, (long) (maxSizeMb * 1024 * 1024), tags);
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                ImportReport report = ws.seedImporter().importPaths(paths, options);
                report.rejections().forEach(r -> out.println(TerminalWriter.oneLine(r.toString())));
                out.println(report.summary());
                return report.rejected() > 0 ? Cli.REJECTED : Cli.OK;
            }
        }
    }

    @Command(name = "list", description = "List the stored seeds.")
    static final class ListSeeds implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;

        @Option(names = "--tag", paramLabel = "TAG", description = "Only seeds with this tag.")
        String tag;

        @Option(names = "--search", paramLabel = "WORDS", description = "Only seeds whose name or text has all words.")
        String search;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                List<Seed> seeds = ws.seedService().list(new SeedFilter(search, tag));
                CliSupport.printList(
                        out,
                        json,
                        seeds,
                        ListSeeds::toJson,
                        s -> String.format(
                                "%6d  %-40s  %-12s %8d chars  %s",
                                s.id(), s.name(), s.kind().label(), s.chars(), String.join(", ", s.tags())),
                        "seeds");
                return Cli.OK;
            }
        }

        private static Map<String, Object> toJson(Seed s) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("name", s.name());
            m.put("tags", s.tags());
            m.put("chars", s.chars());
            m.put("sha256", s.sha256());
            m.put("kind", s.kind().label());
            m.put("language", s.language());
            m.put("source", s.source());
            m.put("imported_at", s.importedAt().toString());
            return m;
        }
    }
}
