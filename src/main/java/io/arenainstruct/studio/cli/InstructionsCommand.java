package io.arenainstruct.studio.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.arenainstruct.studio.domain.provenance.Failure;
import io.arenainstruct.studio.domain.run.FinalText;
import io.arenainstruct.studio.domain.run.HumanEdit;
import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.domain.run.Round;
import io.arenainstruct.studio.domain.run.RunSummary;
import io.arenainstruct.studio.domain.run.Stage;
import io.arenainstruct.studio.service.run.InstructionService;
import io.arenainstruct.studio.service.workspace.Workspace;

@Command(
        name = "instructions",
        description = "Generated instructions.",
        subcommands = InstructionsCommand.ListInstructions.class)
final class InstructionsCommand implements Runnable {
    private static final int CHUNK = 500;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: list");
    }

    @Command(name = "list", description = "Instructions with their rounds, answer, status and provenance.")
    static final class ListInstructions implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--run", paramLabel = "ID", description = "Only this run's.")
        Long run;

        @Option(names = "--skill", paramLabel = "SKILL", description = "Only this skill's.")
        String skill;

        @Option(
                names = "--status",
                paramLabel = "STATUS",
                description = "pending, complete, failed, accepted or rejected.")
        String status;

        @Option(names = "--edited", description = "Only those with a hand edit of any of their texts.")
        boolean edited;

        @Option(names = "--json", description = "A JSON array of objects (written as it is read: fine for big stores).")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (status != null
                    && !List.of("pending", "complete", "failed", "accepted", "rejected")
                            .contains(status)) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--status is pending, complete, failed," + " accepted or rejected");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                List<Long> runIds = new ArrayList<>();
                if (run != null) {
                    if (ws.runs().find(run).isEmpty()) {
                        throw new Cli.CommandFailure("there is no run " + run);
                    }
                    runIds.add(run);
                } else {
                    ws.runs().list().stream().map(RunSummary::id).forEach(runIds::add);
                }
                JsonGenerator g = json
                        ? new ObjectMapper().getFactory().createGenerator(out).useDefaultPrettyPrinter()
                        : null;
                if (g != null) {
                    g.writeStartArray();
                }
                int n = 0;
                for (long runId : runIds) {
                    // One run at a time, in the order the Instructions area lists them.
                    List<Long> ids = ws.instructions()
                            .ids(new InstructionFilter(runId, skill, null, status, null, edited ? Boolean.TRUE : null));
                    // Read in chunks: a few queries per 500 instructions, and only a chunk in memory at a time.
                    for (int from = 0; from < ids.size(); from += CHUNK) {
                        List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
                        Map<Long, List<HumanEdit>> edits = ws.instructions().humanEdits(chunk);
                        for (Instruction i : ws.instructions().findAll(chunk)) {
                            List<HumanEdit> own = edits.getOrDefault(i.id(), List.of());
                            if (g != null) {
                                g.writeObject(toJson(i, own));
                            } else {
                                FinalText text = InstructionService.finalText(i, own);
                                out.println(i.id() + "\t" + i.runId() + "\t" + i.skill() + "\t" + i.category() + "\t"
                                        + i.displayStatus() + (text.edited() ? ", edited" : "") + "\t"
                                        + oneLine(text.instruction() != null ? text.instruction() : errorMessage(i)));
                            }
                            n++;
                        }
                    }
                }
                if (g != null) {
                    g.writeEndArray();
                    g.flush();
                    out.println();
                } else {
                    out.println(CliSupport.count(n, "instructions"));
                }
                return Cli.OK;
            }
        }
    }

    private static String errorMessage(Instruction i) {
        return i.failure() == null ? null : i.failure().message();
    }

    private static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String s = text.replaceAll("\\s+", " ").strip();
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }

    static Map<String, Object> toJson(Instruction i, List<HumanEdit> edits) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("run", i.runId());
        m.put("skill", i.skill());
        m.put("category", i.category());
        m.put("subcategory", i.subcategory());
        m.put("instruction", i.instruction());
        m.put("input", i.input());
        m.put("response", i.response());
        // What a dataset takes: the hand edit if any, else the accepted round, else the last round.
        FinalText text = InstructionService.finalText(i, edits);
        m.put("final_instruction", text.instruction());
        m.put("final_input", text.input());
        m.put("final_response", text.response());
        m.put("edited_by_hand", text.edited());
        m.put("status", i.displayStatus());
        m.put("accepted_round", i.review().acceptedRound());
        m.put("reviewed_by", i.review().by());
        List<Map<String, Object>> rounds = new ArrayList<>();
        Map<String, Object> zero = new LinkedHashMap<>();
        zero.put("round", 0);
        zero.put("instruction", i.generated());
        zero.put("input", i.generatedInput());
        zero.put("agent", i.generator().agent());
        zero.put("prompt_version", i.generator().promptVersion());
        zero.put("call", i.generator().callId());
        rounds.add(zero);
        for (Round r : i.rounds()) {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("round", r.round());
            rm.put("suggestion", r.suggestion());
            rm.put("instruction", r.edited());
            rm.put("input", r.editedInput());
            rm.put(
                    "suggester",
                    Map.of(
                            "agent",
                            r.suggester().agent(),
                            "prompt_version",
                            r.suggester().promptVersion(),
                            "call",
                            r.suggester().callId()));
            Map<String, Object> editor = new LinkedHashMap<>();
            editor.put("agent", r.editor().agent());
            editor.put("prompt_version", r.editor().promptVersion());
            editor.put("call", r.editor().callId());
            rm.put("editor", editor);
            rounds.add(rm);
        }
        m.put("rounds", rounds);
        m.put("seed", i.seedId());
        m.put("passage", i.passageId());
        m.put("endpoint", i.generator().endpoint());
        m.put("model", i.generator().model());
        m.put("answerer", i.answerer().agent());
        m.put("answerer_prompt_version", i.answerer().promptVersion());
        m.put("answer_call", i.answerer().callId());
        Failure<Stage> f = i.failure();
        m.put("failed_stage", f == null ? null : f.stage().id());
        m.put("error_class", f == null ? null : f.errorClass());
        m.put("error", errorMessage(i));
        List<Map<String, Object>> human = new ArrayList<>();
        for (HumanEdit e : edits) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("target", e.target());
            if (e.ofInstruction()) {
                em.put("instruction", e.text());
                em.put("input", e.input());
            } else {
                em.put(
                        e.target().equals("input")
                                ? "input"
                                : e.target().equals("response") ? "response" : "suggestion",
                        e.text());
            }
            em.put("author", e.author());
            em.put("at", e.editedAt().toString());
            human.add(em);
        }
        m.put("human_edits", human);
        return m;
    }
}
