package io.arenainstruct.studio.service.llm;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.arenainstruct.studio.domain.llm.LedgerEntry;
import io.arenainstruct.studio.domain.llm.LedgerFilter;
import io.arenainstruct.studio.domain.llm.ModelPrice;
import io.arenainstruct.studio.store.CallLedgerRepository;

/** Reading the call ledger for review: pages of calls, one call in full, and the totals with their cost. */
public final class CallLedgerService {
    private final CallLedgerRepository ledger;

    public CallLedgerService(CallLedgerRepository ledger) {
        this.ledger = ledger;
    }

    /** Calls matching the filter, newest first. */
    public List<LedgerEntry> list(LedgerFilter filter, int offset, int limit) {
        return ledger.list(filter, offset, limit);
    }

    public int count(LedgerFilter filter) {
        return ledger.count(filter);
    }

    public Optional<LedgerEntry> find(long id) {
        return ledger.find(id);
    }

    /** The endpoints that calls were sent to. */
    public List<String> endpointNames() {
        return ledger.endpointNames();
    }

    /** Totals of one run (null: of all calls), priced with {@code prices}. */
    public LedgerStats stats(Map<String, ModelPrice> prices, Long runId) {
        return LedgerStats.load(ledger, prices, runId);
    }
}
