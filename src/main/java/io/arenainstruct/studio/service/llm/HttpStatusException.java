package io.arenainstruct.studio.service.llm;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.langchain4j.exception.HttpException;

/** An HTTP error status that keeps the response headers langchain4j's own exception drops (Retry-After). */
final class HttpStatusException extends HttpException {
    private final Map<String, List<String>> headers;

    HttpStatusException(int status, String body, Map<String, List<String>> headers) {
        super(status, body);
        this.headers = headers;
    }

    /** The server's Retry-After (seconds or an HTTP date), if it sent one. */
    Optional<Duration> retryAfter() {
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey() != null
                    && h.getKey().equalsIgnoreCase("retry-after")
                    && !h.getValue().isEmpty()) {
                return parseRetryAfter(h.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    static Optional<Duration> parseRetryAfter(String value) {
        String v = value.strip();
        try {
            return Optional.of(Duration.ofMillis((long) (Double.parseDouble(v) * 1000)));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(when.getZone()), when);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (RuntimeException ignored) {
                return Optional.empty();
            }
        }
    }
}
