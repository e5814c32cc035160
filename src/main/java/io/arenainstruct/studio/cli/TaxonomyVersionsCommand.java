package io.arenainstruct.studio.cli;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import io.arenainstruct.studio.service.taxonomy.TaxonomyService;
import io.arenainstruct.studio.service.taxonomy.VersionDiff;
import io.arenainstruct.studio.service.workspace.Workspace;

/** {@code taxonomy versions} and {@code taxonomy restore} (decision 0021). */
final class TaxonomyVersionsCommand {
    private TaxonomyVersionsCommand() {}

    @Command(
            name = "versions",
            description = "List the versions of a skill's taxonomy: number, when, what made it, and which category"
                    + " weights changed from the version before.")
    static final class Versions implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SKILL")
        String skill;

        @Option(
                names = "--json",
                description = "Print a JSON array of {number, made_at, made_by, weights: [{category, from, to}],"
                        + " added, removed, other_changes}.")
        boolean json;

        @Override
        public Integer call() {
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                List<VersionDiff> versions = ws.taxonomies().versions(skill);
                if (versions.isEmpty()) {
                    throw new Cli.CommandFailure("the skill '" + skill + "' has no taxonomy versions; see the skills"
                            + " with: taxonomy list");
                }
                PrintWriter out = spec.commandLine().getOut();
                CliSupport.printList(
                        out,
                        json,
                        versions,
                        Versions::toJson,
                        v -> String.format(
                                "%3d  %s  %s  ·  %s",
                                v.version().number(),
                                v.version().madeAt().truncatedTo(ChronoUnit.SECONDS),
                                v.version().madeBy(),
                                v.summary()),
                        "versions");
                return Cli.OK;
            }
        }

        private static Map<String, Object> toJson(VersionDiff v) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("number", v.version().number());
            m.put("made_at", v.version().madeAt().toString());
            m.put("made_by", v.version().madeBy());
            m.put(
                    "weights",
                    v.weights().stream()
                            .map(w -> {
                                Map<String, Object> c = new LinkedHashMap<>();
                                c.put("category", w.category());
                                c.put("from", w.from());
                                c.put("to", w.to());
                                return c;
                            })
                            .toList());
            m.put("added", v.added());
            m.put("removed", v.removed());
            m.put("other_changes", v.other());
            return m;
        }
    }

    @Command(
            name = "restore",
            description = "Make an old version of a skill's taxonomy the current one again. The restore is itself a"
                    + " new version; nothing is deleted.")
    static final class Restore implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SKILL")
        String skill;

        @Parameters(index = "1", paramLabel = "VERSION")
        int version;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                TaxonomyService.Restored r;
                try {
                    r = ws.taxonomies().restore(skill, version, "taxonomy restore");
                } catch (IllegalArgumentException e) {
                    spec.commandLine().getErr().println("rejected: " + TerminalWriter.oneLine(e.getMessage()));
                    return Cli.REJECTED;
                }
                if (r.added().isPresent()) {
                    out.println("restored version " + version + " of " + skill + " as version "
                            + r.added().getAsInt());
                } else {
                    out.println(skill + " is version " + version + "'s content already; no version added");
                }
                return Cli.OK;
            }
        }
    }
}
