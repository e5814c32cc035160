package io.arenainstruct.studio.domain.loop;

import java.util.List;

/**
 * What {@code loop undo} did.
 *
 * @param acceptance the acceptance undone
 * @param proposals  the ids of the proposals it had accepted, now recorded as undone
 * @param restored   each thing put back, in words ("taxonomy SKILL: version 3 restored as version 5")
 */
public record UndoneAcceptance(AcceptanceRecord acceptance, List<String> proposals, List<String> restored) {
    public UndoneAcceptance {
        proposals = List.copyOf(proposals);
        restored = List.copyOf(restored);
    }
}
