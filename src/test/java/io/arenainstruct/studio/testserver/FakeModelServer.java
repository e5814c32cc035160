package io.arenainstruct.studio.testserver;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.arenainstruct.studio.testserver.RecordedRequest.Api;

/**
 * An in-test LLM server on 127.0.0.1 (ephemeral port) that speaks the real wire formats of the OpenAI Chat
 * Completions API ({@code /v1/...}), of Ollama's native API ({@code /api/...}) and of the Anthropic Messages API
 * ({@code /v1/messages}), including their failure modes. All three APIs are served at once by one server.
 *
 * <pre>{@code
 * try (FakeModelServer server = FakeModelServer.start()) {
 *     server.models("llama3.2").reply("hello");
 *     server.enqueue(Fault.status(429).retryAfterSeconds(2));
 *     ... point a client at server.openAiBaseUrl() (OpenAI and Anthropic clients) or server.baseUrl() ...
 *     assertThat(server.requests()).hasSize(2);
 * }
 * }</pre>
 *
 * <p>Routes: {@code POST /v1/chat/completions}, {@code GET /v1/models}, {@code POST /v1/messages},
 * {@code POST /api/chat}, {@code GET /api/tags}, {@code GET /api/version}, {@code GET /} ("Ollama is running").
 * Anything else gets the endpoint family's 404. {@code GET /v1/models} answers in Anthropic's format when the
 * request carries an {@code anthropic-version} header, else in OpenAI's.
 *
 * <p>Every request is recorded, then: the API key is checked ({@link #requireApiKey(String)}), then the
 * capacity ({@link #capacity(int)}), then the {@link #latency(Duration)} and a {@link #pauseReplies() pause}
 * are waited out, then the request is routed. A chat request then takes the next queued {@link Fault}, if
 * any; without one, an unknown model gets a 404 (only when {@link #models(String...)} was set) and everything
 * else the reply text ({@link #reply(String)}, {@link #replyWith(Function)}). Token counts are
 * {@link RecordedRequest#estimateTokens(String) words}. Streams are split into word-sized pieces. An Anthropic
 * request must also carry {@code max_tokens} and at least one message, or it gets Anthropic's 400.
 *
 * <p>Thread-safe; configure it at any time, also while requests are in flight.
 */
public final class FakeModelServer implements AutoCloseable {

    /** What every chat request is answered with until {@link #reply(String)} or {@link #replyWith(Function)}. */
    public static final String DEFAULT_REPLY = "Hello! I am a fake model, happy to help.";

    private static final OpenAiWire OPENAI = new OpenAiWire();
    private static final WireFormat OLLAMA = new OllamaWire();
    private static final AnthropicWire ANTHROPIC = new AnthropicWire();

    private final HttpServer http;
    private final ExecutorService workers;
    private final String baseUrl;

    private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusedForCapacity = new AtomicInteger();
    private final AtomicLong completionIds = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    private final Object flight = new Object();
    private int inFlight; // guarded by flight: every request being handled, refused ones included
    private int unanswered; // guarded by flight: requests received whose answer has not begun to be written
    private int maxUnanswered; // guarded by flight
    private int admitted; // guarded by flight: requests that got past the capacity check
    private int undecided; // guarded by flight: requests in flight not yet admitted or refused

    private volatile Function<RecordedRequest, String> replies = request -> DEFAULT_REPLY;
    private volatile Duration latency = Duration.ZERO;
    private volatile int capacity = Integer.MAX_VALUE;
    private volatile List<String> models = List.of();
    private volatile String apiKey;
    private volatile CountDownLatch pause;
    private volatile int refuseResponseFormat; // 0: structured-output requests are served like any other

    private FakeModelServer() throws IOException {
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        http = HttpServer.create(new InetSocketAddress(loopback, 0), 128);
        AtomicInteger threads = new AtomicInteger();
        workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "fake-model-server-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        http.setExecutor(workers);
        http.createContext("/", this::handle);
        http.start();
        baseUrl = "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** Starts a server on 127.0.0.1 with an ephemeral port. */
    public static FakeModelServer start() {
        try {
            return new FakeModelServer();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start FakeModelServer", e);
        }
    }

    // ----------------------------------------------------------------------------------------- addresses

    /** {@code http://127.0.0.1:PORT} — the base URL for Ollama clients. */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * {@code http://127.0.0.1:PORT/v1} — the base URL for OpenAI-compatible clients, and for Anthropic clients
     * (which append {@code messages}).
     */
    public String openAiBaseUrl() {
        return baseUrl + "/v1";
    }

    public int port() {
        return http.getAddress().getPort();
    }

    // ------------------------------------------------------------------------------------- configuration

    /** Answers every chat request with this assistant text. */
    public FakeModelServer reply(String text) {
        Objects.requireNonNull(text, "text");
        replies = request -> text;
        return this;
    }

    /**
     * Answers every chat request with the text this function computes from the parsed request. If it throws,
     * the request gets a 500 in the endpoint's format whose message names the exception.
     */
    public FakeModelServer replyWith(Function<RecordedRequest, String> reply) {
        replies = Objects.requireNonNull(reply, "reply");
        return this;
    }

    /** Queues faults; each is served to one chat request, in order, then requests are answered normally again. */
    public FakeModelServer enqueue(Fault... faultsInOrder) {
        for (Fault fault : faultsInOrder) {
            faults.add(Objects.requireNonNull(fault, "fault"));
        }
        return this;
    }

    /** A fixed latency before every admitted request is answered (Duration.ZERO = none). */
    public FakeModelServer latency(Duration fixedLatency) {
        if (fixedLatency.isNegative()) {
            throw new IllegalArgumentException("negative latency " + fixedLatency);
        }
        latency = fixedLatency;
        return this;
    }

    /**
     * At most this many requests are served at once; a request arriving while that many are in flight gets an
     * immediate 429 (OpenAI {@code rate_limit_exceeded} body, Ollama {@code {"error":...}}, or Anthropic
     * {@code rate_limit_error}), without
     * Retry-After, and is counted in {@link #count429()}.
     */
    public FakeModelServer capacity(int maxConcurrentRequests) {
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + maxConcurrentRequests);
        }
        capacity = maxConcurrentRequests;
        return this;
    }

    /** Removes the capacity limit (the default). */
    public FakeModelServer unlimitedCapacity() {
        capacity = Integer.MAX_VALUE;
        return this;
    }

    /**
     * The installed models: listed by {@code /v1/models} (as given) and {@code /api/tags} (as
     * {@code name:latest} when untagged). A chat for any other model gets 404 in the endpoint's format
     * ("llama3.2" and "llama3.2:latest" are the same model). Without this call (or with no names) every
     * model name is accepted and the listings are empty.
     */
    public FakeModelServer models(String... names) {
        models = List.copyOf(Arrays.asList(names));
        return this;
    }

    /**
     * Requires {@code Authorization: Bearer <key>} on every OpenAI and Ollama request and {@code x-api-key: <key>}
     * on every Anthropic request ({@code /v1/messages}); others get 401 in the endpoint's format (OpenAI: code null
     * when the header is missing, {@code invalid_api_key} when the key is wrong; Anthropic:
     * {@code authentication_error}). {@code null} switches the check off.
     */
    public FakeModelServer requireApiKey(String key) {
        apiKey = key;
        return this;
    }

    /**
     * Answers every chat request carrying a structured-output parameter ({@link RecordedRequest#responseFormat()})
     * with this error status (400 or 422) in the endpoint's format, as servers that do not take one do (older LM
     * Studio, llama.cpp and vLLM builds); requests without one are served normally. 0 switches it off.
     */
    public FakeModelServer refuseResponseFormat(int status) {
        if (status != 0 && status != 400 && status != 422) {
            throw new IllegalArgumentException("a refused response_format is 400 or 422, not " + status);
        }
        refuseResponseFormat = status;
        return this;
    }

    /**
     * Holds every admitted request before it is answered until {@link #resumeReplies()}: together with
     * {@link #awaitInFlight(int, Duration)} this builds exact concurrency scenarios without timing.
     */
    public FakeModelServer pauseReplies() {
        synchronized (flight) {
            if (pause == null) {
                pause = new CountDownLatch(1);
            }
        }
        return this;
    }

    /** Lets all held requests (and later ones) be answered. */
    public FakeModelServer resumeReplies() {
        CountDownLatch held;
        synchronized (flight) {
            held = pause;
            pause = null;
        }
        if (held != null) {
            held.countDown();
        }
        return this;
    }

    /** Back to the defaults: default reply, no faults, latency, capacity, models, key or pause; records cleared. */
    public FakeModelServer reset() {
        resumeReplies();
        replies = request -> DEFAULT_REPLY;
        faults.clear();
        latency = Duration.ZERO;
        capacity = Integer.MAX_VALUE;
        models = List.of();
        apiKey = null;
        refuseResponseFormat = 0;
        recorded.clear();
        refusedForCapacity.set(0);
        synchronized (flight) {
            maxUnanswered = unanswered;
        }
        return this;
    }

    // --------------------------------------------------------------------------------------- observation

    /** Every request received so far, in arrival order, including refused and non-chat ones. */
    public List<RecordedRequest> requests() {
        return List.copyOf(recorded);
    }

    /**
     * Only the chat requests ({@code POST /v1/chat/completions}, {@code POST /api/chat}, {@code POST /v1/messages}).
     */
    public List<RecordedRequest> chatRequests() {
        return recorded.stream().filter(RecordedRequest::isChat).toList();
    }

    /** The most recent request; fails when there was none. */
    public RecordedRequest lastRequest() {
        List<RecordedRequest> all = requests();
        if (all.isEmpty()) {
            throw new IllegalStateException("FakeModelServer has received no request");
        }
        return all.get(all.size() - 1);
    }

    /** Faults queued but not yet served. */
    public List<Fault> pendingFaults() {
        return List.copyOf(faults);
    }

    /** How many requests were refused with 429 because {@link #capacity(int)} was reached. */
    public int count429() {
        return refusedForCapacity.get();
    }

    /**
     * The most requests a client had in flight at once: received and not yet answered (refused ones included until
     * their refusal is written). A request stops counting before its answer's first byte is written, so a client
     * that sends its next request when an answer arrives is never counted twice, however slowly the server's
     * thread finishes writing.
     */
    public int maxConcurrentSeen() {
        synchronized (flight) {
            return maxUnanswered;
        }
    }

    /** Requests being handled right now. */
    public int inFlight() {
        synchronized (flight) {
            return inFlight;
        }
    }

    /**
     * Blocks until at least {@code count} requests are in flight and each has been admitted or refused (so the
     * next request meets a settled capacity); throws AssertionError after {@code timeout}. Use it with
     * {@link #pauseReplies()} or a {@link #latency(Duration)}.
     */
    public void awaitInFlight(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (flight) {
            while (inFlight < count || undecided > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(
                            "expected " + count + " requests in flight within " + timeout + ", saw " + inFlight);
                }
                TimeUnit.NANOSECONDS.timedWait(flight, left);
            }
        }
    }

    /** Stops the server at once: held and delayed requests are abandoned, their connections closed. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        http.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "FakeModelServer[" + baseUrl + "]";
    }

    // ------------------------------------------------------------------------------------------ handling

    /** Thrown out of the handler so that the JDK server closes the connection without finishing the body. */
    private static final class AbortConnection extends IOException {
        AbortConnection(String why) {
            super(why);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        RecordedRequest request;
        try {
            request = RecordedRequest.of(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI(),
                    exchange.getRequestHeaders(),
                    exchange.getRequestBody().readAllBytes());
        } catch (IOException | RuntimeException e) {
            exchange.close();
            return;
        }
        recorded.add(request);
        WireFormat wire = switch (request.api()) {
            case OLLAMA -> OLLAMA;
            case ANTHROPIC -> ANTHROPIC;
            case OPENAI -> OPENAI;
        };
        enter();
        boolean admittedHere = false;
        boolean abort = false;
        boolean[] answering = {false};
        try {
            String key = apiKey;
            String expected = request.api() == Api.ANTHROPIC ? key : "Bearer " + key;
            if (key != null && !expected.equals(request.authorization())) {
                synchronized (flight) {
                    decided();
                }
                answering(answering);
                String presented = request.authorization();
                sendJson(
                        exchange,
                        401,
                        wire,
                        presented == null
                                ? wire.missingApiKey()
                                : wire.wrongApiKey(presented.replaceFirst("^(?i)bearer\\s+", "")),
                        null);
                return;
            }
            admittedHere = admit();
            if (!admittedHere) {
                refusedForCapacity.incrementAndGet();
                answering(answering);
                sendJson(exchange, 429, wire, wire.overCapacity(capacity), null);
                return;
            }
            sleep(latency);
            CountDownLatch held = pause;
            if (held != null) {
                held.await();
            }
            if (admittedHere) {
                // The "model" is done: like a real server, writing the answer out no longer takes a serving slot.
                // Freed before the client can read the answer, so a client that keeps C requests in flight is never
                // refused by a slot that is only busy sending.
                freeSlot();
                admittedHere = false;
            }
            answering(answering);
            route(exchange, request, wire);
        } catch (AbortConnection e) {
            abort = true;
            throw e;
        } catch (InterruptedException e) {
            abort = true;
            Thread.currentThread().interrupt();
            throw new AbortConnection("server closed while the request was held");
        } finally {
            answering(answering);
            leave(admittedHere);
            if (!abort) {
                exchange.close();
            }
        }
    }

    private void route(HttpExchange exchange, RecordedRequest request, WireFormat wire)
            throws IOException, InterruptedException {
        String route = request.method() + " " + request.path();
        switch (route) {
            case "POST /v1/chat/completions", "POST /api/chat", "POST /v1/messages" -> chat(exchange, request, wire);
            case "GET /v1/models", "GET /api/tags" -> sendJson(exchange, 200, wire, wire.models(models), null);
            case "GET /api/version" ->
                sendBody(exchange, 200, OLLAMA.jsonContentType(), "{\"version\":\"0.12.0\"}", null);
            case "GET /", "HEAD /" -> sendBody(exchange, 200, "text/plain; charset=utf-8", "Ollama is running", null);
            default -> {
                if (request.api() == Api.OLLAMA) {
                    sendBody(exchange, 404, "text/plain", "404 page not found", null);
                } else if (request.api() == Api.ANTHROPIC) {
                    sendJson(exchange, 404, wire, ANTHROPIC.notFound(), null);
                } else {
                    sendJson(exchange, 404, wire, OPENAI.invalidUrl(route), null);
                }
            }
        }
    }

    private void chat(HttpExchange exchange, RecordedRequest request, WireFormat wire)
            throws IOException, InterruptedException {
        if (request.json() == null || !request.json().isObject()) {
            sendJson(exchange, 400, wire, wire.badJson(), null);
            return;
        }
        String model = request.model();
        if (model == null || model.isBlank()) {
            sendJson(exchange, 400, wire, wire.modelRequired(), null);
            return;
        }
        JsonNode invalid = wire.validate(request);
        if (invalid != null) {
            sendJson(exchange, 400, wire, invalid, null);
            return;
        }
        int refusing = refuseResponseFormat;
        if (refusing != 0 && request.responseFormat() != null) {
            sendJson(
                    exchange,
                    refusing,
                    wire,
                    wire.errorForStatus(refusing, model, "'response_format' is not supported by this server"),
                    null);
            return;
        }
        Fault fault = faults.poll();
        Fault.Kind kind = fault == null ? null : fault.kind;
        if (kind == Fault.Kind.DELAY) {
            sleep(fault.delay);
        }
        if (kind == Fault.Kind.STATUS) {
            String retryAfter = fault.retryAfterSeconds == null ? null : String.valueOf(fault.retryAfterSeconds);
            if (fault.rawBody != null) {
                sendBody(exchange, fault.status, fault.rawContentType, fault.rawBody, retryAfter);
            } else {
                sendJson(
                        exchange,
                        fault.status,
                        wire,
                        wire.errorForStatus(fault.status, model, fault.message),
                        retryAfter);
            }
            return;
        }
        if (kind == Fault.Kind.CONTEXT_TOO_LONG) {
            sendJson(exchange, 400, wire, wire.contextTooLong(request.promptTokens()), null);
            return;
        }
        if (kind == Fault.Kind.QUOTA_EXCEEDED) {
            sendJson(exchange, wire.quotaExceededStatus(), wire, wire.quotaExceeded(), null);
            return;
        }
        if (kind == Fault.Kind.ERROR_MID_STREAM && !request.stream()) {
            sendJson(exchange, 500, wire, wire.errorForStatus(500, model, null), null);
            return;
        }
        if (!knows(model)) {
            sendJson(exchange, 404, wire, wire.unknownModel(model), null);
            return;
        }
        String text;
        if (kind == Fault.Kind.EMPTY_CONTENT || (kind == Fault.Kind.CONTENT_FILTERED && wire == OLLAMA)) {
            text = "";
        } else {
            try {
                text = Objects.requireNonNull(replies.apply(request), "the reply function returned null");
            } catch (RuntimeException e) {
                sendJson(exchange, 500, wire, wire.replyFailed(e.toString()), null);
                return;
            }
        }
        String finishReason = "stop";
        List<String> pieces = pieces(text);
        if (kind == Fault.Kind.CONTENT_FILTERED && wire != OLLAMA) {
            text = pieces.get(0);
            pieces = List.of(text);
            finishReason = "content_filter";
        }
        long id = completionIds.incrementAndGet();
        WireFormat.Completion completion = new WireFormat.Completion(
                wire.idPrefix() + id,
                model,
                Instant.now().getEpochSecond(),
                Instant.now().toString(),
                text,
                pieces,
                request.promptTokens(),
                RecordedRequest.estimateTokens(text),
                finishReason);
        if (request.stream()) {
            stream(exchange, wire, completion, request.includeUsage(), fault);
        } else {
            single(exchange, wire, completion, fault);
        }
    }

    private void single(HttpExchange exchange, WireFormat wire, WireFormat.Completion completion, Fault fault)
            throws IOException, InterruptedException {
        Fault.Kind kind = fault == null ? null : fault.kind;
        byte[] body = wire.completion(completion).toString().getBytes(StandardCharsets.UTF_8);
        if (kind == Fault.Kind.MALFORMED_JSON) {
            sendBody(exchange, 200, wire.jsonContentType(), wire.malformedBody(completion), null);
        } else if (kind == Fault.Kind.RESET_MID_BODY) {
            exchange.getResponseHeaders().set("Content-Type", wire.jsonContentType());
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            out.write(body, 0, body.length / 2);
            out.flush();
            throw new AbortConnection("resetMidBody");
        } else if (kind == Fault.Kind.TRUNCATED_STREAM) {
            exchange.getResponseHeaders().set("Content-Type", wire.jsonContentType());
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body, 0, body.length / 2);
            }
        } else if (kind == Fault.Kind.STALL_MID_BODY) {
            exchange.getResponseHeaders().set("Content-Type", wire.jsonContentType());
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            out.write(body, 0, body.length / 2);
            out.flush();
            sleep(fault.delay);
            out.write(body, body.length / 2, body.length - body.length / 2);
            out.close();
        } else {
            sendBytes(exchange, 200, wire.jsonContentType(), body, null);
        }
    }

    private void stream(
            HttpExchange exchange, WireFormat wire, WireFormat.Completion completion, boolean includeUsage, Fault fault)
            throws IOException, InterruptedException {
        Fault.Kind kind = fault == null ? null : fault.kind;
        WireFormat.StreamPlan plan = wire.stream(completion, includeUsage);
        List<String> content = plan.content();
        int half = Math.max(1, (content.size() + 1) / 2);
        List<String> frames = new ArrayList<>();
        boolean abort = false;
        if (kind == Fault.Kind.TRUNCATED_STREAM) {
            frames.addAll(content.subList(0, half));
        } else if (kind == Fault.Kind.RESET_MID_BODY) {
            frames.addAll(content.subList(0, half));
            abort = true;
        } else if (kind == Fault.Kind.ERROR_MID_STREAM) {
            frames.addAll(content.subList(0, half));
            frames.add(wire.errorFrame());
        } else if (kind == Fault.Kind.MALFORMED_JSON) {
            frames.add(content.get(0));
            frames.add(wire.malformedFrame(completion));
            frames.addAll(content.subList(1, content.size()));
            frames.addAll(plan.end());
        } else {
            frames.addAll(content);
            frames.addAll(plan.end());
        }
        exchange.getResponseHeaders().set("Content-Type", wire.streamContentType());
        if (wire != OLLAMA) {
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        }
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        int stallAt = kind == Fault.Kind.STALL_MID_BODY ? half : -1;
        for (int i = 0; i < frames.size(); i++) {
            if (i == stallAt) {
                sleep(fault.delay);
            }
            out.write(frames.get(i).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        if (abort) {
            throw new AbortConnection("resetMidBody");
        }
        out.close();
    }

    private boolean knows(String model) {
        List<String> installed = models;
        if (installed.isEmpty()) {
            return true;
        }
        String wanted = OllamaWire.canonical(model);
        return installed.stream().anyMatch(name -> OllamaWire.canonical(name).equals(wanted));
    }

    /** Word-sized stream pieces that concatenate back to the text: "Hello big world" → "Hello", " big", " world". */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
                pieces.add(text.substring(start, i));
                start = i;
            }
        }
        pieces.add(text.substring(start));
        return pieces;
    }

    private void sendJson(HttpExchange exchange, int status, WireFormat wire, JsonNode body, String retryAfter)
            throws IOException {
        sendBody(exchange, status, wire.jsonContentType(), body.toString(), retryAfter);
    }

    private void sendBody(HttpExchange exchange, int status, String contentType, String body, String retryAfter)
            throws IOException {
        sendBytes(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8), retryAfter);
    }

    private void sendBytes(HttpExchange exchange, int status, String contentType, byte[] body, String retryAfter)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void sleep(Duration duration) throws InterruptedException {
        if (!duration.isZero()) {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }
    }

    /** The request's answer is about to be written (once per request). */
    private void answering(boolean[] done) {
        if (!done[0]) {
            done[0] = true;
            synchronized (flight) {
                unanswered--;
            }
        }
    }

    private void enter() {
        synchronized (flight) {
            unanswered++;
            maxUnanswered = Math.max(maxUnanswered, unanswered);
            inFlight++;
            undecided++;
            flight.notifyAll();
        }
    }

    private boolean admit() {
        synchronized (flight) {
            decided();
            if (admitted >= capacity) {
                return false;
            }
            admitted++;
            return true;
        }
    }

    /** A request was admitted or refused (guarded by flight). */
    private void decided() {
        undecided--;
        flight.notifyAll();
    }

    private void freeSlot() {
        synchronized (flight) {
            admitted--;
            flight.notifyAll();
        }
    }

    private void leave(boolean wasAdmitted) {
        synchronized (flight) {
            inFlight--;
            if (wasAdmitted) {
                admitted--;
            }
            flight.notifyAll();
        }
    }
}
