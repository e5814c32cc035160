package io.arenainstruct.studio.service.agreement;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.arenainstruct.studio.domain.TimeRange;
import io.arenainstruct.studio.store.AgreementRepository;

/**
 * How far judges agree with people, and people with each other (README, "Agreement"). Verdicts are compared as
 * A, B or tie (both-bad counts as a tie). A battle's human verdict is the majority ({@code HumanMajority}) of its
 * annotators' latest votes; battles whose people split are left out of the judges' figures (and counted). A judge's
 * verdict on a battle is its combined verdict over its games where it has one, else its single verdict or game.
 * Everything is read in one pass over the store, aggregated as it streams, all categories at once.
 */
public final class AgreementService {
    private final AgreementRepository repository;
    /**
     * Answer lengths by response id, kept between reads: reading them means reading every answer's text, and a
     * response never changes, so only responses newer than the last one read are asked for.
     */
    private final Map<Long, Integer> lengths = new HashMap<>();

    private long lengthsUpTo;

    public AgreementService(AgreementRepository repository) {
        this.repository = repository;
    }

    /** Reads the lengths of the responses stored since the last read. */
    private synchronized void readNewLengths() {
        long[] last = {lengthsUpTo};
        repository.responseLengths(lengthsUpTo, (id, characters) -> {
            lengths.put(id, characters);
            last[0] = Math.max(last[0], id);
        });
        lengthsUpTo = last[0];
    }

    /**
     * A response's length; null without one. A response missing here was committed after a newer one was read
     * (two writers at once): it is read on its own.
     */
    private synchronized Integer length(Long response) {
        if (response == null) {
            return null;
        }
        Integer known = lengths.get(response);
        if (known == null) {
            known = repository.responseLength(response);
            if (known != null) {
                lengths.put(response, known);
            }
        }
        return known;
    }

    /** Agreement over all battles ({@code category} null) or one category's, with the per-category breakdown. */
    public Agreement compute(String category) {
        return compute(category, TimeRange.ALL);
    }

    /**
     * {@link #compute(String)} over the battles created in {@code battlesCreated}: an iteration's agreement
     * (decision 0017), every verdict on those battles counted whenever it was given.
     */
    public Agreement compute(String category, TimeRange battlesCreated) {
        Tally overall = new Tally();
        Map<String, Tally> byCategory = new HashMap<>();
        readNewLengths();
        repository.forEachBattle(category, battlesCreated, battle -> {
            Tally.Read read = Tally.read(battle, length(battle.responseA()), length(battle.responseB()));
            overall.add(read);
            if (battle.category() != null) {
                byCategory.computeIfAbsent(battle.category(), c -> new Tally()).add(read);
            }
        });
        return new Agreement(
                category,
                overall.report(),
                byCategory.entrySet().stream()
                        .collect(Collectors.toMap(
                                Map.Entry::getKey, e -> e.getValue().report())));
    }

    /** The categories of battles people voted on: what agreement can be broken down by. */
    public List<String> categories() {
        return repository.categories();
    }
}
