package io.arenainstruct.studio.service.job;

/** Items that failed at one stage for one reason (class and message), and how many did. */
public record Failure<S>(S stage, String errorClass, String message, int count) {}
