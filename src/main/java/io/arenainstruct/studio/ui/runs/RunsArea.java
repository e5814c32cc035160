package io.arenainstruct.studio.ui.runs;

import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.shell.Area;
import io.arenainstruct.studio.ui.shell.AreaView;

/** Registers the Runs area. */
public final class RunsArea implements Area {
    @Override
    public String id() {
        return "runs";
    }

    @Override
    public String title() {
        return "Runs";
    }

    @Override
    public int order() {
        return 60;
    }

    @Override
    public String summary() {
        return "Start runs over chosen seeds and models, follow their progress, resume and retry";
    }

    @Override
    public AreaView create(AppContext context) {
        return new RunsView(context);
    }

    /** Offers to resume the runs found interrupted, wherever the app opens; the Runs area keeps the offer. */
    @Override
    public void storeOpened(AppContext context) {
        String offer = RunsViewModel.interruptedText(context.workspace().runs().interruptedRuns());
        if (!offer.isEmpty() && context.dialogs().confirm("Interrupted runs", offer, "Resume")) {
            context.navigation().open(id(), RunsView.RESUME_INTERRUPTED);
        }
    }
}
