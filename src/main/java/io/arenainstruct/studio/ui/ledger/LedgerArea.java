package io.arenainstruct.studio.ui.ledger;

import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.shell.Area;
import io.arenainstruct.studio.ui.shell.AreaView;

/** Registers the Call ledger area. */
public final class LedgerArea implements Area {
    @Override
    public String id() {
        return "ledger";
    }

    @Override
    public String title() {
        return "Call ledger";
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public String summary() {
        return "Every model call: totals and cost, filters, the full request and reply of each";
    }

    @Override
    public AreaView create(AppContext context) {
        return new LedgerView(context);
    }
}
