package io.arenainstruct.studio.service.curation;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.arenainstruct.studio.domain.Hashes;
import io.arenainstruct.studio.domain.adjudication.Annotators;
import io.arenainstruct.studio.domain.curation.KeepDecision;
import io.arenainstruct.studio.store.CurationRepository;

/**
 * A curator's decisions to keep items a curation pass would drop. A decision names the item's text (its SHA-256 as
 * exported), not its id: it holds for every item with that text, a run instruction or an arena prompt, and lapses
 * when the text is edited.
 */
public final class KeepDecisions {
    private final CurationRepository repository;
    private final StoreItems items;
    private final Clock clock;

    public KeepDecisions(CurationRepository repository, StoreItems items, Clock clock) {
        this.repository = repository;
        this.items = items;
        this.clock = clock;
    }

    /** Keeps the store's item with this id (as a curation report gives it). */
    public KeepDecision keep(long itemId, String annotator) throws CurationInputException {
        return keep(find(itemId), annotator);
    }

    /** Keeps an item's text; who kept it is an annotator's name ({@link Annotators#require}). */
    public KeepDecision keep(CurationItem item, String annotator) throws CurationInputException {
        String by;
        try {
            by = Annotators.require(annotator);
        } catch (IllegalArgumentException e) {
            throw new CurationInputException("Cannot keep " + item.label() + ": " + e.getMessage() + ".");
        }
        KeepDecision decision = new KeepDecision(Hashes.sha256(item.text()), item.label(), by, clock.instant());
        repository.keep(decision);
        return decision;
    }

    /** Withdraws the decision that keeps the store's item with this id. */
    public KeepDecision release(long itemId) throws CurationInputException {
        return release(find(itemId));
    }

    /** Withdraws the decision that keeps an item's text. */
    public KeepDecision release(CurationItem item) throws CurationInputException {
        KeepDecision decision = decisionFor(item)
                .orElseThrow(() -> new CurationInputException(
                        capitalised(item.label()) + " is not kept back: no curator kept its text."));
        repository.release(decision.textSha256());
        return decision;
    }

    /** The decision that keeps an item's text, if any. */
    public Optional<KeepDecision> decisionFor(CurationItem item) {
        String hash = Hashes.sha256(item.text());
        return list().stream().filter(k -> k.textSha256().equals(hash)).findFirst();
    }

    /** Every decision, oldest first. */
    public List<KeepDecision> list() {
        return repository.keeps();
    }

    private CurationItem find(long itemId) throws CurationInputException {
        return items.all().stream()
                .filter(i -> i.id() == itemId)
                .findFirst()
                .orElseThrow(() -> new CurationInputException("There is no item " + itemId + " to check: an item is"
                        + " a run instruction with a final text or an arena prompt, by the id `dedup --json`"
                        + " prints."));
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
