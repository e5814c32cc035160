package io.arenainstruct.studio.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
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

import io.arenainstruct.studio.domain.arena.ArenaDataset;
import io.arenainstruct.studio.service.arena.DatasetImportReport;
import io.arenainstruct.studio.service.arena.formats.DatasetFormat;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.task.ProgressListener;
import io.arenainstruct.studio.service.workspace.Workspace;

@Command(
        name = "dataset",
        description = "Import and list arena instruction datasets.",
        subcommands = {DatasetCommand.Import.class, DatasetCommand.ListDatasets.class})
final class DatasetCommand {

    @Command(
            name = "import",
            description = {
                "Import instruction files (JSONL): OpenAI chat, ShareGPT, Alpaca, plain prompts, Arena-Hard questions"
                        + " and answers (matched by uid within the dataset, in any order of files; answers alone"
                        + " take --name to say whose uids they are).",
                "Prints the format of each file, one line per rejected line and a summary. Importing a file again"
                        + " adds nothing. Exit 3 when lines were rejected (the rest was imported)."
            })
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "JSONL files to import.")
        List<Path> files;

        @Option(
                names = "--format",
                paramLabel = "FORMAT",
                defaultValue = "auto",
                description = "auto, openai, sharegpt, alpaca, prompts or arena-hard (default: ${DEFAULT-VALUE}:"
                        + " told from each file's first lines).")
        String format;

        @Option(
                names = "--name",
                paramLabel = "NAME",
                description = "The dataset's name (default: an Arena-Hard question file's benchmark, else the file's"
                        + " name without its extension).")
        String name;

        @Option(
                names = "--model",
                paramLabel = "MODEL",
                description = "The model of responses whose line names none (an Alpaca output is a response only"
                        + " with this; otherwise it is kept as the reference answer).")
        String model;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            DatasetFormat chosen = null;
            if (!"auto".equals(format)) {
                chosen = DatasetFormat.of(format)
                        .orElseThrow(() -> new CommandLine.ParameterException(
                                spec.commandLine(),
                                "unknown format '" + format + "'; supported are auto, " + DatasetFormat.names()));
            }
            if (name != null && (name.isBlank() || name.length() > 200)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--name must have 1 to 200 characters");
            }
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                DatasetImportReport report = ws.datasets()
                        .importFiles(files, chosen, name, model, ProgressListener.NONE, Cancellation.NEVER);
                report.formats().forEach(f -> out.println(TerminalWriter.oneLine(f.toString())));
                report.rejections().forEach(r -> out.println(TerminalWriter.oneLine(r.toString())));
                if (report.instructionsPresent() + report.responsesPresent() > 0) {
                    out.println("already present " + CliSupport.count(report.instructionsPresent(), "instructions")
                            + ", " + CliSupport.count(report.responsesPresent(), "responses"));
                }
                out.println(report.summary());
                return report.rejected() > 0 ? Cli.REJECTED : Cli.OK;
            }
        }
    }

    @Command(name = "list", description = "List the imported datasets with their instruction and response counts.")
    static final class ListDatasets implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                List<ArenaDataset> datasets = ws.datasets().list();
                CliSupport.printList(
                        out,
                        json,
                        datasets,
                        ListDatasets::toJson,
                        d -> String.format(
                                "%-30s  %-10s  %6d instructions  %6d responses  %s",
                                d.name(), d.format(), d.instructions(), d.responses(), d.createdAt()),
                        "datasets");
                return Cli.OK;
            }
        }

        private static Map<String, Object> toJson(ArenaDataset d) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.id());
            m.put("name", d.name());
            m.put("format", d.format());
            m.put("instructions", d.instructions());
            m.put("responses", d.responses());
            m.put("created_at", d.createdAt().toString());
            return m;
        }
    }
}
