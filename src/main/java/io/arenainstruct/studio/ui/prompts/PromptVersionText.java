package io.arenainstruct.studio.ui.prompts;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.scene.Node;
import javafx.scene.text.Text;

import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.domain.flow.PromptVersion;
import io.arenainstruct.studio.service.diff.WordDiff;
import io.arenainstruct.studio.ui.common.DiffText;

/** Prompt versions in words and two versions' differences as text nodes: what agents' and judges' panes show. */
final class PromptVersionText {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());

    private PromptVersionText() {}

    /** "Version 3 · 2026-12-06 21:40 · shorter". */
    static String label(PromptVersion v) {
        return "Version " + v.version() + " · " + (v.createdAt() == null ? "" : DATE.format(v.createdAt()))
                + (v.note() == null || v.note().isBlank() ? "" : " · " + v.note());
    }

    /** The system prompt and user message of the newer version, with the words changed since the older marked. */
    static List<Node> diff(PromptsViewModel.Comparison c) {
        List<Node> nodes = new ArrayList<>();
        if (c.newer() != null) {
            Prompt before = c.older() == null ? new Prompt("", "") : c.older().prompt();
            part(nodes, "System prompt", before.system(), c.newer().prompt().system(), c.older() == null);
            part(nodes, "User message", before.user(), c.newer().prompt().user(), c.older() == null);
        }
        return nodes;
    }

    private static void part(List<Node> nodes, String heading, String before, String after, boolean whole) {
        Text h = new Text((nodes.isEmpty() ? "" : "\n\n") + heading + "\n");
        h.getStyleClass().add("diff-heading");
        nodes.add(h);
        if (whole) {
            nodes.add(new Text(after));
            return;
        }
        nodes.addAll(DiffText.nodes(WordDiff.words(before, after)));
    }
}
