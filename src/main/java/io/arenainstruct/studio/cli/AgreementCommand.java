package io.arenainstruct.studio.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.arenainstruct.studio.service.agreement.Agreement;
import io.arenainstruct.studio.service.agreement.AgreementReport;
import io.arenainstruct.studio.service.agreement.AnnotatorAgreement;
import io.arenainstruct.studio.service.agreement.JudgeAgreement;
import io.arenainstruct.studio.service.workspace.Workspace;

@Command(
        name = "agreement",
        description = {
            "How far each judge agrees with the battles' human majority verdict, and annotators with each other"
                    + " (verdicts compared as A, B or tie; both-bad counts as a tie).",
            "Battles whose annotators split are left out of the judges' figures. A figure that cannot be computed"
                    + " is null in JSON and '-' in the table."
        })
final class AgreementCommand implements Callable<Integer> {
    private static final String NONE = "-";

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print a JSON object.")
    boolean json;

    @Option(
            names = "--category",
            paramLabel = "C",
            description = "Only the battles of this taxonomy category (default: all, with a per-category breakdown).")
    String category;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace ws = CliSupport.openWorkspace(spec)) {
            Agreement agreement = ws.agreement().compute(category);
            if (json) {
                Map<String, Object> m = toJson(agreement.overall());
                m.put("category", category);
                if (category == null) {
                    Map<String, Object> byCategory = new LinkedHashMap<>();
                    agreement.byCategory().forEach((name, report) -> byCategory.put(name, toJson(report)));
                    m.put("categories", byCategory);
                }
                CliSupport.printJson(out, m);
            } else {
                print(out, category == null ? "all battles" : "category " + category, agreement.overall());
                if (category == null) {
                    agreement.byCategory().forEach((name, report) -> {
                        out.println();
                        print(out, "category " + name, report);
                    });
                }
            }
            return Cli.OK;
        }
    }

    private static Map<String, Object> toJson(AgreementReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("judges", r.judges().stream().map(AgreementCommand::toJson).toList());
        m.put(
                "annotators",
                r.annotators().stream().map(AgreementCommand::toJson).toList());
        m.put("krippendorff_alpha", r.krippendorffAlpha());
        m.put("battles_with_human_verdict", r.humanBattles());
        m.put("battles_left_out_split", r.splitBattles());
        m.put("alpha_battles", r.alphaUnits());
        return m;
    }

    private static Map<String, Object> toJson(JudgeAgreement j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("judge", j.judge());
        m.put("prompt_version", j.promptVersion());
        m.put("battles", j.battles());
        m.put("agreement", j.agreement());
        m.put("agreement_without_ties", j.agreementWithoutTies());
        m.put("kappa", j.kappa());
        m.put("game_agreement", j.gameAgreement());
        m.put("position_consistency", j.positionConsistency());
        m.put("first_position_wins", j.firstPositionWins());
        m.put("longer_wins", j.longerWins());
        m.put("agent", j.agent());
        m.put("source", j.source().id());
        return m;
    }

    private static Map<String, Object> toJson(AnnotatorAgreement a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", a.a());
        m.put("b", a.b());
        m.put("battles", a.battles());
        m.put("agreement", a.agreement());
        m.put("kappa", a.kappa());
        return m;
    }

    private static void print(PrintWriter out, String scope, AgreementReport r) {
        out.println(TerminalWriter.oneLine(String.format(
                Locale.ROOT,
                "Agreement, %s: %s with a human majority verdict, %s where annotators split (left out of the"
                        + " judges' figures)",
                scope,
                CliSupport.count(r.humanBattles(), "battles"),
                CliSupport.count(r.splitBattles(), "battles"))));
        if (r.judges().isEmpty()) {
            out.println("No judge verdicts on battles people voted on.");
        } else {
            out.println(String.format(
                    Locale.ROOT,
                    "%-36s %7s %8s %6s %8s %6s %6s %8s %6s %6s",
                    "judge",
                    "prompt",
                    "battles",
                    "agree",
                    "no-ties",
                    "kappa",
                    "games",
                    "position",
                    "first",
                    "longer"));
            for (JudgeAgreement j : r.judges()) {
                String name = j.agent() == null ? j.judge() : j.judge() + " (" + j.agent() + ")";
                out.println(TerminalWriter.oneLine(String.format(
                        Locale.ROOT,
                        "%-36s %7s %8d %6s %8s %6s %6s %8s %6s %6s",
                        name,
                        j.promptVersion() == null ? NONE : j.promptVersion().toString(),
                        j.battles(),
                        figure(j.agreement()),
                        figure(j.agreementWithoutTies()),
                        figure(j.kappa()),
                        figure(j.gameAgreement()),
                        figure(j.positionConsistency()),
                        figure(j.firstPositionWins()),
                        figure(j.longerWins()))));
            }
        }
        List<AnnotatorAgreement> pairs = r.annotators();
        if (pairs.isEmpty()) {
            out.println("No two annotators voted on the same battle.");
        } else {
            out.println(String.format(
                    Locale.ROOT, "%-24s %-24s %8s %6s %6s", "annotator", "annotator", "battles", "agree", "kappa"));
            for (AnnotatorAgreement a : pairs) {
                out.println(TerminalWriter.oneLine(String.format(
                        Locale.ROOT,
                        "%-24s %-24s %8d %6s %6s",
                        a.a(),
                        a.b(),
                        a.battles(),
                        figure(a.agreement()),
                        figure(a.kappa()))));
            }
        }
        out.println(TerminalWriter.oneLine(String.format(
                Locale.ROOT,
                "Krippendorff's alpha (nominal, over %s with two or more annotators): %s",
                CliSupport.count(r.alphaUnits(), "battles"),
                figure(r.krippendorffAlpha()))));
    }

    private static String figure(Double value) {
        return value == null ? NONE : String.format(Locale.ROOT, "%.3f", value);
    }
}
