package io.arenainstruct.studio.service.arena;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.JudgeAgent;
import io.arenainstruct.studio.domain.llm.Endpoint;

/**
 * What a running answering or judging job works on. Two jobs asking the same endpoints the same thing about the
 * same items would pay twice and race to store one answer or game, so the second is refused while the first runs.
 *
 * @param kind      answer or judge
 * @param endpoints the endpoints' names
 * @param judge     the judge's name (null when answering): another judge over the same battles is a new question
 * @param items     instruction ids (answering) or battle ids (judging)
 */
record JobClaim(String kind, Set<String> endpoints, String judge, Set<Long> items) {
    JobClaim {
        endpoints = Set.copyOf(endpoints);
        items = Set.copyOf(items);
    }

    static JobClaim judging(List<Endpoint> judges, JudgeAgent agent, List<Long> battleIds) {
        return new JobClaim("judge", names(judges), agent.name(), new HashSet<>(battleIds));
    }

    static JobClaim answering(List<Endpoint> endpoints, List<ArenaInstruction> instructions) {
        Set<Long> ids = new HashSet<>();
        instructions.forEach(i -> ids.add(i.id()));
        return new JobClaim("answer", names(endpoints), null, ids);
    }

    private static Set<String> names(List<Endpoint> endpoints) {
        Set<String> names = new HashSet<>();
        endpoints.forEach(e -> names.add(e.name()));
        return names;
    }

    /** Why this job cannot start while job {@code otherJob} (holding {@code other}) runs; empty when it can. */
    Optional<String> conflictWith(JobClaim other, long otherJob) {
        if (!kind.equals(other.kind)
                || (judge == null ? other.judge != null : !judge.equals(other.judge))
                || endpoints.stream().noneMatch(other.endpoints::contains)) {
            return Optional.empty();
        }
        Set<Long> smaller = items.size() <= other.items.size() ? items : other.items;
        Set<Long> larger = smaller == items ? other.items : items;
        long shared = smaller.stream().filter(larger::contains).count();
        if (shared == 0) {
            return Optional.empty();
        }
        List<String> both =
                endpoints.stream().filter(other.endpoints::contains).sorted().toList();
        String what = kind.equals("judge")
                ? "judging " + shared + " of these battles with " + judge
                : "answering " + shared + " of these instructions";
        return Optional.of("arena job " + otherJob + " is already " + what + " on " + String.join(", ", both)
                + "; wait for it to finish, or pause and cancel it first");
    }
}
