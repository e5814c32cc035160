package io.arenainstruct.studio.domain.curation;

/** One prompt of a stored reference set, in file order: the id the file gave it and its text. */
public record StoredPrompt(String id, String text) {}
