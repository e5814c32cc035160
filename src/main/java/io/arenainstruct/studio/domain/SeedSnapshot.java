package io.arenainstruct.studio.domain;

/** A stored seed with its text: what deleting keeps so that undo can put it back unchanged. */
public record SeedSnapshot(Seed seed, String content) {}
