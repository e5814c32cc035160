package io.arenainstruct.studio.service.curation;

import java.util.ArrayList;
import java.util.List;

/**
 * A curation pass over the store: its items ({@link StoreItems}), against its reference sets and any given for
 * this pass, honouring the curators' keep decisions.
 */
public final class StoreCuration {
    private final StoreItems items;
    private final ReferenceSets referenceSets;
    private final KeepDecisions keeps;

    public StoreCuration(StoreItems items, ReferenceSets referenceSets, KeepDecisions keeps) {
        this.items = items;
        this.referenceSets = referenceSets;
        this.keeps = keeps;
    }

    /** The report over every item of the store; {@code extra}: reference sets for this pass only (files). */
    public CurationReport curate(List<ReferenceSet> extra, CurationOptions options) {
        List<ReferenceSet> references = new ArrayList<>(referenceSets.all());
        references.addAll(extra);
        return CurationService.curate(items.all(), references, options, keeps.list());
    }

    /** The items a pass checks. */
    public StoreItems items() {
        return items;
    }
}
