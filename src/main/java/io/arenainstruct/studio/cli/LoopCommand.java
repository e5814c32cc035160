package io.arenainstruct.studio.cli;

import java.io.PrintWriter;
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

import io.arenainstruct.studio.domain.loop.Acceptance;
import io.arenainstruct.studio.domain.loop.LoopReport;
import io.arenainstruct.studio.domain.loop.LoopRules;
import io.arenainstruct.studio.domain.loop.Proposal;
import io.arenainstruct.studio.service.run.InstructionService;
import io.arenainstruct.studio.service.workspace.Workspace;

@Command(
        name = "loop",
        description = "The ArenaInstruct loop: numbered iterations, the target model's progress in each, and"
                + " proposals from its battles for the taxonomy weights and the refinement.",
        subcommands = {
            LoopStatusCommand.class,
            LoopStartCommand.class,
            LoopCommand.Propose.class,
            LoopCommand.Accept.class,
            LoopRegenerateCommand.class,
            LoopNextCommand.class,
            LoopUndoCommand.class
        })
final class LoopCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "say what to do: status, start, propose, accept, undo, regenerate or next");
    }

    @Command(
            name = "propose",
            description = {
                "Proposes changes from the target model's battles, per skill and category of the run instruction"
                        + " each battle's prompt stands for (people's verdicts over the judges'). Nothing is changed.",
                "Weights: weight × (1 + alpha · (loss rate − mean loss rate)), the mean over the skill's categories"
                        + " with at least --min-battles decided battles; at most ×2 or ÷2 in one step, two decimals."
                        + " Fewer battles: the category does not move.",
                "Rounds and prompts: ties in 60%% or more of a category's battles (or every battle a strong win):"
                        + " one more refinement round; both-bad in 50%% or more: one round fewer and a review of the"
                        + " category's generator prompt.",
                "Goals: an easy category also gets a harder goal for the skill's suggester (kind goal)."
            })
    static final class Propose implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--target", required = true, paramLabel = "MODEL", description = "The model being trained.")
        String target;

        @Option(
                names = "--alpha",
                paramLabel = "A",
                description = "How far a weight follows the loss rate, above 0 (default: ${DEFAULT-VALUE}).")
        double alpha = LoopRules.DEFAULT_ALPHA;

        @Option(
                names = "--min-battles",
                paramLabel = "N",
                description = "Decided battles a category needs before it moves (default: ${DEFAULT-VALUE}).")
        int minBattles = LoopRules.DEFAULT_MIN_BATTLES;

        @Option(
                names = "--json",
                description = "Print a JSON array of {id, kind, skill, category, from, to, reason, evidence}.")
        boolean json;

        @Override
        public Integer call() {
            LoopRules rules;
            try {
                rules = LoopRules.defaults().withAlpha(alpha).withMinBattles(minBattles);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                LoopReport report;
                try {
                    report = ws.loop().propose(target, rules);
                } catch (IllegalArgumentException e) {
                    err.println("rejected: " + TerminalWriter.oneLine(e.getMessage()));
                    return Cli.REJECTED;
                }
                if (json) {
                    CliSupport.printJson(
                            out,
                            report.proposals().stream().map(LoopCommand::toJson).toList());
                    // beside the JSON, so standard output stays the array scripts read
                    String nothing = report.nothingProposed();
                    if (nothing != null) {
                        err.println("note: " + TerminalWriter.oneLine(nothing));
                    }
                    report.notes().forEach(n -> err.println("note: " + TerminalWriter.oneLine(n)));
                } else {
                    print(out, report);
                }
                return Cli.OK;
            }
        }
    }

    @Command(
            name = "accept",
            description = {
                "Accepts proposals of loop propose (recomputed now, with the same rules): the ones named, or all when"
                        + " none is named. Accepted weights are set in the skill's taxonomy, accepted rounds become"
                        + " the skill's refinement rounds, accepted prompt reviews are recorded for a person to do,"
                        + " accepted goals are added to the skill's suggester prompt as a new version. loop undo"
                        + " takes an acceptance back.",
                "Every proposal is recorded in the newest iteration, accepted or not; deciding again in the same"
                        + " iteration replaces the record."
            })
    static final class Accept implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--target", required = true, paramLabel = "MODEL", description = "The model being trained.")
        String target;

        @Option(names = "--alpha", paramLabel = "A", description = "As for loop propose (default: ${DEFAULT-VALUE}).")
        double alpha = LoopRules.DEFAULT_ALPHA;

        @Option(
                names = "--min-battles",
                paramLabel = "N",
                description = "As for loop propose (default: ${DEFAULT-VALUE}).")
        int minBattles = LoopRules.DEFAULT_MIN_BATTLES;

        @Parameters(paramLabel = "ID", arity = "0..*", description = "Proposal ids as loop propose --json shows them.")
        List<String> ids = new ArrayList<>();

        @Override
        public Integer call() {
            LoopRules rules;
            try {
                rules = LoopRules.defaults().withAlpha(alpha).withMinBattles(minBattles);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                Acceptance a;
                try {
                    a = ws.loop().accept(target, rules, ids, InstructionService.currentUser());
                } catch (IllegalArgumentException e) {
                    err.println("rejected: " + TerminalWriter.oneLine(e.getMessage()));
                    return Cli.REJECTED;
                }
                String nothing = a.report().nothingProposed();
                if (nothing != null) {
                    out.println(TerminalWriter.oneLine(nothing.replace("Nothing to propose", "Nothing to accept")));
                    return Cli.OK;
                }
                a.applied().forEach(line -> out.println(TerminalWriter.oneLine(line)));
                int passed = a.report().proposals().size() - a.accepted().size();
                out.println(CliSupport.count(a.accepted().size(), "proposals") + " accepted, " + passed
                        + " not, recorded in iteration " + a.iteration() + ".");
                return Cli.OK;
            }
        }
    }

    static Map<String, Object> toJson(Proposal p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("kind", p.kind().id());
        m.put("skill", p.skill());
        m.put("category", p.category());
        m.put("from", p.from());
        m.put("to", p.to());
        m.put("reason", p.reason());
        m.put("evidence", p.evidence());
        return m;
    }

    private static void print(PrintWriter out, LoopReport report) {
        String nothing = report.nothingProposed();
        if (nothing != null) {
            out.println(TerminalWriter.oneLine(nothing));
        } else {
            List<String[]> rows = report.proposals().stream()
                    .map(p ->
                            new String[] {p.kind().id(), p.skill(), p.category(), p.from() + " → " + p.to(), p.reason()
                            })
                    .toList();
            String[] head = {"KIND", "SKILL", "CATEGORY", "FROM → TO", "REASON"};
            int[] widths = new int[head.length - 1];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = head[i].length();
                for (String[] r : rows) {
                    widths[i] = Math.max(widths[i], r[i].length());
                }
            }
            out.println(TerminalWriter.oneLine(line(head, widths)));
            rows.forEach(r -> out.println(TerminalWriter.oneLine(line(r, widths))));
            out.println(CliSupport.count(report.proposals().size(), "proposals"));
        }
        report.notes().forEach(n -> out.println("note: " + TerminalWriter.oneLine(n)));
    }

    /** The columns padded to their widths, the last (the reason) as it is. */
    private static String line(String[] cells, int[] widths) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            s.append(cells[i]).append(" ".repeat(widths[i] - cells[i].length() + 2));
        }
        return s.append(cells[cells.length - 1]).toString();
    }
}
