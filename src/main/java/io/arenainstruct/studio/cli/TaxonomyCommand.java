package io.arenainstruct.studio.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.service.taxonomy.TaxonomyFileException;
import io.arenainstruct.studio.service.taxonomy.TaxonomyService;
import io.arenainstruct.studio.service.taxonomy.TaxonomyYaml;
import io.arenainstruct.studio.service.workspace.Workspace;

@Command(
        name = "taxonomy",
        description =
                "List, validate, import and export skill taxonomies (YAML files); list and restore their versions.",
        subcommands = {
            TaxonomyCommand.ListTaxonomies.class,
            TaxonomyCommand.Validate.class,
            TaxonomyCommand.Import.class,
            TaxonomyCommand.Export.class,
            TaxonomyVersionsCommand.Versions.class,
            TaxonomyVersionsCommand.Restore.class
        })
final class TaxonomyCommand {

    @Command(name = "list", description = "List the skills and the size of their taxonomies.")
    static final class ListTaxonomies implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                List<Taxonomy> all = ws.taxonomies().all();
                CliSupport.printList(
                        out,
                        json,
                        all,
                        ListTaxonomies::toJson,
                        t -> String.format(
                                "%-34s %-34s %3d categories, %3d subcategories",
                                t.skillId(), t.name(), t.categoryCount(), t.subcategoryCount()),
                        "skills");
                return Cli.OK;
            }
        }

        private static Map<String, Object> toJson(Taxonomy t) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("skill", t.skillId());
            m.put("name", t.name());
            m.put("description", t.description());
            m.put("categories", t.categoryCount());
            m.put("subcategories", t.subcategoryCount());
            return m;
        }
    }

    @Command(name = "validate", description = "Check taxonomy files; prints FILE:LINE: problem for each problem.")
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*")
        List<Path> files;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int bad = 0;
            for (Path file : files) {
                try {
                    Taxonomy t = TaxonomyYaml.read(file);
                    out.println(file + ": ok (" + t.skillId() + ", " + t.categoryCount() + " categories, "
                            + t.subcategoryCount() + " subcategories)");
                } catch (TaxonomyFileException e) {
                    e.problems().forEach(err::println);
                    bad++;
                }
            }
            return bad > 0 ? Cli.REJECTED : Cli.OK;
        }
    }

    @Command(name = "import", description = "Validate taxonomy files and store them (replacing the same skill's).")
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*")
        List<Path> files;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int bad = 0;
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                for (Path file : files) {
                    try {
                        TaxonomyService.ImportResult r = ws.taxonomies().importFile(file);
                        out.println((r.replaced() ? "replaced " : "imported ")
                                + r.taxonomy().skillId() + " from " + file);
                    } catch (TaxonomyFileException e) {
                        e.problems().forEach(err::println);
                        bad++;
                    }
                }
            }
            return bad > 0 ? Cli.REJECTED : Cli.OK;
        }
    }

    @Command(name = "export", description = "Write a skill's taxonomy to a YAML file.")
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
                if (ws.taxonomies().find(skill).isEmpty()) {
                    throw new Cli.CommandFailure(
                            "there is no taxonomy for the skill '" + skill + "'; see the skills with: taxonomy list");
                }
                ws.taxonomies().export(skill, file);
                spec.commandLine().getOut().println("exported " + skill + " to " + file);
                return Cli.OK;
            }
        }
    }
}
