package io.arenainstruct.studio.domain.run;

import java.time.Instant;

/** One run as lists show it. */
public record RunSummary(
        long id,
        RunStatus status,
        RunConfig config,
        Instant createdAt,
        Instant updatedAt,
        int instructions,
        int complete,
        int failed,
        String message) {}
