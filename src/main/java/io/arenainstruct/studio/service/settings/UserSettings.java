package io.arenainstruct.studio.service.settings;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Per-user preferences (not per workspace): window placement, theme, recent stores, areas' choices. */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class UserSettings {
    public double windowX = Double.NaN;
    public double windowY = Double.NaN;
    public double windowWidth = 1280;
    public double windowHeight = 800;
    public boolean maximized;
    public boolean darkTheme;
    public String lastStore;
    public List<String> recentStores = new ArrayList<>();
    public String lastArea;
    /** Refinement: accept and reject move on to the next instruction. */
    public boolean refinementMoveOn = true;
    /** The name the Adjudicate tab saves votes under; null until the annotator gives it. */
    public String annotator;
    /** Leaderboard: the source of the verdicts rated (judge, human, combined, imported). */
    public String leaderboardSource = "combined";
    /** Leaderboard: ratings with style control. */
    public boolean leaderboardStyleControl;

    public void rememberStore(String path) {
        lastStore = path;
        recentStores.remove(path);
        recentStores.add(0, path);
        while (recentStores.size() > 8) {
            recentStores.remove(recentStores.size() - 1);
        }
    }
}
