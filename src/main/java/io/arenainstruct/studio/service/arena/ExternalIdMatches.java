package io.arenainstruct.studio.service.arena;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.arenainstruct.studio.service.arena.formats.BadLine;

/**
 * What a file's id for a question (Arena-Hard {@code uid}, FastChat {@code question_id}) names: the instruction of
 * each dataset that gave the id, by dataset name. Datasets reuse ids (MT-Bench's question 81 is not another set's
 * 81), so the id is one instruction only when every dataset naming it names the same one.
 */
public record ExternalIdMatches(String externalId, Map<String, Long> byDataset) {
    public ExternalIdMatches {
        byDataset = Collections.unmodifiableMap(new LinkedHashMap<>(byDataset));
    }

    /** The instruction the id names; empty when no dataset has it or datasets disagree ({@link #ambiguous}). */
    public Optional<Long> instruction() {
        Set<Long> ids = new LinkedHashSet<>(byDataset.values());
        return ids.size() == 1 ? Optional.of(ids.iterator().next()) : Optional.empty();
    }

    /** Different datasets give the id to different instructions. */
    public boolean ambiguous() {
        return new LinkedHashSet<>(byDataset.values()).size() > 1;
    }

    /** What the id names in those of the datasets that have it. */
    public ExternalIdMatches within(Collection<String> datasets) {
        Map<String, Long> kept = new LinkedHashMap<>(byDataset);
        kept.keySet().retainAll(datasets);
        return new ExternalIdMatches(externalId, kept);
    }

    /**
     * Why the id cannot be followed, naming the datasets, e.g. {@code the question id "81" names different
     * instructions in the datasets "mt_bench" and "other"}.
     *
     * @param what what the file calls the id ("question id", "uid")
     */
    public String ambiguity(String what) {
        List<String> names = new ArrayList<>();
        byDataset.keySet().forEach(name -> names.add(BadLine.quoted(name)));
        String listed = names.size() == 1
                ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        return "the " + what + " " + BadLine.quoted(externalId) + " names different instructions in the datasets "
                + listed;
    }
}
