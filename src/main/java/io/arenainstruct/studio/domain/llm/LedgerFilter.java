package io.arenainstruct.studio.domain.llm;

/** What the Ledger area and {@code ledger list} filter calls by; null or blank means any. */
public record LedgerFilter(String endpoint, String outcome, ErrorClass errorClass, Long runId) {
    public static final LedgerFilter ALL = new LedgerFilter(null, null, null, null);
}
