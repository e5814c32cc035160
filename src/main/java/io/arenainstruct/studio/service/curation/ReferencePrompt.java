package io.arenainstruct.studio.service.curation;

import java.util.Objects;

/** One prompt of a reference set, e.g. an Arena-Hard question: its id in the set (a uid, a line number) and text. */
public record ReferencePrompt(String id, String text) {
    public ReferencePrompt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }
}
