package io.arenainstruct.studio.ui.common;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.text.Text;

import io.arenainstruct.studio.service.diff.WordDiff;

/** A diff as text nodes for a TextFlow: added words styled "diff-added", removed ones struck through. */
public final class DiffText {
    private DiffText() {}

    public static List<Text> nodes(List<WordDiff.Segment> segments) {
        List<Text> out = new ArrayList<>();
        for (WordDiff.Segment s : segments) {
            Text t = new Text(s.text());
            switch (s.kind()) {
                case ADDED -> t.getStyleClass().add("diff-added");
                case REMOVED -> {
                    t.getStyleClass().add("diff-removed");
                    t.setStrikethrough(true);
                }
                default -> {}
            }
            out.add(t);
        }
        return out;
    }
}
