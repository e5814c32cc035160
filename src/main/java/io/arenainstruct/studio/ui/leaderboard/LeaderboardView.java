package io.arenainstruct.studio.ui.leaderboard;

import java.util.List;
import java.util.Map;

import javafx.scene.input.KeyCombination;

import io.arenainstruct.studio.domain.ratings.Leaderboard;
import io.arenainstruct.studio.domain.ratings.RatingOptions;
import io.arenainstruct.studio.service.ratings.RatingsService;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.common.Preferences;
import io.arenainstruct.studio.ui.shell.ModelAreaView;
import io.arenainstruct.studio.ui.task.JobEventBridge;
import io.arenainstruct.studio.ui.task.Subscriptions;

/**
 * The Leaderboard area: ratings of the models from the battles' verdicts, computed in the background on a visit after
 * verdicts changed, on F5, when an option changes, and a second after the last of a burst of votes or judged games
 * while the area shows.
 */
public final class LeaderboardView extends ModelAreaView<LeaderboardViewModel> {
    private final LeaderboardPane pane;
    /** Arena jobs' news (judging ended, games judged) reaches the view model through the job registry. */
    private final AutoCloseable arenaJobs;

    public LeaderboardView(AppContext context) {
        super(
                "leaderboard-area",
                new LeaderboardViewModel(
                        ratings(context.workspace()),
                        context.workspace().verdictChanges(),
                        context.taskExecutor(),
                        context.dialogs()),
                LeaderboardViewModel::close);
        Preferences prefs = context.preferences();
        model.restore(
                prefs.leaderboardSource().get(), prefs.leaderboardStyleControl().get());
        model.source().addListener((obs, o, n) -> prefs.leaderboardSource().set(n.id()));
        model.styleControl()
                .addListener((obs, o, n) -> prefs.leaderboardStyleControl().set(n));
        pane = new LeaderboardPane(model);
        root.setCenter(pane.node());
        model.showing().bind(root.sceneProperty().isNotNull());
        arenaJobs = new JobEventBridge<>(context.workspace().arenaJobs(), context.taskExecutor())
                .subscribe(model::jobEvent);
    }

    /** The workspace's ratings as the view model asks for them. */
    static LeaderboardViewModel.Ratings ratings(Workspace ws) {
        RatingsService service = ws.ratings();
        return new LeaderboardViewModel.Ratings() {
            @Override
            public Leaderboard compute(RatingOptions options, Cancellation cancellation) {
                return service.compute(options, cancellation);
            }

            @Override
            public List<String> categories() {
                return service.categories();
            }
        };
    }

    @Override
    public void shown() {
        model.visit();
        pane.focus();
    }

    @Override
    public Map<KeyCombination, Runnable> shortcuts() {
        return pane.shortcuts();
    }

    @Override
    public void close() {
        Subscriptions.close(arenaJobs);
        super.close();
    }

    /** The pane, for tests. */
    LeaderboardPane pane() {
        return pane;
    }
}
