package io.arenainstruct.studio.service.llm;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;

import io.arenainstruct.studio.domain.llm.ErrorClass;

/** Turns whatever a call threw into an {@link ErrorClass}, a short detail, and the server's Retry-After. */
final class ErrorClassifier {
    record Classified(ErrorClass errorClass, String detail, Optional<Duration> retryAfter) {}

    private ErrorClassifier() {}

    /**
     * {@code key} (may be null) is redacted from the detail before it is cut to length, so a cut cannot leave half
     * of an echoed key behind.
     */
    static Classified classify(Throwable error, String key) {
        Optional<Duration> retryAfter = Optional.empty();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpStatusException s) {
                retryAfter = s.retryAfter();
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpException http) {
                return new Classified(
                        fromStatus(http.statusCode(), http.getMessage()),
                        "HTTP " + http.statusCode() + excerpt(KeyResolver.scrub(http.getMessage(), key)),
                        retryAfter);
            }
        }
        ErrorClass c = fromType(error);
        return new Classified(c, describe(error, key), retryAfter);
    }

    static ErrorClass fromStatus(int status, String body) {
        String b = body == null ? "" : body.toLowerCase(Locale.ROOT);
        if (status == 401 || status == 403) {
            return ErrorClass.AUTHENTICATION;
        }
        if (status == 404) {
            return ErrorClass.MODEL_NOT_FOUND;
        }
        if (status == 408 || status == 504) {
            return ErrorClass.TIMEOUT;
        }
        if (status == 413
                || b.contains("context_length")
                || b.contains("context length")
                || b.contains("maximum context")
                || b.contains("too many tokens")
                || b.contains("prompt is too long")) {
            return ErrorClass.CONTEXT_TOO_LONG;
        }
        if (status == 429) {
            return b.contains("insufficient_quota") || b.contains("exceeded your current quota")
                    ? ErrorClass.QUOTA_EXCEEDED
                    : ErrorClass.RATE_LIMIT;
        }
        if (b.contains("credit balance is too low")) {
            // Anthropic says so with a 400 invalid_request_error
            return ErrorClass.QUOTA_EXCEEDED;
        }
        if (b.contains("content_filter") || b.contains("content filter") || b.contains("content management policy")) {
            return ErrorClass.CONTENT_FILTERED;
        }
        if (status >= 500) {
            return ErrorClass.SERVER_ERROR;
        }
        return ErrorClass.INVALID_REQUEST;
    }

    @SuppressWarnings("checkstyle:qualifiedname") // three TimeoutExceptions: langchain4j's is imported
    private static ErrorClass fromType(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AuthenticationException) {
                return ErrorClass.AUTHENTICATION;
            }
            if (t instanceof RateLimitException) {
                return ErrorClass.RATE_LIMIT;
            }
            if (t instanceof ModelNotFoundException) {
                return ErrorClass.MODEL_NOT_FOUND;
            }
            if (t instanceof ContentFilteredException) {
                return ErrorClass.CONTENT_FILTERED;
            }
            if (t instanceof TimeoutException
                    || t instanceof HttpTimeoutException
                    || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof IdleTimeoutInputStream.IdleTimeoutException) {
                return ErrorClass.TIMEOUT;
            }
            if (t instanceof InternalServerException) {
                return ErrorClass.SERVER_ERROR;
            }
            if (t instanceof InvalidRequestException) {
                return ErrorClass.INVALID_REQUEST;
            }
            if (t instanceof JsonProcessingException || t instanceof TruncatedReplyException) {
                return ErrorClass.MALFORMED_REPLY;
            }
            if (t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof SSLException
                    || t instanceof EOFException
                    || t instanceof ClosedChannelException
                    || t instanceof UnresolvedAddressException) {
                return ErrorClass.NETWORK;
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return ErrorClass.NETWORK;
            }
        }
        return ErrorClass.MALFORMED_REPLY;
    }

    private static String describe(Throwable error, String key) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + KeyResolver.scrub(root.getMessage(), key);
        return root.getClass().getSimpleName() + excerpt(message);
    }

    private static String excerpt(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ").strip();
        String cut = oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
        return cut.startsWith(":") ? cut : ": " + cut;
    }
}
