package io.arenainstruct.studio.domain.llm;

/** How a call in the ledger ended, as stored in its {@code outcome} column and shown in the Ledger area. */
public final class LedgerOutcome {
    /** The model answered. */
    public static final String OK = "ok";
    /** The call failed; its error class and detail say why. */
    public static final String FAILED = "failed";
    /** Answered from the ledger: an identical request was answered before. */
    public static final String CACHED = "cached";
    /** Not sent: the endpoint is a dry run. */
    public static final String DRY_RUN = "dry run";

    private LedgerOutcome() {}
}
