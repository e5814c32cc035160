package io.arenainstruct.studio.service.export;

import io.arenainstruct.studio.service.task.Cancellation;

/** Walks the store's items for a selection in key order, a page at a time, saying of each whether it is kept. */
interface ItemSource {

    /** Told of each item in key order. */
    interface Visitor {
        /** The item is left out by the rule named in words (the same words for every item it removes). */
        void removed(String rule);

        /** The item passes the rules; returns false to end the walk there. */
        boolean kept(ExportItem item);
    }

    /** How the walk's items are counted in messages: "instructions" or "battles". */
    String unit();

    /**
     * Visits the next page of items, those with keys above {@code afterKey}, in key order. Only that page is in
     * memory.
     *
     * @param metadata build each row's metadata (not needed to count)
     * @return the key to give the next call, or -1 when the items are done or the visitor asked to stop
     */
    long walkPage(long afterKey, Visitor visitor, boolean metadata);

    /** Visits every item in key order until the items end, the visitor asks to stop or the work is cancelled. */
    default void walk(Visitor visitor, boolean metadata, Cancellation cancellation) {
        long after = 0;
        while (after >= 0 && !cancellation.isCancelled()) {
            after = walkPage(after, visitor, metadata);
        }
    }
}
