package io.arenainstruct.studio.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.BattleLinks;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.service.arena.BattleService;
import io.arenainstruct.studio.service.arena.InstructionSelector;
import io.arenainstruct.studio.service.arena.PairingStrategy;
import io.arenainstruct.studio.service.arena.battlefiles.BattleFileFormat;
import io.arenainstruct.studio.service.arena.battlefiles.BattleFileImporter;
import io.arenainstruct.studio.service.workspace.Workspace;

@Command(
        name = "battles",
        description = "Make battles from the answers instructions have, import battle files, and list them.",
        subcommands = {BattlesCommand.Create.class, BattlesCommand.ListBattles.class, BattlesCommand.Import.class})
final class BattlesCommand {
    private static final int PAGE = 500;

    @Command(
            name = "create",
            description = {
                "Pair the answers of the selected instructions into battles: every pair of models, each model against"
                        + " a baseline (Arena-Hard), or a target model against each competitor (Arena Learning).",
                "Battles that exist already are not made again. Names the instructions skipped because they have"
                        + " fewer than two answers."
            })
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--strategy",
                required = true,
                paramLabel = "all-pairs|baseline:MODEL|target:MODEL",
                description = "How to pair the models.")
        String strategy;

        @Option(
                names = "--instructions",
                paramLabel = "SEL",
                defaultValue = "all",
                description = "all, run:ID, dataset:NAME or category:NAME (default: ${DEFAULT-VALUE}).")
        String instructions;

        @Option(
                names = "--models",
                paramLabel = "M1,M2,...",
                split = ",",
                description = "Only these models (for all pairs, in this order: A is the one named first).")
        List<String> models = new ArrayList<>();

        @Override
        public Integer call() {
            PairingStrategy pairing;
            try {
                pairing = PairingStrategy.parse(strategy);
                InstructionSelector.parse(instructions);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                List<String> known = ws.battles().models();
                for (String m : models) {
                    if (!known.contains(m)) {
                        throw new Cli.CommandFailure(
                                "there is no model " + m + " (models: " + String.join(", ", known) + ")");
                    }
                }
                if (pairing.model() != null && !known.contains(pairing.model())) {
                    throw new Cli.CommandFailure(
                            "there is no model " + pairing.model() + " (models: " + String.join(", ", known) + ")");
                }
                BattleService.Creation made =
                        ws.battles().create(pairing, InstructionSelector.parse(instructions), models);
                for (BattleService.Skipped s : made.skipped()) {
                    out.println(TerminalWriter.oneLine("skipped instruction " + s.instructionId() + ": " + s.reason()));
                }
                out.println("created " + CliSupport.count(made.created(), "battles")
                        + (made.existing() > 0 ? " (" + made.existing() + " existed already)" : "")
                        + (made.skipped().isEmpty()
                                ? ""
                                : ", skipped " + CliSupport.count(made.skipped().size(), "instructions")));
                return Cli.OK;
            }
        }
    }

    @Command(name = "list", description = "List battles with their verdicts, oldest first.")
    static final class ListBattles implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--status", paramLabel = "unjudged|judged|disputed|adjudicated", description = "Only these.")
        String status;

        @Option(names = "--model", paramLabel = "MODEL", description = "Only battles of this model.")
        String model;

        @Option(names = "--category", paramLabel = "NAME", description = "Only battles in this category.")
        String category;

        @Option(
                names = "--for-regeneration",
                description = "Only battles people judged both bad (X in the Adjudicate tab): to answer again.")
        boolean forRegeneration;

        @Option(names = "--json", description = "A JSON array of objects (written as it is read: fine for big stores).")
        boolean json;

        @Override
        public Integer call() throws Exception {
            BattleStatus only;
            try {
                only = status == null ? null : BattleStatus.of(status);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--status: " + e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                BattleFilter filter = new BattleFilter(only, model, category, null, forRegeneration);
                JsonGenerator g = json
                        ? new ObjectMapper().getFactory().createGenerator(out).useDefaultPrettyPrinter()
                        : null;
                if (g != null) {
                    g.writeStartArray();
                }
                int n = 0;
                long after = 0;
                while (true) {
                    // A page at a time by key: 100,000 battles never sit in memory together.
                    List<Battle> page = ws.battles().page(filter, after, PAGE);
                    if (page.isEmpty()) {
                        break;
                    }
                    List<Long> ids = page.stream().map(Battle::id).toList();
                    Map<Long, List<Verdict>> verdicts = ws.battles().verdicts(ids);
                    Map<Long, BattleLinks> links = ws.battles().links(ids);
                    for (Battle b : page) {
                        List<Verdict> own = verdicts.getOrDefault(b.id(), List.of());
                        BattleLinks link = links.getOrDefault(b.id(), BattleLinks.NONE);
                        if (g != null) {
                            g.writeObject(toJson(b, own, link));
                        } else {
                            out.println(TerminalWriter.oneLine(b.id() + "\t" + b.modelA() + " vs " + b.modelB() + "\t"
                                    + (b.category() == null ? "" : b.category()) + "\t"
                                    + b.status().id()
                                    + (b.inconsistent() ? ", inconsistent" : "") + "\t"
                                    + CliSupport.count(own.size(), "verdicts")
                                    + linkText(link)));
                        }
                        n++;
                    }
                    after = page.get(page.size() - 1).id();
                }
                if (g != null) {
                    g.writeEndArray();
                    g.flush();
                    out.println();
                } else {
                    out.println(CliSupport.count(n, "battles"));
                }
                return Cli.OK;
            }
        }
    }

    @Command(
            name = "import",
            description = {
                "Import verdicts from battle files: Chatbot-Arena rows (model_a, model_b, winner), FastChat pairwise"
                        + " judgments (model_judgment/*_pair.jsonl) and Arena-Hard judgments"
                        + " (model_judgment/JUDGE/MODEL.jsonl); the format is told by the fields.",
                "Each row is a verdict; rows on the same question, two models and turn meet on one battle. Importing"
                        + " a file again adds nothing. Bad rows are rejected by line (exit 3), the rest imported."
            })
    static final class Import implements Callable<Integer> {
        private static final int NAMED_UNKNOWN = 20;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "JSONL battle files.")
        List<Path> files = new ArrayList<>();

        @Option(
                names = "--as",
                paramLabel = "human|judge",
                description = "Who gave the votes of Chatbot-Arena rows (default: human). FastChat and Arena-Hard"
                        + " files are judges' by nature.")
        String as;

        @Override
        public Integer call() {
            VerdictSource source;
            if (as == null || as.equalsIgnoreCase("human")) {
                source = VerdictSource.HUMAN;
            } else if (as.equalsIgnoreCase("judge")) {
                source = VerdictSource.JUDGE;
            } else {
                throw new CommandLine.ParameterException(spec.commandLine(), "--as: human or judge, not " + as);
            }
            for (Path f : files) {
                if (!Files.isRegularFile(f)) {
                    throw new Cli.CommandFailure("there is no file " + f);
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                BattleFileImporter importer = ws.battleFiles();
                for (Path f : files) {
                    Optional<BattleFileFormat> format = importer.detect(f);
                    if (format.isEmpty()) {
                        throw new Cli.CommandFailure(
                                f + " is not a battle file; supported: " + BattleFileFormat.SUPPORTED);
                    }
                    if (format.get().judgeFile() && as != null && source == VerdictSource.HUMAN) {
                        throw new CommandLine.ParameterException(
                                spec.commandLine(),
                                "--as human: " + f + " is a " + format.get().id()
                                        + " file, a judge's verdicts (--as applies to Chatbot-Arena rows)");
                    }
                }
                BattleFileImporter.Report report = importer.importFiles(files, source);
                for (BattleFileImporter.Rejection r : report.rejected()) {
                    out.println(TerminalWriter.oneLine("rejected " + r.file() + ":" + r.line() + ": " + r.reason()));
                }
                if (!report.newModels().isEmpty()) {
                    out.println(TerminalWriter.oneLine("new models: " + String.join(", ", report.newModels())));
                }
                List<String> unknown = report.unknownQuestions();
                if (!unknown.isEmpty()) {
                    out.println(TerminalWriter.oneLine(CliSupport.count(unknown.size(), "unknown questions")
                            + " (verdicts kept on battles without an instruction): "
                            + String.join(", ", unknown.subList(0, Math.min(NAMED_UNKNOWN, unknown.size())))
                            + (unknown.size() > NAMED_UNKNOWN ? ", ..." : "")));
                }
                out.println("imported " + CliSupport.count(report.verdicts(), "verdicts") + " on "
                        + CliSupport.count(report.battles(), "battles") + " (" + report.newBattles()
                        + " new), rejected "
                        + report.rejected().size());
                return report.rejected().isEmpty() ? Cli.OK : Cli.REJECTED;
            }
        }
    }

    /** The regeneration links as a list line ends: "\tredoes 1", "\tregenerated as 7, 8"; empty when none. */
    private static String linkText(BattleLinks link) {
        String s = link.regenerates() == null ? "" : "\tredoes " + link.regenerates();
        if (!link.regeneratedAs().isEmpty()) {
            s += "\tregenerated as "
                    + String.join(
                            ", ",
                            link.regeneratedAs().stream().map(String::valueOf).toList());
        }
        return s;
    }

    /**
     * A battle as {@code battles list --json} writes it; fields are never renamed (DESIGN §5). {@code regenerates}:
     * the both-bad battle it redoes (null: none); {@code regenerated_as}: the battles that redo it (decision 0019).
     */
    static Map<String, Object> toJson(Battle b, List<Verdict> verdicts, BattleLinks link) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.id());
        m.put("instruction", b.instructionId());
        m.put("model_a", b.modelA());
        m.put("model_b", b.modelB());
        m.put("response_a", b.responseA());
        m.put("response_b", b.responseB());
        m.put("turn", b.turn());
        m.put("category", b.category());
        m.put("strategy", b.strategy());
        m.put("status", b.status().id());
        m.put("inconsistent", b.inconsistent());
        m.put("regenerates", link.regenerates());
        m.put("regenerated_as", link.regeneratedAs());
        List<Map<String, Object>> vs = new ArrayList<>();
        for (Verdict v : verdicts) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("source", v.source().id());
            j.put("voter", v.voter());
            j.put("game", v.game());
            j.put("swapped", v.swapped());
            j.put("outcome", v.outcome().id());
            j.put("label", v.label() == null ? null : v.label().text());
            j.put("score_a", v.scoreA());
            j.put("score_b", v.scoreB());
            j.put("imported", v.imported());
            vs.add(j);
        }
        m.put("verdicts", vs);
        return m;
    }
}
