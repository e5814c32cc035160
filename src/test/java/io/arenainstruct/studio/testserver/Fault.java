package io.arenainstruct.studio.testserver;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One misbehaviour of the {@link FakeModelServer}, queued with {@link FakeModelServer#enqueue(Fault...)} and
 * served to the next chat request ({@code POST /v1/chat/completions}, {@code POST /api/chat} or
 * {@code POST /v1/messages}) that gets past authentication and the capacity limit; the request after it is
 * answered normally again. Every fault is rendered in the wire format of the endpoint that was hit (OpenAI,
 * Ollama or Anthropic).
 *
 * <p>Faults are immutable values; the {@code retryAfterSeconds}, {@code message} and {@code rawBody}
 * modifiers return a new fault.
 */
public final class Fault {

    enum Kind {
        STATUS,
        RESET_MID_BODY,
        MALFORMED_JSON,
        TRUNCATED_STREAM,
        EMPTY_CONTENT,
        DELAY,
        CONTENT_FILTERED,
        CONTEXT_TOO_LONG,
        QUOTA_EXCEEDED,
        ERROR_MID_STREAM,
        STALL_MID_BODY
    }

    final Kind kind;
    final int status;
    final Long retryAfterSeconds;
    final Duration delay;
    final String message;
    final String rawContentType;
    final String rawBody;

    private Fault(
            Kind kind,
            int status,
            Long retryAfterSeconds,
            Duration delay,
            String message,
            String rawContentType,
            String rawBody) {
        this.kind = kind;
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
        this.delay = delay;
        this.message = message;
        this.rawContentType = rawContentType;
        this.rawBody = rawBody;
    }

    private static Fault of(Kind kind) {
        return new Fault(kind, 0, null, null, null, null, null);
    }

    /**
     * An HTTP error status with the error body of the endpoint hit. OpenAI: 400 invalid_request_error,
     * 401 {@code invalid_api_key}, 404 {@code model_not_found}, 429 {@code rate_limit_exceeded}, 5xx
     * server_error (code null). Ollama: {@code {"error":"..."}}, e.g. 404
     * {@code model "x" not found, try pulling it first}, 503 {@code server busy, ...}. Anthropic:
     * {@code {"type":"error","error":{"type":...,"message":...}}} with 400 invalid_request_error,
     * 401 authentication_error, 403 permission_error, 404 not_found_error ("model: x"), 429 rate_limit_error,
     * 500 api_error, 529 overloaded_error ("Overloaded").
     */
    public static Fault status(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status is 400..599, not " + status);
        }
        return new Fault(Kind.STATUS, status, null, null, null, null, null);
    }

    /** Adds a {@code Retry-After: seconds} header to a {@link #status(int)} fault (429 and 503 carry it for real). */
    public Fault retryAfterSeconds(long seconds) {
        requireStatus("retryAfterSeconds");
        if (seconds < 0) {
            throw new IllegalArgumentException("Retry-After cannot be negative: " + seconds);
        }
        return new Fault(kind, status, seconds, delay, message, rawContentType, rawBody);
    }

    /** Replaces the human-readable error message of a {@link #status(int)} fault (the codes stay). */
    public Fault message(String errorMessage) {
        requireStatus("message");
        return new Fault(
                kind, status, retryAfterSeconds, delay, Objects.requireNonNull(errorMessage), rawContentType, rawBody);
    }

    /**
     * Replaces the whole body of a {@link #status(int)} fault, e.g. the HTML page a reverse proxy sends with a
     * 502: {@code Fault.status(502).rawBody("text/html", "<html>...</html>")}.
     */
    public Fault rawBody(String contentType, String body) {
        requireStatus("rawBody");
        return new Fault(
                kind,
                status,
                retryAfterSeconds,
                delay,
                message,
                Objects.requireNonNull(contentType),
                Objects.requireNonNull(body));
    }

    /**
     * The connection is closed after part of the body was sent: a non-streaming reply announces its full
     * {@code Content-Length} and stops half-way; a stream stops after half of its events without the final
     * zero-length chunk. Either way the client gets an {@link java.io.IOException} while reading the body.
     */
    public static Fault resetMidBody() {
        return of(Kind.RESET_MID_BODY);
    }

    /**
     * Status 200 with a body that is not JSON (declared {@code application/json}); in a stream, one event
     * (SSE {@code data:} line or NDJSON line) that is not JSON, followed by the rest of a normal stream.
     */
    public static Fault malformedJson() {
        return of(Kind.MALFORMED_JSON);
    }

    /**
     * A stream that ends cleanly (the HTTP body is complete) after half of its content events, so it lacks the
     * final chunk and {@code data: [DONE]} (OpenAI), the {@code "done":true} line (Ollama), or
     * {@code content_block_stop}, {@code message_delta} and {@code message_stop} (Anthropic). For a
     * non-streaming request the JSON body is cut in half, again with a clean end of body.
     */
    public static Fault truncatedStream() {
        return of(Kind.TRUNCATED_STREAM);
    }

    /**
     * A valid reply whose assistant content is {@code ""} (finish reason "stop", completion tokens 0); Anthropic:
     * {@code "content":[]} with {@code end_turn} (a stream without any content block).
     */
    public static Fault emptyContent() {
        return of(Kind.EMPTY_CONTENT);
    }

    /** Waits this long before answering (normally) — on top of {@link FakeModelServer#latency(Duration)}. */
    public static Fault delay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
        return new Fault(Kind.DELAY, 0, null, delay, null, null, null);
    }

    /**
     * OpenAI: a reply cut by the content filter: only the first piece of the text and
     * {@code finish_reason "content_filter"} (streaming: the last chunk carries it). Anthropic: likewise only the
     * first piece, with {@code stop_reason "refusal"}. Ollama has no content
     * filter: the reply is empty with {@code done_reason "stop"}, as with {@link #emptyContent()}.
     */
    public static Fault contentFiltered() {
        return of(Kind.CONTENT_FILTERED);
    }

    /**
     * OpenAI: 400 with {@code "type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}.
     * Ollama: 400 {@code {"error":"the input length exceeds the context length"}} (a real Ollama usually
     * truncates the prompt silently instead). Anthropic: 400 invalid_request_error
     * {@code prompt is too long: N tokens > 200000 maximum}.
     */
    public static Fault contextTooLong() {
        return of(Kind.CONTEXT_TOO_LONG);
    }

    /**
     * OpenAI's other 429: {@code "type":"insufficient_quota","code":"insufficient_quota"} — retrying does not
     * help. Ollama: 429 {@code {"error":"..."}}. Anthropic: 400 invalid_request_error "Your credit balance is too
     * low to access the Anthropic API. ...".
     */
    public static Fault quotaExceeded() {
        return of(Kind.QUOTA_EXCEEDED);
    }

    /**
     * A stream that starts normally (status 200) and then carries an error object instead of the rest:
     * OpenAI {@code data: {"error":{...}}}, Ollama {@code {"error":"..."}} as the last NDJSON line, Anthropic
     * {@code event: error} with an overloaded_error; no [DONE] / done:true / message_stop follows. For a
     * non-streaming request: a plain 500.
     */
    public static Fault errorMidStream() {
        return of(Kind.ERROR_MID_STREAM);
    }

    /**
     * Status 200 and half of the body (half of a stream's events, or half of a JSON body), then silence for
     * {@code stall} before the rest follows normally: a server that hangs in the middle of a reply.
     */
    public static Fault stallMidBody(Duration stall) {
        if (stall.isNegative()) {
            throw new IllegalArgumentException("negative stall " + stall);
        }
        return new Fault(Kind.STALL_MID_BODY, 0, null, stall, null, null, null);
    }

    private void requireStatus(String modifier) {
        if (kind != Kind.STATUS) {
            throw new IllegalStateException(modifier + " applies to Fault.status(..), not to " + this);
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case STATUS ->
                "Fault.status(" + status + ")"
                        + (retryAfterSeconds != null ? ".retryAfterSeconds(" + retryAfterSeconds + ")" : "")
                        + (message != null ? ".message(..)" : "")
                        + (rawBody != null ? ".rawBody(" + rawContentType + ", ..)" : "");
            case DELAY -> "Fault.delay(" + delay + ")";
            case STALL_MID_BODY -> "Fault.stallMidBody(" + delay + ")";
            default -> "Fault." + kind.name().toLowerCase(Locale.ROOT);
        };
    }
}
