package io.arenainstruct.studio.ui.runs;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javafx.application.Platform;

import io.arenainstruct.studio.domain.run.InterruptedRun;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.shell.AreaDefinition;

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
        context.executor().execute(() -> {
            List<InterruptedRun> toOffer;
            try {
                toOffer = notYetOffered(context);
            } catch (RuntimeException e) {
                Platform.runLater(
                        () -> context.dialogs().showError("Cannot read the interrupted runs", e.getMessage()));
                return;
            }
            if (!toOffer.isEmpty()) {
                Platform.runLater(() -> {
                    if (context.dialogs()
                            .confirm("Interrupted runs", RunsViewModel.interruptedText(toOffer), "Resume")) {
                        context.navigation().open(id(), RunsView.RESUME_INTERRUPTED);
                    }
                });
            }
        });
    }

    /**
     * Every interrupted run the app has not offered yet (recorded as offered now): a command that opened the store
     * first marked it, so "interrupted at this open" alone would miss it.
     */
    private static List<InterruptedRun> notYetOffered(AppContext context) {
        var settings = context.workspace().settings();
        Set<String> offered =
                new TreeSet<>(Arrays.asList(settings.get(OFFERED).orElse("").split(",")));
        offered.remove("");
        List<InterruptedRun> toOffer = context.workspace().runs().stillInterrupted().stream()
                .filter(r -> !offered.contains(String.valueOf(r.runId())))
                .toList();
        if (!toOffer.isEmpty()) {
            toOffer.forEach(r -> offered.add(String.valueOf(r.runId())));
            settings.put(OFFERED, String.join(",", offered));
        }
        return toOffer;
    }

    /** The store setting that lists the interrupted runs the app has offered to resume (once each). */
    static final String OFFERED = "runs.interrupted.offered";
}
