package io.arenainstruct.studio.domain.arena;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

import io.arenainstruct.studio.domain.run.RunStatus;

/**
 * An answering or judging job: what was asked (its command line, which is also how it is resumed) and where it
 * stands. A job's results are responses and verdicts; its failures are kept per item until it succeeds.
 *
 * @param config  the job's settings as the command line writes them, e.g. {@code --endpoints a,b --instructions all}
 * @param message why it ended as it did, in words; null when it completed
 */
public record ArenaJob(
        long id, Kind kind, RunStatus status, String config, String message, Instant createdAt, Instant updatedAt) {
    public enum Kind {
        ANSWER,
        JUDGE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind of(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    public ArenaJob {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(config, "config");
    }
}
