package io.arenainstruct.studio.service.curation;

import java.util.List;

/**
 * Items alike enough that one is kept (the lowest id) and the others dropped, in id order; members a curator kept
 * back are kept too ({@code keptBack}, in id order), so a cluster may keep several items.
 */
public record Cluster(ClusterKind kind, CurationItem kept, List<Dropped> dropped, List<KeptBack> keptBack) {
    public Cluster {
        dropped = List.copyOf(dropped);
        keptBack = List.copyOf(keptBack);
    }

    /** A cluster nobody kept anything back from. */
    public Cluster(ClusterKind kind, CurationItem kept, List<Dropped> dropped) {
        this(kind, kept, dropped, List.of());
    }

    public int size() {
        return dropped.size() + keptBack.size() + 1;
    }
}
