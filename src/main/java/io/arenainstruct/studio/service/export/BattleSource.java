package io.arenainstruct.studio.service.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.arenainstruct.studio.domain.TimeRange;
import io.arenainstruct.studio.domain.adjudication.StoredVote;
import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.ArenaResponse;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.InstructionSelection;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.llm.Message.Role;
import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.service.run.InstructionService;
import io.arenainstruct.studio.store.AdjudicationRepository;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.ArenaRepository.Membership;
import io.arenainstruct.studio.store.BattleRepository;

/**
 * Arena Learning rows from battles (SFT, DPO, KTO), decided by {@link BattleDecision} and held to the rules in the
 * order of the constants below: the first rule an item breaks is the one it is counted under.
 */
final class BattleSource implements ItemSource {
    static final String INCONSISTENT = "had a judge whose games contradict each other";
    static final String NOT_STRONG = "had no strong verdict";
    static final String SMALL_GAP = "had a score gap under the minimum";
    static final String TIE = "were ties";
    static final String BOTH_BAD = "were both bad";
    static final String NO_ANSWER = "had an answer missing (imported without its text)";
    static final String OTHER_SKILL = "were of another skill";
    static final String NO_PROMPT = "had no prompt (imported without its question)";
    static final String BLANK_PROMPT = "had an empty prompt";
    static final String BROKEN_TURNS =
            "had earlier turns that are empty or out of order (a system turn first, then user and assistant in turn)";
    static final String SAME_ANSWERS = "had the same answer on both sides";

    private static final int PAGE = 200;

    private final BattleRepository battles;
    private final ArenaRepository arena;
    private final AdjudicationRepository votes;
    private final InstructionService instructions;
    private final Provenance provenance;
    private final SelectionRules rules;
    private final ExportFormat format;
    /** Only battles created in this range are kept (an iteration's, decision 0017). */
    private final TimeRange made;

    BattleSource(
            BattleRepository battles,
            ArenaRepository arena,
            AdjudicationRepository votes,
            InstructionService instructions,
            Provenance provenance,
            SelectionRules rules,
            ExportFormat format,
            TimeRange made) {
        this.battles = battles;
        this.arena = arena;
        this.votes = votes;
        this.instructions = instructions;
        this.provenance = provenance;
        this.rules = rules;
        this.format = format;
        this.made = made;
    }

    @Override
    public String unit() {
        return "battles";
    }

    /** What one page of battles needs, read in a few queries. */
    private record Page(
            Map<Long, List<Verdict>> verdicts,
            Map<Long, List<StoredVote>> votes,
            Map<Long, ArenaInstruction> instructions,
            Map<Long, ArenaResponse> responses,
            Map<Long, Instruction> runInstructions, // by arena instruction id: the run instruction it stands for
            Map<Long, List<Membership>> memberships) {}

    @Override
    public long walkPage(long afterKey, Visitor visitor, boolean metadata) {
        BattleFilter filter = new BattleFilter(null, rules.target(), rules.category(), null);
        List<Battle> page = battles.page(filter, rules.runId(), rules.dataset(), afterKey, PAGE);
        if (page.isEmpty()) {
            return -1;
        }
        Page data = read(page, metadata);
        for (Battle b : page) {
            if (!visit(b, data, visitor, metadata)) {
                return -1;
            }
        }
        return page.get(page.size() - 1).id();
    }

    private Page read(List<Battle> page, boolean metadata) {
        List<Long> ids = page.stream().map(Battle::id).toList();
        Map<Long, List<Verdict>> verdicts = battles.verdicts(ids);
        Map<Long, List<StoredVote>> stored = votes.votes(ids);
        List<Long> instructionIds = page.stream()
                .map(Battle::instructionId)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        Map<Long, ArenaInstruction> prompts = new HashMap<>();
        arena.instructions(InstructionSelection.ids(instructionIds)).forEach(i -> prompts.put(i.id(), i));
        Set<Long> responseIds = new HashSet<>();
        for (Battle b : page) {
            addIfPresent(responseIds, b.responseA());
            addIfPresent(responseIds, b.responseB());
        }
        stored.values()
                .forEach(
                        vs -> vs.forEach(v -> addIfPresent(responseIds, v.vote().preferredResponse())));
        Map<Long, ArenaResponse> responses = arena.responses(new ArrayList<>(responseIds));
        // where each prompt came from; with --run, the run instruction of that run
        Map<Long, Instruction> run = PromptOrigins.of(arena, instructions, prompts.values(), rules.runId());
        Map<Long, List<Membership>> memberships = metadata ? arena.memberships(instructionIds) : Map.of();
        return new Page(verdicts, stored, prompts, responses, run, memberships);
    }

    private static void addIfPresent(Set<Long> ids, Long id) {
        if (id != null) {
            ids.add(id);
        }
    }

    private boolean visit(Battle b, Page data, Visitor visitor, boolean metadata) {
        if (b.createdAt() != null && !made.contains(b.createdAt())) {
            visitor.removed(InstructionSource.OTHER_ITERATION);
            return true;
        }
        ArenaInstruction prompt =
                b.instructionId() == null ? null : data.instructions().get(b.instructionId());
        Instruction origin = prompt == null ? null : data.runInstructions().get(prompt.id());
        String skill = origin == null ? null : origin.skill();
        if (rules.skill() != null && !rules.skill().equals(skill)) {
            visitor.removed(OTHER_SKILL);
            return true;
        }
        if (prompt == null) {
            visitor.removed(NO_PROMPT);
            return true;
        }
        if (prompt.prompt().isBlank()) {
            visitor.removed(BLANK_PROMPT);
            return true;
        }
        List<Verdict> verdicts = data.verdicts().getOrDefault(b.id(), List.of());
        BattleDecision d = BattleDecision.of(b, verdicts, rules.verdicts());
        if (!d.decided()) {
            visitor.removed(d.problem());
            return true;
        }
        // a people's verdict is not held to the judges' rules (consistency, strength, gap): a person checked it
        if (d.by() != BattleDecision.By.PEOPLE && rules.consistentOnly() && b.inconsistent()) {
            visitor.removed(INCONSISTENT);
            return true;
        }
        boolean winner = d.outcome() == Outcome.A || d.outcome() == Outcome.B;
        boolean kto = rules.select() == ExportSelect.KTO;
        if (d.outcome() == Outcome.TIE && !(kto && rules.allowTies() && rules.target() == null)) {
            visitor.removed(TIE);
            return true;
        }
        if (d.outcome() == Outcome.BOTH_BAD && !(kto && rules.allowBothBad() && rules.target() == null)) {
            visitor.removed(BOTH_BAD);
            return true;
        }
        if (d.by() != BattleDecision.By.PEOPLE) {
            boolean graded = d.deciding().stream().allMatch(v -> v.label() != null);
            if (rules.strongOnly() && graded && !d.strong()) {
                visitor.removed(NOT_STRONG);
                return true;
            }
            if (rules.minGap() != null && d.gap() != null && d.gap() < rules.minGap()) {
                visitor.removed(SMALL_GAP);
                return true;
            }
        }
        if (rules.target() != null && !(winner && d.lost(b, rules.target()))) {
            visitor.removed("were not lost by " + rules.target());
            return true;
        }
        if (!format.chat() && !prompt.context().isEmpty()) {
            visitor.removed("had a system message or earlier turns, which the " + format.id() + " format cannot hold");
            return true;
        }
        if (!soundContext(prompt)) {
            // imported conversations are not all checked on the way in; the writer would refuse the row
            visitor.removed(BROKEN_TURNS);
            return true;
        }
        String textA = answer(b, b.responseA(), d, Outcome.A, data);
        String textB = answer(b, b.responseB(), d, Outcome.B, data);
        if (textA == null || textB == null || textA.isBlank() || textB.isBlank()) {
            visitor.removed(NO_ANSWER);
            return true;
        }
        if (winner && rules.select() != ExportSelect.SFT && textA.strip().equals(textB.strip())) {
            // no preference between equal texts: chosen = rejected, or one text labelled good and bad
            visitor.removed(SAME_ANSWERS);
            return true;
        }
        List<String> exported = switch (rules.select()) {
            case SFT -> List.of(d.outcome() == Outcome.A ? textA : textB);
            default -> List.of(textA, textB);
        };
        for (String t : exported) {
            String outside = Lengths.outside(rules, t);
            if (outside != null) {
                visitor.removed(outside);
                return true;
            }
        }
        List<Message> messages = messages(prompt);
        Map<String, Object> meta = metadata ? metadata(b, d, prompt, origin, data) : null;
        List<ExportRow> rows = switch (rules.select()) {
            case SFT -> {
                List<Message> conversation = new ArrayList<>(messages);
                conversation.add(Message.assistant(exported.get(0)));
                yield List.of(new ExportRow.Sft(conversation, null, meta));
            }
            case DPO ->
                List.of(
                        d.outcome() == Outcome.A
                                ? new ExportRow.Preference(messages, textA, textB, meta)
                                : new ExportRow.Preference(messages, textB, textA, meta));
            case KTO ->
                List.of(
                        new ExportRow.Unpaired(messages, textA, good(d.outcome(), Outcome.A), withSide(meta, "a")),
                        new ExportRow.Unpaired(messages, textB, good(d.outcome(), Outcome.B), withSide(meta, "b")));
            case INSTRUCTIONS -> throw new IllegalStateException("instructions come from runs, not battles");
        };
        double sureness = (d.by() == BattleDecision.By.PEOPLE ? 4 : 0)
                + (d.strong() ? 2 : 0)
                + (d.gap() == null ? 0 : d.gap() / 10.0);
        List<String> models = rules.select() == ExportSelect.SFT
                ? List.of(d.outcome() == Outcome.A ? b.modelA() : b.modelB())
                : List.of(b.modelA(), b.modelB());
        return visitor.kept(new ExportItem(
                b.id(), prompt.id(), compared(prompt), prompt.prompt(), skill, b.category(), sureness, rows, models));
    }

    private static boolean good(Outcome outcome, Outcome side) {
        return outcome == side || outcome == Outcome.TIE;
    }

    /** KTO's two rows of a battle share its metadata; each says which answer it holds. */
    private static Map<String, Object> withSide(Map<String, Object> meta, String side) {
        if (meta == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("answer", side);
        m.putAll(meta);
        return m;
    }

    /**
     * The text of one side's answer: the answer the people preferred after editing it, when people decided for that
     * side (the newest such edit), else the battle's answer.
     */
    private static String answer(Battle b, Long responseId, BattleDecision d, Outcome side, Page data) {
        if (d.by() == BattleDecision.By.PEOPLE && d.outcome() == side) {
            Long edited = null;
            for (StoredVote v : data.votes().getOrDefault(b.id(), List.of())) {
                if (v.vote().outcome() == side && v.vote().preferredResponse() != null) {
                    edited = v.vote().preferredResponse();
                }
            }
            ArenaResponse r = edited == null ? null : data.responses().get(edited);
            if (r != null) {
                return r.text();
            }
        }
        ArenaResponse r = responseId == null ? null : data.responses().get(responseId);
        return r == null ? null : r.text();
    }

    /**
     * Whether the turns before the prompt can lead up to it: an optional system turn, then user and assistant in turn
     * from the user, ending with the assistant (the prompt is the next user turn), none of them blank.
     */
    private static boolean soundContext(ArenaInstruction prompt) {
        var context = prompt.context();
        int start = !context.isEmpty() && context.get(0).role() == Role.SYSTEM ? 1 : 0;
        for (int i = 0; i < context.size(); i++) {
            Role expected = i < start ? Role.SYSTEM : (i - start) % 2 == 0 ? Role.USER : Role.ASSISTANT;
            String text = context.get(i).content();
            if (context.get(i).role() != expected || text == null || text.isBlank()) {
                return false;
            }
        }
        return (context.size() - start) % 2 == 0;
    }

    /**
     * What dedup compares: the whole conversation the row holds, so two conversations ending with the same follow-up
     * ("Go on.") are not duplicates.
     */
    private static String compared(ArenaInstruction prompt) {
        if (prompt.context().isEmpty()) {
            return prompt.prompt();
        }
        StringBuilder text = new StringBuilder();
        prompt.context().forEach(m -> text.append(m.content()).append("\n\n"));
        return text.append(prompt.prompt()).toString();
    }

    /** The prompt as export messages: its context (system, earlier turns), then the prompt as the user's turn. */
    private static List<Message> messages(ArenaInstruction prompt) {
        List<Message> out = new ArrayList<>();
        for (var m : prompt.context()) {
            out.add(
                    switch (m.role()) {
                        case SYSTEM -> Message.system(m.content());
                        case USER -> Message.user(m.content());
                        case ASSISTANT -> Message.assistant(m.content());
                    });
        }
        out.add(Message.user(prompt.prompt()));
        return out;
    }

    private Map<String, Object> metadata(
            Battle b, BattleDecision d, ArenaInstruction prompt, Instruction origin, Page data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("battle", b.id());
        m.put("instruction", prompt.id());
        List<Map<String, Object>> datasets = new ArrayList<>();
        for (Membership x : data.memberships().getOrDefault(prompt.id(), List.of())) {
            Map<String, Object> dm = new LinkedHashMap<>();
            dm.put("name", x.dataset());
            dm.put("external_id", x.externalId());
            datasets.add(dm);
        }
        m.put("datasets", datasets);
        m.put("category", b.category());
        m.put("skill", origin == null ? null : origin.skill());
        m.put("subcategory", origin == null ? null : origin.subcategory());
        m.put("run", origin == null ? null : origin.runId());
        m.put("run_instruction", origin == null ? null : origin.id());
        m.put("seed", origin == null ? null : provenance.seed(origin.seedId()));
        m.put("strategy", b.strategy());
        m.put(
                "answers",
                List.of(
                        response("a", b.modelA(), b.responseA(), data),
                        response("b", b.modelB(), b.responseB(), data)));
        m.put("outcome", d.outcome().id());
        m.put("decided_by", d.by().id());
        m.put("winner", d.outcome() == Outcome.A ? b.modelA() : d.outcome() == Outcome.B ? b.modelB() : null);
        List<Map<String, Object>> games = new ArrayList<>();
        List<Map<String, Object>> jury = new ArrayList<>();
        List<Map<String, Object>> people = new ArrayList<>();
        Map<Long, StoredVote> details = new HashMap<>();
        data.votes().getOrDefault(b.id(), List.of()).forEach(v -> details.put(v.verdictId(), v));
        for (Verdict v : data.verdicts().getOrDefault(b.id(), List.of())) {
            switch (v.source()) {
                case JUDGE -> games.add(game(v));
                case JURY -> {
                    Map<String, Object> jm = new LinkedHashMap<>();
                    jm.put("jury", v.voter());
                    jm.put(
                            "verdict",
                            v.label() == null ? v.outcome().id() : v.label().text());
                    jm.put("note", v.note());
                    jury.add(jm);
                }
                case HUMAN -> people.add(person(v, details.get(v.id())));
            }
        }
        m.put("judge_games", games);
        m.put("jury", jury);
        m.put("people", people);
        return m;
    }

    private static Map<String, Object> response(String side, String model, Long id, Page data) {
        ArenaResponse r = id == null ? null : data.responses().get(id);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("side", side);
        m.put("model", model);
        m.put("response", id);
        m.put("origin", r == null ? null : r.origin().name().toLowerCase(Locale.ROOT));
        m.put("endpoint", r == null ? null : r.call().endpoint());
        m.put("agent", r == null ? null : r.call().agent());
        m.put(
                "prompt_version",
                r == null || !r.call().present() ? null : r.call().promptVersion());
        m.put("call", r == null || !r.call().called() ? null : r.call().callId());
        return m;
    }

    private static Map<String, Object> game(Verdict v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("judge", v.voter());
        m.put("game", v.game());
        m.put("swapped", v.swapped());
        m.put("verdict", v.label() == null ? v.outcome().id() : v.label().text());
        m.put("score_a", v.scoreA());
        m.put("score_b", v.scoreB());
        m.put("agent", v.call().agent());
        m.put("prompt_version", v.call().present() ? v.call().promptVersion() : null);
        m.put("call", v.call().called() ? v.call().callId() : null);
        m.put("endpoint", v.call().endpoint());
        m.put("imported", v.imported());
        return m;
    }

    private static Map<String, Object> person(Verdict v, StoredVote detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("annotator", v.voter());
        m.put("verdict", v.label() == null ? v.outcome().id() : v.label().text());
        m.put("imported", v.imported());
        m.put("at", v.createdAt() == null ? null : v.createdAt().toString());
        m.put(
                "override_reason",
                detail == null || detail.reason() == null
                        ? null
                        : detail.reason().id());
        m.put("override_text", detail == null ? null : detail.reasonText());
        m.put("edited_answer", detail == null ? null : detail.vote().preferredResponse());
        return m;
    }
}
