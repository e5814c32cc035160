package io.arenainstruct.studio.service.llm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ModelReply;
import io.arenainstruct.studio.domain.llm.ModelRequest;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.store.CallLedgerRepository;
import io.arenainstruct.studio.store.Store;
import io.arenainstruct.studio.testserver.FakeModelServer;

/**
 * Issue 3's benchmark: 2,000 calls through the gateway to a local server that serves at most C at once with a
 * fixed latency L. Reports throughput as a fraction of C/L, the gateway's own overhead per call (its time
 * minus the time spent in the transport), and how many 429s it provoked with its limit set to C.
 */
public final class GatewayBenchmark {
    private static final int CALLS = 2_000;
    private static final int CAPACITY = 8;
    private static final Duration LATENCY = Duration.ofMillis(100);

    private GatewayBenchmark() {}

    public static void run(Path root, Consumer<String> report) {
        try (FakeModelServer server = FakeModelServer.start();
                Store store = Store.open(root.resolve("gateway-store"))) {
            server.capacity(CAPACITY).latency(LATENCY).reply("ok");
            TimingTransport timing = new TimingTransport(new Langchain4jTransport());
            KeyResolver keys = new KeyResolver(root.resolve("secrets.properties"), name -> null);
            ModelGateway gateway = new ModelGateway(new CallLedgerRepository(store), keys, RetryPolicy.DEFAULT, timing);
            Endpoint endpoint = Endpoint.of("bench", Provider.OPENAI_COMPATIBLE, server.openAiBaseUrl(), "bench-model")
                    .withLimits(CAPACITY, 0, 0);
            // Warm up the JIT, the HTTP client and the store a little, off the record.
            callMany(gateway, endpoint, 1_000, "warm-up ", 4 * CAPACITY);
            timing.reset();
            int refusedBefore = server.count429();

            // Throughput: more callers than the limit, as a run would have; the gateway keeps C in flight.
            long t0 = System.nanoTime();
            callMany(gateway, endpoint, CALLS, "bench call ", 4 * CAPACITY);
            double seconds = (System.nanoTime() - t0) / 1e9;
            int refused = server.count429() - refusedBefore;
            double meanTransportMs = timing.totalNanos() / 1e6 / timing.calls();
            // Overhead: exactly C callers, so no call waits for a slot; what is left besides the transport is
            // the gateway's own work (hashing, cache lookup, limiter, ledger write).
            List<Long> overheads = callMany(gateway, endpoint, 500, "overhead call ", CAPACITY);

            double ideal = CAPACITY / (LATENCY.toMillis() / 1000.0);
            double achieved = CALLS / seconds;
            Collections.sort(overheads);
            report.accept(String.format(
                    Locale.ROOT,
                    "gateway, %d calls, server capacity C=%d, latency L=%d ms:"
                            + " %.1f calls/s of an ideal %.0f (C/L) = %.3f of capacity; wall %.1f s",
                    CALLS,
                    CAPACITY,
                    LATENCY.toMillis(),
                    achieved,
                    ideal,
                    achieved / ideal,
                    seconds));
            report.accept(String.format(
                    Locale.ROOT,
                    "gateway overhead per call (its time minus the transport's, %d calls"
                            + " from C callers): median %.3f ms, p95 %.3f ms, p99 %.3f ms",
                    overheads.size(),
                    overheads.get(overheads.size() / 2) / 1e6,
                    overheads.get((int) (overheads.size() * 0.95)) / 1e6,
                    overheads.get((int) (overheads.size() * 0.99)) / 1e6));
            report.accept(String.format(
                    Locale.ROOT,
                    "429 answers provoked with the limit set to C: %d;"
                            + " mean time in the transport (HTTP through langchain4j, server latency included) %.1f ms",
                    refused,
                    meanTransportMs));
        }
    }

    /** Sends {@code count} distinct calls from {@code threads} callers; returns each call's gateway overhead. */
    private static List<Long> callMany(ModelGateway gateway, Endpoint endpoint, int count, String prefix, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String prompt = prefix + i;
                futures.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    long transportBefore = TimingTransport.threadNanos();
                    ModelReply reply = gateway.call(endpoint, ModelRequest.ofUser(prompt), Cancellation.NEVER);
                    long total = System.nanoTime() - start;
                    if (reply.fromCache() || !"ok".equals(reply.text())) {
                        throw new IllegalStateException("unexpected reply for " + prompt);
                    }
                    return total - (TimingTransport.threadNanos() - transportBefore);
                }));
            }
            List<Long> overheads = new ArrayList<>();
            for (Future<Long> f : futures) {
                overheads.add(f.get());
            }
            return overheads;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Measures the time spent inside the real transport, per calling thread. */
    private static final class TimingTransport implements ChatTransport {
        private static final ThreadLocal<long[]> SPENT = ThreadLocal.withInitial(() -> new long[1]);
        private final ChatTransport delegate;
        private final AtomicLong total = new AtomicLong();
        private final AtomicLong calls = new AtomicLong();

        TimingTransport(ChatTransport delegate) {
            this.delegate = delegate;
        }

        static long threadNanos() {
            return SPENT.get()[0];
        }

        void reset() {
            total.set(0);
            calls.set(0);
        }

        long totalNanos() {
            return total.get();
        }

        long calls() {
            return Math.max(1, calls.get());
        }

        @Override
        public TransportReply send(
                Endpoint endpoint,
                String apiKey,
                RequestCodec.Resolved request,
                Consumer<String> partials,
                Cancellation cancellation)
                throws Exception {
            long t0 = System.nanoTime();
            try {
                return delegate.send(endpoint, apiKey, request, partials, cancellation);
            } finally {
                long spent = System.nanoTime() - t0;
                SPENT.get()[0] += spent;
                total.addAndGet(spent);
                calls.incrementAndGet();
            }
        }
    }
}
