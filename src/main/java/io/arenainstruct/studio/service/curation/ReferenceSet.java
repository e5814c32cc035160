package io.arenainstruct.studio.service.curation;

import java.util.List;
import java.util.Objects;

/** Prompts an export must not contain, e.g. a benchmark's questions; the name is what drop reasons cite. */
public record ReferenceSet(String name, List<ReferencePrompt> prompts) {
    public ReferenceSet {
        Objects.requireNonNull(name, "name");
        prompts = List.copyOf(prompts);
    }
}
