package io.arenainstruct.studio.service.curation;

import java.util.List;

/** Items alike enough that one is kept (the lowest id) and the others dropped, in id order. */
public record Cluster(ClusterKind kind, CurationItem kept, List<Dropped> dropped) {
    public Cluster {
        dropped = List.copyOf(dropped);
    }

    public int size() {
        return dropped.size() + 1;
    }
}
