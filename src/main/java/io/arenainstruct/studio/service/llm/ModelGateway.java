package io.arenainstruct.studio.service.llm;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ErrorClass;
import io.arenainstruct.studio.domain.llm.LedgerEntry;
import io.arenainstruct.studio.domain.llm.LedgerOutcome;
import io.arenainstruct.studio.domain.llm.Message;
import io.arenainstruct.studio.domain.llm.ModelCallException;
import io.arenainstruct.studio.domain.llm.ModelReply;
import io.arenainstruct.studio.domain.llm.ModelRequest;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.domain.llm.StreamSink;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.store.CallLedgerRepository;

/**
 * Every model call of the app goes through here. In order: the ledger answers identical requests (the
 * cache), and an identical request already in flight is waited for rather than sent again; the endpoint's
 * limits are waited for; the call is sent, retried with backoff (honouring Retry-After) within a retry
 * budget; a JSON reply is checked against its schema and repaired once; and the call is recorded in the
 * ledger, complete, before the answer is handed out.
 */
public final class ModelGateway {
    private static final Logger LOG = Logger.getLogger(ModelGateway.class.getName());
    private static final String REPAIR = "Your reply did not match the required JSON schema: %s. Reply again with"
            + " only the JSON, matching the schema exactly.";

    private final CallLedgerRepository ledger;
    private final KeyResolver keys;
    private final RetryPolicy policy;
    private final ChatTransport transport;
    private final DryRunTransport dryRun = new DryRunTransport();
    private final Map<Endpoint, EndpointLimiter> limiters = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    /** At most this many 429s per call are retried without counting as attempts (see EndpointLimiter). */
    private static final int MAX_OVER_CAPACITY = 16;

    public ModelGateway(CallLedgerRepository ledger, KeyResolver keys, RetryPolicy policy) {
        this(ledger, keys, policy, new Langchain4jTransport());
    }

    ModelGateway(CallLedgerRepository ledger, KeyResolver keys, RetryPolicy policy, ChatTransport transport) {
        this.ledger = ledger;
        this.keys = keys;
        this.policy = policy;
        this.transport = transport;
    }

    /** A plain call. Throws {@link ModelCallException} (already in the ledger) when it fails for good. */
    public ModelReply call(Endpoint endpoint, ModelRequest request, Cancellation cancellation) {
        return run(endpoint, request, null, cancellation);
    }

    /** A streamed call: {@code partials} gets text pieces as they arrive (on the calling thread or langchain4j's). */
    public ModelReply stream(Endpoint endpoint, ModelRequest request, StreamSink partials, Cancellation cancellation) {
        return run(endpoint, request, partials, cancellation);
    }

    private ModelReply run(Endpoint endpoint, ModelRequest request, StreamSink partials, Cancellation cancellation) {
        if (request.jsonSchema() != null) {
            SchemaCheck.requireReadable(request.jsonSchema());
        }
        RequestCodec.Resolved resolved = RequestCodec.resolve(endpoint, request);
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        if (request.fresh() || endpoint.provider() == Provider.DRY_RUN) {
            return send(endpoint, request, resolved, partials, cancellation, started, t0);
        }
        while (true) {
            Optional<LedgerEntry> cached = ledger.findAnswer(resolved.hash());
            if (cached.isPresent()) {
                return answerFromCache(endpoint, request, resolved, cached.get(), partials, started, t0);
            }
            // An identical request already on its way is not sent twice: wait for it, then ask the ledger again
            // (if it failed, this call sends its own).
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> other = inFlight.putIfAbsent(resolved.hash(), mine);
            if (other == null) {
                try {
                    return send(endpoint, request, resolved, partials, cancellation, started, t0);
                } finally {
                    inFlight.remove(resolved.hash(), mine);
                    mine.complete(null);
                }
            }
            try {
                awaitOther(other, cancellation);
            } catch (CancellationException e) {
                throw cancelled(endpoint, request, resolved, 0, t0, started, e);
            }
        }
    }

    private void awaitOther(CompletableFuture<Void> other, Cancellation cancellation) {
        waiting.incrementAndGet();
        try {
            while (!other.isDone()) {
                Pause.nanos(20_000_000L, cancellation);
            }
        } finally {
            waiting.decrementAndGet();
        }
    }

    /**
     * Endpoints (by name) whose requests in flight are lowered below their configured limit because the server
     * answered 429, with the current level. Empty when none is throttled.
     */
    public Map<String, Integer> throttled() {
        Map<String, Integer> out = new TreeMap<>();
        limiters.forEach((endpoint, limiter) -> {
            int now = limiter.effectiveLimit();
            if (now < limiter.configuredLimit()) {
                out.merge(endpoint.name(), now, Math::min);
            }
        });
        return out;
    }

    /** Calls waiting for an identical call in flight (tests watch it). */
    int waitingForIdentical() {
        return waiting.get();
    }

    private ModelReply send(
            Endpoint endpoint,
            ModelRequest request,
            RequestCodec.Resolved resolved,
            StreamSink partials,
            Cancellation cancellation,
            Instant started,
            long t0) {
        if (endpoint.provider() == Provider.DRY_RUN) {
            TransportReply reply =
                    dryRun.send(endpoint, null, resolved, partials == null ? null : partials::text, cancellation);
            long id = record(
                    endpoint,
                    request,
                    resolved,
                    LedgerOutcome.DRY_RUN,
                    reply.text(),
                    0,
                    0,
                    t0,
                    1,
                    null,
                    null,
                    started,
                    null);
            return new ModelReply(id, reply.text(), 0, 0, Duration.ofNanos(System.nanoTime() - t0), 1, false, true);
        }
        String key = keys.keyFor(endpoint).orElse(null);
        if (key == null && endpoint.requiresKey()) {
            long id = record(
                    endpoint,
                    request,
                    resolved,
                    LedgerOutcome.FAILED,
                    null,
                    0,
                    0,
                    t0,
                    0,
                    ErrorClass.NO_KEY,
                    "no key in " + (endpoint.apiKeyEnv() != null ? "$" + endpoint.apiKeyEnv() + " or " : "")
                            + "the secrets file",
                    started,
                    null);
            throw new ModelCallException(ErrorClass.NO_KEY, null, id, 0, null);
        }
        return attempt(endpoint, request, resolved, key, partials, cancellation, started, t0);
    }

    private ModelReply attempt(
            Endpoint endpoint,
            ModelRequest request,
            RequestCodec.Resolved resolved,
            String key,
            StreamSink partials,
            Cancellation cancellation,
            Instant started,
            long t0) {
        EndpointLimiter limiter = limiters.computeIfAbsent(endpoint, EndpointLimiter::new);
        limiter.retryBudget().deposit();
        RequestCodec.Resolved current = resolved;
        boolean repaired = false;
        int attempts = 0;
        int overCapacity = 0; // attempts refused with 429 while the endpoint was lowering its concurrency
        int tokensIn = 0;
        int tokensOut = 0;
        while (true) {
            attempts++;
            int estimate = estimateTokens(current);
            ErrorClass failure;
            String detail;
            Optional<Duration> retryAfter = Optional.empty();
            Throwable cause = null;
            EndpointLimiter.Permit permit;
            try {
                permit = limiter.acquire(estimate, cancellation);
            } catch (CancellationException e) {
                throw cancelled(endpoint, request, resolved, attempts - 1, t0, started, e);
            }
            TransportReply reply = null;
            if (partials != null && attempts > 1) {
                partials.restart();
            }
            ScrubbingStream stream = partials == null ? null : new ScrubbingStream(partials, key);
            try {
                reply = scrubbed(transport.send(endpoint, key, current, stream, cancellation), key);
                if (stream != null) {
                    stream.finish();
                }
            } catch (CancellationException e) {
                limiter.release(estimate, estimate);
                throw cancelled(endpoint, request, resolved, attempts, t0, started, e);
            } catch (Exception e) {
                cause = e;
            }
            limiter.release(estimate, reply == null ? estimate : reply.tokensIn() + reply.tokensOut());
            if (reply != null) {
                limiter.answered();
                tokensIn += reply.tokensIn();
                tokensOut += reply.tokensOut();
                if (reply.text().isBlank()) {
                    failure = ErrorClass.EMPTY_REPLY;
                    detail = "the reply had no text";
                } else if (resolved.jsonSchema() == null) {
                    return finish(
                            endpoint, request, resolved, reply.text(), tokensIn, tokensOut, attempts, t0, started);
                } else {
                    SchemaCheck.Result check = SchemaCheck.check(resolved.jsonSchema(), reply.text());
                    if (check.valid()) {
                        return finish(
                                endpoint, request, resolved, check.json(), tokensIn, tokensOut, attempts, t0, started);
                    }
                    if (!repaired && attempts - overCapacity < policy.maxAttempts()) {
                        // Show the model its own reply and what is wrong with it: one repair round.
                        repaired = true;
                        List<Message> messages = new ArrayList<>(current.messages());
                        messages.add(Message.assistant(reply.text()));
                        messages.add(Message.user(String.format(REPAIR, String.join("; ", check.problems()))));
                        current = RequestCodec.resolve(endpoint, request.withMessages(messages));
                        continue;
                    }
                    failure = ErrorClass.SCHEMA_MISMATCH;
                    detail = String.join("; ", check.problems());
                }
            } else {
                ErrorClassifier.Classified c = ErrorClassifier.classify(cause, key);
                failure = c.errorClass();
                // which server, for "is it running?"
                String where = failure == ErrorClass.NETWORK || failure == ErrorClass.TIMEOUT
                        ? ", calling " + endpoint.address()
                        : "";
                detail = KeyResolver.scrub(c.detail() + where, key);
                retryAfter = c.retryAfter();
                if (failure == ErrorClass.RATE_LIMIT) {
                    if (limiter.tooManyRequests(permit) && overCapacity < MAX_OVER_CAPACITY) {
                        // More in flight than the server serves: the limiter has lowered the concurrency, so this
                        // retry is not one of the call's attempts (a server that refuses even one call still
                        // uses them up once the limit is down to 1).
                        overCapacity++;
                        LOG.log(
                                Level.FINE,
                                () -> endpoint.name() + ": 429, in flight lowered to " + limiter.effectiveLimit());
                        try {
                            Pause.of(policy.delay(1, retryAfter), cancellation);
                        } catch (CancellationException e) {
                            throw cancelled(endpoint, request, resolved, attempts, t0, started, e);
                        }
                        continue;
                    }
                    limiter.pauseFor(policy.delay(attempts - overCapacity, retryAfter));
                }
            }
            int counted = attempts - overCapacity;
            boolean retry = failure.retriable()
                    && counted < policy.maxAttempts()
                    && limiter.retryBudget().tryWithdraw();
            if (!retry) {
                long id = record(
                        endpoint,
                        request,
                        resolved,
                        LedgerOutcome.FAILED,
                        null,
                        tokensIn,
                        tokensOut,
                        t0,
                        attempts,
                        failure,
                        detail,
                        started,
                        null);
                throw new ModelCallException(failure, detail, id, attempts, withoutKey(cause, key));
            }
            LOG.log(Level.FINE, () -> endpoint.name() + ": attempt failed (" + failure.label() + "), retrying");
            try {
                Pause.of(policy.delay(counted, retryAfter), cancellation);
            } catch (CancellationException e) {
                throw cancelled(endpoint, request, resolved, attempts, t0, started, e);
            }
        }
    }

    private ModelReply finish(
            Endpoint endpoint,
            ModelRequest request,
            RequestCodec.Resolved resolved,
            String text,
            int tokensIn,
            int tokensOut,
            int attempts,
            long t0,
            Instant started) {
        Duration latency = Duration.ofNanos(System.nanoTime() - t0);
        long id = record(
                endpoint,
                request,
                resolved,
                LedgerOutcome.OK,
                text,
                tokensIn,
                tokensOut,
                t0,
                attempts,
                null,
                null,
                started,
                null);
        return new ModelReply(id, text, tokensIn, tokensOut, latency, attempts, false, false);
    }

    private ModelReply answerFromCache(
            Endpoint endpoint,
            ModelRequest request,
            RequestCodec.Resolved resolved,
            LedgerEntry answer,
            StreamSink partials,
            Instant started,
            long t0) {
        if (partials != null) {
            partials.text(answer.reply());
        }
        long id = record(
                endpoint,
                request,
                resolved,
                LedgerOutcome.CACHED,
                answer.reply(),
                0,
                0,
                t0,
                0,
                null,
                null,
                started,
                answer.id());
        return new ModelReply(
                id,
                answer.reply(),
                answer.tokensIn(),
                answer.tokensOut(),
                Duration.ofNanos(System.nanoTime() - t0),
                0,
                true,
                false);
    }

    private ModelCallException cancelled(
            Endpoint endpoint,
            ModelRequest request,
            RequestCodec.Resolved resolved,
            int attempts,
            long t0,
            Instant started,
            CancellationException e) {
        long id = record(
                endpoint,
                request,
                resolved,
                LedgerOutcome.FAILED,
                null,
                0,
                0,
                t0,
                attempts,
                ErrorClass.CANCELLED,
                null,
                started,
                null);
        return new ModelCallException(ErrorClass.CANCELLED, null, id, attempts, e);
    }

    private long record(
            Endpoint endpoint,
            ModelRequest request,
            RequestCodec.Resolved resolved,
            String outcome,
            String reply,
            int tokensIn,
            int tokensOut,
            long t0,
            int attempts,
            ErrorClass errorClass,
            String detail,
            Instant started,
            Long cachedFrom) {
        LedgerEntry entry = new LedgerEntry(
                0,
                resolved.hash(),
                endpoint.name(),
                endpoint.provider().id(),
                endpoint.model(),
                resolved.json(),
                reply,
                tokensIn,
                tokensOut,
                Duration.ofNanos(System.nanoTime() - t0),
                attempts,
                outcome,
                errorClass,
                detail,
                started,
                request.runId(),
                request.step());
        return ledger.record(entry, cachedFrom);
    }

    /** A server may echo the key (a proxy's error page, a debugging echo): it never reaches the ledger or a caller. */
    private static TransportReply scrubbed(TransportReply reply, String key) {
        return reply == null
                ? null
                : new TransportReply(KeyResolver.scrub(reply.text(), key), reply.tokensIn(), reply.tokensOut());
    }

    /**
     * Hands streamed text on with the key redacted. A tail that could be the start of the key is held back until
     * the next piece (or the end) shows whether it is, so a key split over several pieces is caught too.
     */
    private static final class ScrubbingStream implements Consumer<String> {
        private final StreamSink sink;
        private final String key;
        private final StringBuilder pending = new StringBuilder();

        ScrubbingStream(StreamSink sink, String key) {
            this.sink = sink;
            this.key = key != null && key.length() >= 4 ? key : null; // as KeyResolver.scrub
        }

        @Override
        public synchronized void accept(String piece) {
            if (key == null) {
                sink.text(piece);
                return;
            }
            pending.append(piece);
            String text = KeyResolver.scrub(pending.toString(), key);
            int hold = KeyResolver.possibleKeyStart(text, key);
            pending.setLength(0);
            pending.append(text, text.length() - hold, text.length());
            if (hold < text.length()) {
                sink.text(text.substring(0, text.length() - hold));
            }
        }

        synchronized void finish() {
            if (pending.length() > 0) {
                sink.text(pending.toString());
                pending.setLength(0);
            }
        }
    }

    /** The cause as thrown, or, when a message in its chain holds the key, a copy of the chain with it redacted. */
    private static Throwable withoutKey(Throwable cause, String key) {
        if (cause == null || key == null) {
            return cause;
        }
        StringWriter trace = new StringWriter();
        cause.printStackTrace(new PrintWriter(trace));
        if (KeyResolver.scrub(trace.toString(), key).equals(trace.toString())) {
            return cause;
        }
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = cause; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        Throwable copy = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            copy = new RedactedCause(chain.get(i), key, copy);
        }
        return copy;
    }

    /** Stands in for an exception whose message held the key: same text (key redacted) and stack trace. */
    private static final class RedactedCause extends RuntimeException {
        private final String text;

        RedactedCause(Throwable original, String key, Throwable cause) {
            super(KeyResolver.scrub(original.getMessage(), key), cause, false, true);
            this.text = KeyResolver.scrub(original.toString(), key);
            setStackTrace(original.getStackTrace());
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private static int estimateTokens(RequestCodec.Resolved r) {
        int prompt = r.messages().stream().mapToInt(m -> m.content().length()).sum() / 4;
        return prompt + (r.maxTokens() != null ? r.maxTokens() : 256);
    }

    /** Whether the call ledger holds an answer to this request on this endpoint (a call would not ask the model). */
    public boolean ledgerAnswers(Endpoint endpoint, ModelRequest request) {
        return !request.fresh()
                && ledger.findAnswer(RequestCodec.resolve(endpoint, request).hash())
                        .isPresent();
    }
}
