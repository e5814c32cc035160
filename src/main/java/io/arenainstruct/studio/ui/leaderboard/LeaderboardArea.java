package io.arenainstruct.studio.ui.leaderboard;

import io.arenainstruct.studio.ui.shell.AreaDefinition;

/** Registers the Leaderboard area, after the Arena. */
public final class LeaderboardArea extends AreaDefinition {
    public LeaderboardArea() {
        super(
                "leaderboard",
                "Leaderboard",
                100,
                "Ratings of the models from the battles' verdicts, with intervals, win rates and categories",
                LeaderboardView::new);
    }
}
