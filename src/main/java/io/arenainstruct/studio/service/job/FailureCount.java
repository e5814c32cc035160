package io.arenainstruct.studio.service.job;

import io.arenainstruct.studio.domain.provenance.Failure;

/** How many units failed for one reason at one stage. */
public record FailureCount<S>(Failure<S> failure, int count) {}
