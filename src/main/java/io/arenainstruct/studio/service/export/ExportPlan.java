package io.arenainstruct.studio.service.export;

import java.util.Arrays;
import java.util.List;

import io.arenainstruct.studio.service.curation.CurationReport;

/**
 * A selection worked out: its counts, the dedup report (null when no pass ran), and the items to write. Writing
 * walks the store again and takes these items' rows, so a plan is small whatever the export's size.
 */
public final class ExportPlan {
    private final SelectionRules rules;
    private final ExportFormat format;
    private final SelectionCounts counts;
    private final CurationReport curation;
    private final List<String> references;
    private final long[] keys;

    ExportPlan(
            SelectionRules rules,
            ExportFormat format,
            SelectionCounts counts,
            CurationReport curation,
            List<String> references,
            long[] keys) {
        this.references = List.copyOf(references);
        this.rules = rules;
        this.format = format;
        this.counts = counts;
        this.curation = curation;
        this.keys = keys;
    }

    public SelectionRules rules() {
        return rules;
    }

    public ExportFormat format() {
        return format;
    }

    public SelectionCounts counts() {
        return counts;
    }

    /** The dedup and decontamination pass, or null when none ran. */
    public CurationReport curation() {
        return curation;
    }

    /** The names of the reference sets the dedup pass checked against. */
    public List<String> references() {
        return references;
    }

    /** Whether the item with this key is exported (keys are sorted). */
    boolean includes(long key) {
        return Arrays.binarySearch(keys, key) >= 0;
    }

    long lastKey() {
        return keys.length == 0 ? -1 : keys[keys.length - 1];
    }
}
