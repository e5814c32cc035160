package io.arenainstruct.studio.service.llm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ModelReply;
import io.arenainstruct.studio.domain.llm.ModelRequest;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.workspace.Workspace;

/**
 * Child-JVM main: opens the workspace in args[0], points endpoint "batch" at the OpenAI-compatible base URL
 * args[1] and sends prompts "prompt 0" .. "prompt {args[2]-1}" through {@link ModelGateway#call} on args[3]
 * threads, printing "DONE n" (or "CACHED n") after each finished call and "FINISHED" at the end. Ends when
 * killed, or when stdin closes (the parent went away).
 */
public final class CallBatchMain {
    static final String ENDPOINT = "batch";

    private CallBatchMain() {}

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(
                () -> {
                    try {
                        while (System.in.read() != -1) {
                            // wait for the parent to go away
                        }
                    } catch (Exception e) {
                        // fall through
                    }
                    Runtime.getRuntime().halt(0);
                },
                "stdin-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        Path storeDir = Path.of(args[0]);
        String baseUrl = args[1];
        int calls = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        KeyResolver noKeys =
                new KeyResolver(storeDir.resolveSibling("no-secrets.properties"), Map.<String, String>of()::get);
        Workspace ws = Workspace.open(storeDir, noKeys, GatewayHarness.QUICK);
        Endpoint endpoint = new Endpoint(
                ENDPOINT,
                Provider.OPENAI_COMPATIBLE,
                baseUrl,
                "batch-model",
                null,
                threads,
                0,
                0,
                Duration.ofSeconds(30),
                null,
                null,
                null);
        ws.endpoints().save(endpoint);
        AtomicInteger next = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(
                    () -> {
                        try {
                            for (int n = next.getAndIncrement(); n < calls; n = next.getAndIncrement()) {
                                ModelReply reply =
                                        ws.gateway().call(endpoint, ModelRequest.ofUser(prompt(n)), Cancellation.NEVER);
                                if (!reply.text().equals(KillDuringCallsTest.answer(prompt(n)))) {
                                    throw new IllegalStateException(
                                            "wrong answer to " + prompt(n) + ": " + reply.text());
                                }
                                synchronized (System.out) {
                                    System.out.println((reply.fromCache() ? "CACHED " : "DONE ") + n);
                                    System.out.flush();
                                }
                            }
                        } catch (Throwable e) {
                            failures.add(e);
                            e.printStackTrace();
                        }
                    },
                    "batch-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        ws.close();
        System.out.println(failures.isEmpty() ? "FINISHED" : "FAILED " + failures.size());
        System.out.flush();
    }

    static String prompt(int n) {
        return "prompt " + n;
    }
}
