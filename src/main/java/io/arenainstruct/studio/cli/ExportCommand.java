package io.arenainstruct.studio.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.arenainstruct.studio.service.curation.CurationOptions;
import io.arenainstruct.studio.service.curation.ReferenceFiles;
import io.arenainstruct.studio.service.curation.ReferenceSet;
import io.arenainstruct.studio.service.export.CardFacts;
import io.arenainstruct.studio.service.export.DatasetFolder;
import io.arenainstruct.studio.service.export.ExportCommandLine;
import io.arenainstruct.studio.service.export.ExportFormat;
import io.arenainstruct.studio.service.export.ExportPlan;
import io.arenainstruct.studio.service.export.ExportSelect;
import io.arenainstruct.studio.service.export.ExportService;
import io.arenainstruct.studio.service.export.JsonlWriter;
import io.arenainstruct.studio.service.export.SelectionRules;
import io.arenainstruct.studio.service.export.VerdictUse;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.workspace.Workspace;

@Command(
        name = "export",
        description = {
            "Writes a curated dataset as JSONL a trainer takes as it is: run instructions (AgentInstruct), battle"
                    + " winners (SFT), preference pairs (DPO) or answers labelled good or bad (KTO), by the rules"
                    + " below. Rows come in a fixed order: the same command on the same store writes the same bytes.",
            "The file appears whole or not at all; an existing one is replaced only with --force. With --card, or"
                    + " when --out is a folder, the folder gets data/train.jsonl and a README.md dataset card the"
                    + " Hugging Face Hub reads as it is."
        })
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--format",
            required = true,
            paramLabel = "F",
            description = "openai, sharegpt, alpaca, dpo," + " dpo-chat or kto.")
    String format;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "PATH",
            description = "The file to write; a dataset folder with --card, or when PATH is a folder or ends with /.")
    Path out;

    @Option(
            names = "--select",
            paramLabel = "S",
            description = "instructions, sft, dpo or kto (default: instructions"
                    + " for openai, sharegpt and alpaca; dpo for dpo and dpo-chat; kto for kto).")
    String select;

    @Option(
            names = "--target",
            paramLabel = "MODEL",
            description = "Only the battles this model lost; the winner's" + " answer is the target (Arena Learning).")
    String target;

    @Option(
            names = "--min-gap",
            paramLabel = "K",
            description = "A score judge's verdict must separate the answers by" + " at least K points (1-10 scale).")
    Double minGap;

    @Option(names = "--strong-only", description = "A graded judge's verdict must be strong (A>>B or B>>A).")
    boolean strongOnly;

    @Option(names = "--human-only", description = "Only battles people decided.")
    boolean humanOnly;

    @Option(names = "--judge-only", description = "The judges decide; people's votes are not used.")
    boolean judgeOnly;

    @Option(
            names = "--allow-inconsistent",
            description = "Keep judge verdicts whose two games contradict each other" + " (left out by default).")
    boolean allowInconsistent;

    @Option(names = "--ties", description = "kto: a tie labels both answers good.")
    boolean ties;

    @Option(names = "--both-bad", description = "kto: both-bad labels both answers bad.")
    boolean bothBad;

    @Option(names = "--best-pair", description = "dpo: one pair per prompt, the surest.")
    boolean bestPair;

    @Option(names = "--accepted-only", description = "instructions: only those the curator accepted.")
    boolean acceptedOnly;

    @Option(names = "--min-chars", paramLabel = "N", description = "Every answer has at least N characters.")
    Integer minChars;

    @Option(names = "--max-chars", paramLabel = "N", description = "Every answer has at most N characters.")
    Integer maxChars;

    @Option(names = "--run", paramLabel = "ID", description = "Only this run's instructions (and battles on them).")
    Long run;

    @Option(names = "--dataset", paramLabel = "NAME", description = "Only battles on this dataset's instructions.")
    String dataset;

    @Option(names = "--skill", paramLabel = "SKILL", description = "Only this skill.")
    String skill;

    @Option(names = "--category", paramLabel = "NAME", description = "Only this category.")
    String category;

    @Option(
            names = "--iteration",
            paramLabel = "N",
            description = "Only battles (or run instructions) made in iteration N of the loop (see: loop status).")
    Integer iteration;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "At most N rows, shared among categories by their taxonomy weights.")
    Integer limit;

    @Option(
            names = "--no-dedup",
            description = "Keep duplicate prompts (by default exact and near duplicates are"
                    + " dropped, the lowest id kept).")
    boolean noDedup;

    @Option(
            names = "--near",
            paramLabel = "T",
            description = "Word-shingle Jaccard, 0 to 1, at or above which two"
                    + " prompts are near duplicates (default: ${DEFAULT-VALUE}).")
    double near = CurationOptions.DEFAULT_NEAR_THRESHOLD;

    @Option(names = "--no-near", description = "Drop exact duplicates only.")
    boolean noNear;

    @Option(
            names = "--semantic",
            paramLabel = "T",
            description = "Also drop prompts alike in meaning: cosine of sentence embeddings (all-MiniLM-L6-v2, in"
                    + " this process) at or above T, 0 to 1 (off unless given).")
    Double semantic;

    @Option(
            names = "--against",
            paramLabel = "FILE",
            arity = "1..*",
            description = "Reference prompt sets (benchmark" + " questions) to drop contaminated prompts against: "
                    + ReferenceFiles.FORMATS + ".")
    List<Path> against = new ArrayList<>();

    @Option(
            names = "--metadata",
            description = "Each row carries a metadata object: seed, skill, category, run, dataset, agents and prompt"
                    + " versions, models, ledger calls, judge games, jury and people's verdicts.")
    boolean metadata;

    @Option(names = "--card", description = "Write a dataset folder: data/train.jsonl and a README.md card.")
    boolean card;

    @Option(
            names = "--license",
            paramLabel = "ID",
            description = "The card's license, a Hugging Face Hub license id"
                    + " such as apache-2.0 or cc-by-4.0 (default: none given).")
    String license;

    @Option(
            names = "--language",
            paramLabel = "CODE",
            description = "The card's language code (default:" + " ${DEFAULT-VALUE}).")
    String language = "en";

    @Option(names = "--force", description = "Replace an existing file (or a folder's data and card).")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExportFormat f;
        SelectionRules rules;
        ExportService.Curation curation;
        try {
            f = ExportFormat.of(format);
            ExportSelect s = select == null ? ExportSelect.defaultFor(f) : ExportSelect.of(select);
            // the card is made after the rows are streamed: a bad license must not waste (or half-make) an export
            CardFacts.license(license);
            CardFacts.language(language);
            if (humanOnly && judgeOnly) {
                throw new IllegalArgumentException("--human-only and --judge-only contradict each other.");
            }
            rules = SelectionRules.of(s)
                    .withTarget(target)
                    .withVerdicts(
                            humanOnly
                                    ? VerdictUse.HUMAN_ONLY
                                    : judgeOnly ? VerdictUse.JUDGE_ONLY : VerdictUse.HUMAN_OVER_JUDGE)
                    .withMinGap(minGap)
                    .withStrongOnly(strongOnly)
                    .withConsistentOnly(!allowInconsistent)
                    .withTies(ties)
                    .withBothBad(bothBad)
                    .withBestPairOnly(bestPair)
                    .withAcceptedOnly(acceptedOnly)
                    .withLength(minChars, maxChars)
                    .withScope(run, dataset, skill, category)
                    .withLimit(limit)
                    .withIteration(iteration);
            curation = noDedup
                    ? null
                    : new ExportService.Curation(
                            semantic == null
                                    ? CurationOptions.defaults()
                                            .withNear(!noNear)
                                            .withNearThreshold(near)
                                    : CurationOptions.defaults()
                                            .withNear(!noNear)
                                            .withNearThreshold(near)
                                            .withSemantic(true)
                                            .withSemanticThreshold(semantic),
                            references());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        } catch (ReferenceFiles.ReferenceFileException e) {
            err.println("rejected: " + TerminalWriter.oneLine(e.getMessage()));
            return Cli.REJECTED;
        }
        boolean folder = card || Files.isDirectory(out) || namesFolder();
        if (folder && Files.exists(out) && !Files.isDirectory(out)) {
            err.println("error: cannot write a dataset folder at " + out + ": it is a file. Nothing was written; the"
                    + " store is unchanged.");
            return Cli.FAILED;
        }
        try (Workspace ws = CliSupport.openWorkspace(spec)) {
            ExportPlan plan;
            try {
                plan = ws.exports().plan(rules, f, curation, Cancellation.NEVER);
            } catch (IllegalArgumentException e) {
                err.println("rejected: " + e.getMessage());
                return Cli.REJECTED;
            }
            String nothing = plan.counts().nothingSelected();
            if (nothing != null) {
                err.println(nothing + " Nothing was written.");
                return Cli.REJECTED;
            }
            stdout.println(plan.counts().summary());
            if (plan.curation() != null) {
                stdout.println("Dedup: " + plan.curation().summary());
            }
            try {
                if (folder) {
                    DatasetFolder.Written w = ws.exports()
                            .writeFolder(
                                    plan,
                                    out,
                                    metadata,
                                    force,
                                    new ExportService.CardRequest(license, language, command()),
                                    Cancellation.NEVER);
                    stdout.printf(
                            Locale.ROOT,
                            "Wrote %,d %s to %s and the dataset card %s%n",
                            w.rows(),
                            w.rows() == 1 ? "row" : "rows",
                            w.data(),
                            w.readme());
                } else {
                    long n = ws.exports().write(plan, out, metadata, force, Cancellation.NEVER);
                    stdout.printf(
                            Locale.ROOT, "Wrote %,d %s to %s%n", n, n == 1 ? "row" : "rows", out.toAbsolutePath());
                }
            } catch (FileAlreadyExistsException e) {
                Path met = Path.of(e.getFile()).toAbsolutePath();
                if (!met.startsWith(out.toAbsolutePath())) {
                    // creating a folder on the way met a file of that name
                    err.println("error: cannot write " + out + ": " + e.getFile() + " is a file, not a folder."
                            + " Nothing was written; the store is unchanged.");
                    return Cli.FAILED;
                }
                err.println("rejected: " + e.getFile() + " exists; add --force to replace it. Nothing was written.");
                return Cli.REJECTED;
            } catch (JsonlWriter.BadRow e) {
                err.println("rejected: " + TerminalWriter.oneLine(e.getMessage()) + ". Nothing was written.");
                return Cli.REJECTED;
            } catch (AccessDeniedException | NoSuchFileException e) {
                err.println("error: cannot write " + e.getFile() + " ("
                        + (e instanceof AccessDeniedException ? "permission denied" : "no such folder")
                        + "). Nothing was written; the store is unchanged.");
                return Cli.FAILED;
            } catch (IOException e) {
                err.println(
                        "error: writing " + out + " failed: " + TerminalWriter.oneLine(String.valueOf(e.getMessage()))
                                + ". Nothing was written under that name; the store is unchanged.");
                return Cli.FAILED;
            }
            return Cli.OK;
        }
    }

    /** Whether --out was written ending with a separator ("new/"): a folder, though the path drops the slash. */
    private boolean namesFolder() {
        List<String> given = spec.findOption("--out").originalStringValues();
        String raw = given.isEmpty() ? "" : given.get(given.size() - 1);
        return raw.endsWith("/") || raw.endsWith(File.separator);
    }

    private List<ReferenceSet> references() throws ReferenceFiles.ReferenceFileException {
        List<ReferenceSet> sets = new ArrayList<>();
        for (Path file : against) {
            sets.add(ReferenceFiles.read(file));
        }
        return sets;
    }

    /** The command line as given, each word quoted for a POSIX shell where it needs to be. */
    private String command() {
        List<String> words = new ArrayList<>();
        words.add(spec.root().name());
        words.addAll(spec.root().commandLine().getParseResult().originalArgs());
        return ExportCommandLine.line(words);
    }
}
