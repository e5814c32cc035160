package io.arenainstruct.studio.domain.loop;

import java.util.List;
import java.util.Objects;

/**
 * One change the loop proposes from the target model's battles, computed each time (not stored).
 *
 * @param id       stable for the same kind, skill and category: {@code weight:SKILL/CATEGORY}
 * @param from     the current value as shown ("1.0", "2", "literal-questions v3")
 * @param to       the proposed value as shown ("1.25", "3", "review")
 * @param reason   why, in plain words, with the figures behind it
 * @param evidence the ids of the battles behind it, ascending
 */
public record Proposal(
        String id,
        ProposalKind kind,
        String skill,
        String category,
        String from,
        String to,
        String reason,
        List<Long> evidence) {
    public Proposal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(skill, "skill");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(id, "id");
        evidence = evidence.stream().sorted().toList();
    }

    public static Proposal of(
            ProposalKind kind,
            String skill,
            String category,
            String from,
            String to,
            String reason,
            List<Long> evidence) {
        return new Proposal(id(kind, skill, category), kind, skill, category, from, to, reason, evidence);
    }

    /** The id of a proposal of this kind for a skill's category. */
    public static String id(ProposalKind kind, String skill, String category) {
        return kind.id() + ":" + skill + "/" + category;
    }
}
