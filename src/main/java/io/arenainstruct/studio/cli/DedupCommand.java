package io.arenainstruct.studio.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import io.arenainstruct.studio.domain.curation.KeepDecision;
import io.arenainstruct.studio.service.curation.Cluster;
import io.arenainstruct.studio.service.curation.Contamination;
import io.arenainstruct.studio.service.curation.CurationInputException;
import io.arenainstruct.studio.service.curation.CurationItem;
import io.arenainstruct.studio.service.curation.CurationOptions;
import io.arenainstruct.studio.service.curation.CurationReport;
import io.arenainstruct.studio.service.curation.Dropped;
import io.arenainstruct.studio.service.curation.KeepDecisions;
import io.arenainstruct.studio.service.curation.KeptBack;
import io.arenainstruct.studio.service.curation.ReferenceFiles;
import io.arenainstruct.studio.service.curation.ReferenceSet;
import io.arenainstruct.studio.service.run.InstructionService;
import io.arenainstruct.studio.service.workspace.Workspace;

@Command(
        name = "dedup",
        description = {
            "Finds exact and near duplicates among the run instructions' final texts and the arena's prompts, with"
                    + " --semantic items alike in meaning, and items that contain a reference prompt (the stored"
                    + " sets, see: references, and --against). Reads only: nothing in the store changes.",
            "Of a cluster the lowest id is kept: run instructions come before arena prompts. An item a curator kept"
                    + " (dedup keep) is never dropped."
        },
        subcommands = {DedupCommand.Keep.class, DedupCommand.Release.class})
final class DedupCommand implements Callable<Integer> {
    /** Texts are shown cut to about this many characters, on one line. */
    static final int SNIPPET = 80;

    // snake_case, as the other commands' JSON; the report's records are written as they are
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Option(
            names = "--near",
            paramLabel = "T",
            description = "Word-shingle Jaccard, 0 to 1, at or above which two items are near duplicates"
                    + " (default: ${DEFAULT-VALUE}).")
    double near = CurationOptions.DEFAULT_NEAR_THRESHOLD;

    @Option(names = "--no-near", description = "Look for exact duplicates only.")
    boolean noNear;

    @Option(
            names = "--semantic",
            paramLabel = "T",
            description = "Also look for items alike in meaning: cosine, 0 to 1, of their sentence embeddings"
                    + " (all-MiniLM-L6-v2, run in process) at or above which two items are semantic duplicates;"
                    + " 0.9 drops only what says the same thing.")
    Double semantic;

    @Option(
            names = "--ngram",
            paramLabel = "N",
            description = "Words in a row shared with a reference prompt that make an item contaminated"
                    + " (default: ${DEFAULT-VALUE}).")
    int ngram = CurationOptions.DEFAULT_NGRAM;

    @Option(
            names = "--reference-threshold",
            paramLabel = "T",
            description = "Word-shingle Jaccard, 0 to 1, with a reference prompt at or above which an item is"
                    + " contaminated (default: ${DEFAULT-VALUE}).")
    double referenceThreshold = CurationOptions.DEFAULT_REFERENCE_THRESHOLD;

    @Option(
            names = "--against",
            paramLabel = "FILE",
            arity = "1..*",
            description = "Reference prompt sets to decontaminate against in this pass, besides the stored ones: "
                    + ReferenceFiles.FORMATS + ".")
    List<Path> against = new ArrayList<>();

    @Option(names = "--json", description = "Print the report as a JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        CurationOptions options;
        try {
            options = new CurationOptions(
                    !noNear,
                    near,
                    ngram,
                    referenceThreshold,
                    semantic != null,
                    semantic == null ? CurationOptions.DEFAULT_SEMANTIC_THRESHOLD : semantic);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ReferenceSet> references = new ArrayList<>();
        for (Path file : against) {
            try {
                references.add(ReferenceFiles.read(file));
            } catch (ReferenceFiles.ReferenceFileException e) {
                err.println("rejected: " + TerminalWriter.oneLine(e.getMessage()));
                err.flush();
                return Cli.REJECTED;
            }
        }
        try (Workspace ws = CliSupport.openWorkspace(spec)) {
            CurationReport report = ws.curation().curate(references, options);
            if (json) {
                ObjectNode node = JSON.createObjectNode();
                node.put("summary", report.summary());
                node.setAll((ObjectNode) JSON.valueToTree(report));
                out.println(JSON.writeValueAsString(node));
            } else if (report.checked() == 0) {
                out.println("Nothing to check: the store has no instruction texts or arena prompts.");
            } else {
                print(out, report);
            }
            return Cli.OK;
        }
    }

    private static void print(PrintWriter out, CurationReport report) {
        out.println(report.summary());
        for (Cluster c : report.clusters()) {
            out.println();
            out.println(String.format(
                    Locale.ROOT,
                    "%s cluster of %d, kept %s",
                    c.kind().name().toLowerCase(Locale.ROOT),
                    c.size(),
                    item(c.kept())));
            for (Dropped d : c.dropped()) {
                out.println("  dropped " + item(d.item()));
                out.println("    " + TerminalWriter.oneLine(d.reason()));
            }
            keptBack(out, c.keptBack());
        }
        if (!report.contaminated().isEmpty()) {
            out.println();
            out.println("Contaminated:");
            for (Contamination c : report.contaminated()) {
                out.println("  " + item(c.item()));
                // the reason names the set, the prompt and the shared words
                out.println("    " + TerminalWriter.oneLine(c.reason()));
            }
        }
        if (!report.keptContaminated().isEmpty()) {
            out.println();
            out.println("Contaminated, kept back:");
            keptBack(out, report.keptContaminated());
        }
    }

    private static void keptBack(PrintWriter out, List<KeptBack> kept) {
        for (KeptBack k : kept) {
            out.println("  kept back " + item(k.item()));
            out.println("    " + TerminalWriter.oneLine(k.reason() + ", instead of: " + k.overruled()));
        }
    }

    private static String item(CurationItem i) {
        return i.label() + ": " + snippet(i.text());
    }

    /** The text on one line (whitespace runs as one space), cut to about {@link #SNIPPET} characters. */
    static String snippet(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.codePointCount(0, flat.length()) <= SNIPPET) {
            return flat;
        }
        return flat.substring(0, flat.offsetByCodePoints(0, SNIPPET - 1)) + "…";
    }

    /** What keep and release do to one item: the line they print. */
    @FunctionalInterface
    private interface Decision {
        String apply(KeepDecisions keeps, long item) throws CurationInputException;
    }

    /** Applies a decision to each item; an unknown item is rejected, the others are done. */
    private static int decide(CommandSpec spec, List<Long> items, Decision decision) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int rejected = 0;
        try (Workspace ws = CliSupport.openWorkspace(spec)) {
            for (long item : items) {
                try {
                    out.println(TerminalWriter.oneLine(decision.apply(ws.keepDecisions(), item)));
                } catch (CurationInputException e) {
                    err.println("rejected: " + TerminalWriter.oneLine(e.getMessage()));
                    rejected++;
                }
            }
        }
        err.flush();
        return rejected > 0 ? Cli.REJECTED : Cli.OK;
    }

    @Command(
            name = "keep",
            description = {
                "Keep items a dedup would drop (a duplicate or a contaminated item): the decision names the item's"
                        + " text, so it holds for every item with that text, and lapses when the text is edited.",
                "Exit 3 when an item was rejected (the others were kept)."
            })
    static final class Keep implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ITEM", arity = "1..*", description = "Item ids as dedup --json prints them.")
        List<Long> items;

        @Option(
                names = "--annotator",
                paramLabel = "NAME",
                description = "Who keeps them (default: the operating-system user).")
        String annotator = InstructionService.currentUser();

        @Override
        public Integer call() {
            return decide(spec, items, (keeps, item) -> {
                KeepDecision d = keeps.keep(item, annotator);
                return "kept " + d.itemLabel() + " (by " + d.annotator() + ")";
            });
        }
    }

    @Command(
            name = "release",
            description = {
                "Withdraw the keep decisions on items: the next dedup may drop them again.",
                "Exit 3 when an item was rejected (the others were released)."
            })
    static final class Release implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ITEM", arity = "1..*", description = "Item ids as dedup --json prints them.")
        List<Long> items;

        @Override
        public Integer call() {
            return decide(spec, items, (keeps, item) -> {
                KeepDecision d = keeps.release(item);
                return "released " + d.itemLabel() + " (kept by " + d.annotator() + ")";
            });
        }
    }
}
