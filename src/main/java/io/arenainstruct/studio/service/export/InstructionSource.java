package io.arenainstruct.studio.service.export;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.arenainstruct.studio.domain.TimeRange;
import io.arenainstruct.studio.domain.run.FinalText;
import io.arenainstruct.studio.domain.run.HumanEdit;
import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.domain.run.Review;
import io.arenainstruct.studio.service.run.InstructionService;

/**
 * AgentInstruct rows: each run instruction's final instruction (with its input) and final response, as
 * {@link InstructionService#finalText} decides them (hand edit, else accepted round, else last round).
 */
final class InstructionSource implements ItemSource {
    static final String OTHER_ITERATION = "were made in another iteration";
    static final String REJECTED = "were rejected by the curator";
    static final String NOT_ACCEPTED = "were not accepted by the curator";
    static final String NO_TEXT = "had no instruction text (pending or failed)";
    static final String NO_RESPONSE = "were not answered";

    private static final int PAGE = 500;

    private final InstructionService instructions;
    private final Provenance provenance;
    private final SelectionRules rules;

    /** The selected instructions' ids in order, read at the first page. */
    private long[] ids;

    /** Only run instructions created in this range are kept (an iteration's, decision 0017). */
    private final TimeRange made;

    InstructionSource(InstructionService instructions, Provenance provenance, SelectionRules rules, TimeRange made) {
        this.made = made;
        this.instructions = instructions;
        this.provenance = provenance;
        this.rules = rules;
    }

    @Override
    public String unit() {
        return "instructions";
    }

    @Override
    public long walkPage(long afterKey, Visitor visitor, boolean metadata) {
        if (ids == null) {
            ids =
                    instructions
                            .ids(new InstructionFilter(
                                    rules.runId(), rules.skill(), rules.category(), null, null, null))
                            .stream()
                            .mapToLong(Long::longValue)
                            .sorted()
                            .toArray();
        }
        int from = Arrays.binarySearch(ids, afterKey + 1);
        from = from >= 0 ? from : -from - 1;
        if (from >= ids.length) {
            return -1;
        }
        List<Long> page = Arrays.stream(ids, from, Math.min(ids.length, from + PAGE))
                .boxed()
                .toList();
        Map<Long, List<HumanEdit>> edits = instructions.humanEdits(page);
        for (Instruction i : instructions.findAll(page)) {
            if (!visit(i, edits.getOrDefault(i.id(), List.of()), visitor, metadata)) {
                return -1;
            }
        }
        return page.get(page.size() - 1);
    }

    private boolean visit(Instruction i, List<HumanEdit> edits, Visitor visitor, boolean metadata) {
        if (i.createdAt() != null && !made.contains(i.createdAt())) {
            visitor.removed(OTHER_ITERATION);
            return true;
        }
        if (i.review().decision() == Review.REJECTED) {
            visitor.removed(REJECTED);
            return true;
        }
        if (rules.acceptedOnly() && !i.review().accepted()) {
            visitor.removed(NOT_ACCEPTED);
            return true;
        }
        FinalText text = InstructionService.finalText(i, edits);
        if (text.instruction() == null || text.instruction().isBlank()) {
            visitor.removed(NO_TEXT);
            return true;
        }
        if (text.response() == null || text.response().isBlank()) {
            visitor.removed(NO_RESPONSE);
            return true;
        }
        String outside = Lengths.outside(rules, text.response());
        if (outside != null) {
            visitor.removed(outside);
            return true;
        }
        ExportRow row = new ExportRow.Sft(
                List.of(Message.user(text.instruction()), Message.assistant(text.response())),
                text.input(),
                metadata ? provenance.instruction(i, text, edits) : null);
        String prompt = text.input() == null || text.input().isBlank()
                ? text.instruction()
                : text.instruction() + "\n\n" + text.input();
        List<String> models =
                i.answerer().model() == null ? List.of() : List.of(i.answerer().model());
        return visitor.kept(new ExportItem(
                i.id(), i.id(), prompt, text.instruction(), i.skill(), i.category(), 0, List.of(row), models));
    }
}
