package io.arenainstruct.studio.domain.flow;

import java.time.Instant;

/**
 * One saved version of an agent's prompt. Versions count from 1 (the shipped text); every edit or revert
 * adds a version, so a run can name exactly what it used.
 */
public record PromptVersion(String agentKey, int version, Prompt prompt, Instant createdAt, String note) {}
