package io.arenainstruct.studio.store;

import java.util.HashMap;
import java.util.Map;

import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.VerdictSource;

/**
 * Outcomes and sources by the ids the verdict table stores, for the repositories that stream hundreds of thousands
 * of verdict rows: looked up in a map, without building a string per row.
 */
final class VerdictIds {
    private static final Map<String, Outcome> OUTCOMES = new HashMap<>();

    private static final Map<String, VerdictSource> SOURCES = new HashMap<>();

    static {
        for (Outcome o : Outcome.values()) {
            OUTCOMES.put(o.id(), o);
        }
        for (VerdictSource s : VerdictSource.values()) {
            SOURCES.put(s.id(), s);
        }
    }

    private VerdictIds() {}

    static Outcome outcome(String id) {
        return known(OUTCOMES, id);
    }

    static VerdictSource source(String id) {
        return known(SOURCES, id);
    }

    private static <T> T known(Map<String, T> byId, String id) {
        T found = byId.get(id);
        if (found == null) {
            throw new StoreException("a verdict holds an unknown value '" + id + "'");
        }
        return found;
    }
}
