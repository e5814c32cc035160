package io.arenainstruct.studio.ui.ledger;

import io.arenainstruct.studio.ui.shell.AreaDefinition;

/** Registers the Call ledger area. */
public final class LedgerArea extends AreaDefinition {
    public LedgerArea() {
        super(
                "ledger",
                "Call ledger",
                40,
                "Every model call: totals and cost, filters, the full request and reply of each",
                LedgerView::new);
    }
}
