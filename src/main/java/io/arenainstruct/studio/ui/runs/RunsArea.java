package io.arenainstruct.studio.ui.runs;

import java.util.List;

import io.arenainstruct.studio.domain.run.InterruptedRun;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.shell.AreaDefinition;
import io.arenainstruct.studio.ui.task.TaskExecutor;

/** Registers the Runs area. */
public final class RunsArea extends AreaDefinition {
    public RunsArea() {
        super(
                "runs",
                "Runs",
                60,
                "Start runs over chosen seeds and models, follow their progress, resume and retry",
                RunsView::new);
    }

    /** Offers to resume the runs found interrupted, wherever the app opens; the Runs area keeps the offer. */
    @Override
    public void storeOpened(AppContext context) {
        // The store is read off the FX thread; the question is asked on it.
        TaskExecutor tasks = context.taskExecutor();
        tasks.background(() -> {
            List<InterruptedRun> toOffer;
            try {
                toOffer = context.workspace().interruptedRunsNotYetOffered();
            } catch (RuntimeException e) {
                tasks.ui(() -> context.dialogs().showError("Cannot read the interrupted runs", e.getMessage()));
                return;
            }
            if (!toOffer.isEmpty()) {
                tasks.ui(() -> {
                    if (context.dialogs()
                            .confirm("Interrupted runs", RunsViewModel.interruptedText(toOffer), "Resume")) {
                        context.navigation().open(id(), RunsView.RESUME_INTERRUPTED);
                    }
                });
            }
        });
    }
}
