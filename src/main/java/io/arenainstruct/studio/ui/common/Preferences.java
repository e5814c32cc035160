package io.arenainstruct.studio.ui.common;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The curator's choices that areas remember across sessions. The app keeps them in its settings file (saved on
 * every change); a fresh instance holds the defaults and remembers nothing (tests, benchmarks).
 */
public final class Preferences {
    private final BooleanProperty moveOnAfterDecision = new SimpleBooleanProperty(true);
    private final StringProperty annotator = new SimpleStringProperty();
    private final StringProperty leaderboardSource = new SimpleStringProperty("combined");
    private final BooleanProperty leaderboardStyleControl = new SimpleBooleanProperty();

    /** Whether accept and reject in the Refinement area move on to the next instruction. */
    public BooleanProperty moveOnAfterDecision() {
        return moveOnAfterDecision;
    }

    /** The annotator's name every human verdict carries: asked once, then remembered; null until given. */
    public StringProperty annotator() {
        return annotator;
    }

    /** The Leaderboard's source, by its command-line id (judge, human, combined, imported). */
    public StringProperty leaderboardSource() {
        return leaderboardSource;
    }

    /** Whether the Leaderboard rates with style control. */
    public BooleanProperty leaderboardStyleControl() {
        return leaderboardStyleControl;
    }
}
