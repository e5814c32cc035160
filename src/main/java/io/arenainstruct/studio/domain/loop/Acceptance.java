package io.arenainstruct.studio.domain.loop;

import java.util.List;

/**
 * What {@code loop accept} did.
 *
 * @param iteration the iteration the decisions are recorded in
 * @param report    the proposals as recomputed for the decision
 * @param accepted  the proposals accepted, in the report's order
 * @param applied   each change made, in words ("weight SKILL/CATEGORY 1.0 → 1.25"), in the report's order
 */
public record Acceptance(int iteration, LoopReport report, List<Proposal> accepted, List<String> applied) {
    public Acceptance {
        accepted = List.copyOf(accepted);
        applied = List.copyOf(applied);
    }
}
