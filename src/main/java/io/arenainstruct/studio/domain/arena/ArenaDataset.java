package io.arenainstruct.studio.domain.arena;

import java.time.Instant;

/** A named import of instructions (and the responses the files carried). */
public record ArenaDataset(long id, String name, String format, int instructions, int responses, Instant createdAt) {}
