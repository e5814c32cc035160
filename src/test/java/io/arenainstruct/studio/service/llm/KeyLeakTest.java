package io.arenainstruct.studio.service.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ErrorClass;
import io.arenainstruct.studio.domain.llm.LedgerEntry;
import io.arenainstruct.studio.domain.llm.LedgerOutcome;
import io.arenainstruct.studio.domain.llm.ModelCallException;
import io.arenainstruct.studio.domain.llm.ModelReply;
import io.arenainstruct.studio.domain.llm.ModelRequest;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.domain.llm.StreamSink;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.service.run.RunFixture;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.Fault;
import io.arenainstruct.studio.testserver.SchemaReplies;

/**
 * A key never enters the store, the logs or an error message: plant distinctive keys (one in an environment
 * variable, one in the secrets file), make calls that succeed and calls whose replies and error bodies echo the
 * key back, then search every store file byte by byte and every log record for them.
 */
class KeyLeakTest {
    private static final String ENV_VAR = "ARENA_PLANTED_KEY";
    private static final List<String> LOGGERS =
            List.of("", "dev.langchain4j", "io.arenainstruct", "jdk.internal.httpclient", "jdk.httpclient.HttpClient");

    @TempDir
    Path tmp;

    private final Map<String, String> environment = new HashMap<>();
    private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
    /** Strong references: JUL forgets the level of a logger nobody holds. */
    private final Map<Logger, Level> previousLevels = new LinkedHashMap<>();

    private Handler recorder;
    private FakeModelServer server;

    @BeforeEach
    void captureAllLogging() {
        recorder = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        recorder.setLevel(Level.ALL);
        for (String name : LOGGERS) {
            Logger logger = Logger.getLogger(name);
            previousLevels.put(logger, logger.getLevel());
            logger.setLevel(Level.ALL);
        }
        Logger.getLogger("").addHandler(recorder);
        server = FakeModelServer.start();
    }

    @AfterEach
    void restoreLogging() {
        server.close();
        Logger.getLogger("").removeHandler(recorder);
        previousLevels.forEach(Logger::setLevel);
    }

    private static String plantedKey() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder("sk-planted-");
        for (int i = 0; i < 32; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    // ---------------------------------------------------------------------------------------- the file

    @Test
    void theSecretsFileIsOwnerOnlyAndItsFolderIsNotWidened() throws IOException {
        Path home = tmp.resolve("home");
        Files.createDirectories(home);
        Path secrets = home.resolve("secrets.properties");
        String older = plantedKey();
        Files.writeString(secrets, "endpoint.older=" + older + "\n", StandardCharsets.UTF_8);
        if (posix()) {
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-r--r--"));
        }
        KeyResolver keys = new KeyResolver(secrets, environment::get);
        String key = plantedKey();

        keys.storeKey("remote", key);

        Endpoint remote = Endpoint.of("remote", Provider.OPENAI, "https://llm.example.com/v1", "gpt-x");
        Endpoint olderEndpoint = Endpoint.of("older", Provider.OPENAI, "https://llm.example.com/v1", "gpt-x");
        assertThat(keys.keyFor(remote)).contains(key);
        assertThat(keys.keyFor(olderEndpoint))
                .as("other keys in the file are kept")
                .contains(older);
        if (posix()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home)))
                    .isEqualTo("rwx------");
        }
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no temp file is left behind")
                    .containsExactly("secrets.properties");
        }

        // a folder that is readable by others stays as it was (storeKey does not chmod the user's folder) ...
        Path shared = tmp.resolve("shared");
        Files.createDirectories(shared);
        if (posix()) {
            Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-x---"));
        }
        KeyResolver second = new KeyResolver(shared.resolve("sub/secrets.properties"), environment::get);
        second.storeKey("remote", key);
        if (posix()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)))
                    .isEqualTo("rwxr-x---");
            Set<PosixFilePermission> file = Files.getPosixFilePermissions(shared.resolve("sub/secrets.properties"));
            assertThat(PosixFilePermissions.toString(file)).isEqualTo("rw-------");
        }

        // ... and removing a key removes it
        keys.storeKey("remote", "");
        assertThat(keys.keyFor(remote)).isEmpty();
        assertThat(Files.readString(secrets)).doesNotContain(key).contains(older);
    }

    @Test
    void describeSourceShowsWhereTheKeyComesFromButOnlyItsRedactedForm() throws IOException {
        String envKey = plantedKey();
        String fileKey = plantedKey();
        environment.put(ENV_VAR, envKey);
        KeyResolver keys = new KeyResolver(tmp.resolve("home/secrets.properties"), environment::get);
        keys.storeKey("from-file", fileKey);
        Endpoint fromEnv = Endpoint.of("from-env", Provider.OPENAI, "https://llm.example.com/v1", "gpt-x")
                .withApiKeyEnv(ENV_VAR);
        Endpoint fromFile = Endpoint.of("from-file", Provider.OPENAI, "https://llm.example.com/v1", "gpt-x");
        Endpoint none = Endpoint.of("none", Provider.OPENAI, "https://llm.example.com/v1", "gpt-x");
        Endpoint local = Endpoint.of("local", Provider.OLLAMA, null, "llama3.2");

        assertThat(keys.describeSource(fromEnv))
                .isEqualTo("environment variable " + ENV_VAR + " (" + KeyResolver.redact(envKey) + ")")
                .doesNotContain(envKey)
                .doesNotContain(envKey.substring(8));
        assertThat(keys.describeSource(fromFile))
                .isEqualTo("secrets file (" + KeyResolver.redact(fileKey) + ")")
                .doesNotContain(fileKey.substring(8));
        assertThat(keys.describeSource(none)).isEqualTo("none");
        assertThat(keys.describeSource(local)).contains("not needed");
        assertThat(KeyResolver.redact(envKey))
                .startsWith("sk-")
                .endsWith(envKey.substring(envKey.length() - 4))
                .hasSizeLessThan(10);
        // the environment wins over the file; with the variable unset, the file is asked
        keys.storeKey("from-env", fileKey);
        assertThat(keys.keyFor(fromEnv)).contains(envKey);
        environment.remove(ENV_VAR);
        assertThat(keys.keyFor(fromEnv)).contains(fileKey);
        assertThat(keys.describeSource(fromEnv)).startsWith("secrets file (");
    }

    // ------------------------------------------------------------------------------------- the calls

    @Test
    void aPlantedKeyNeverReachesTheStoreTheLogsTheLedgerOrAnErrorMessage() throws Exception {
        String envKey = plantedKey();
        String fileKey = plantedKey();
        environment.put(ENV_VAR, envKey);
        KeyResolver keys = new KeyResolver(tmp.resolve("home/secrets.properties"), environment::get);
        keys.storeKey("via-file", fileKey);
        Path storeDir = tmp.resolve("store");
        String marker = "storemarker" + Long.toHexString(new SecureRandom().nextLong());
        List<String> shown = new ArrayList<>(); // everything a user could see: messages, replies, streamed text
        List<Long> callIds = new ArrayList<>();

        try (Workspace ws = Workspace.open(storeDir, keys, GatewayHarness.QUICK)) {
            Endpoint viaEnv = Endpoint.of("via-env", Provider.OPENAI_COMPATIBLE, server.openAiBaseUrl(), "qwen2.5")
                    .withApiKeyEnv(ENV_VAR)
                    .withTimeout(Duration.ofSeconds(5));
            Endpoint viaFile = Endpoint.of("via-file", Provider.OPENAI_COMPATIBLE, server.openAiBaseUrl(), "gpt-x")
                    .withTimeout(Duration.ofSeconds(5));
            ws.endpoints().save(viaEnv);
            ws.endpoints().save(viaFile);
            shown.add(ws.endpoints().keys().describeSource(viaEnv));
            shown.add(ws.endpoints().keys().describeSource(viaFile));

            for (Map.Entry<Endpoint, String> e :
                    Map.of(viaEnv, envKey, viaFile, fileKey).entrySet()) {
                exercise(ws, e.getKey(), e.getValue(), marker, shown, callIds);
            }

            for (long id : callIds) {
                LedgerEntry row = WorkspaceRepositories.ledger(ws).find(id).orElseThrow();
                for (String key : List.of(envKey, fileKey)) {
                    assertThat(String.valueOf(row.reply()))
                            .as("reply of call %d", id)
                            .doesNotContain(key);
                    assertThat(String.valueOf(row.errorDetail()))
                            .as("error detail of call %d", id)
                            .doesNotContain(key);
                    assertThat(row.requestJson()).as("request of call %d", id).doesNotContain(key);
                }
            }
            // while the store is open, its files hold nothing either
            assertNoFileContains(storeDir, envKey, fileKey);
        }
        // closing lets H2 write and compact everything
        assertThat(filesContaining(storeDir, marker))
                .as("the byte search finds text that is in the store")
                .isNotEmpty();
        assertNoFileContains(storeDir, envKey, fileKey);

        assertThat(records)
                .as("logging was captured (the gateway logs its retries)")
                .anyMatch(r -> r.getLoggerName() != null && r.getLoggerName().startsWith("io.arenainstruct"));
        for (String key : List.of(envKey, fileKey)) {
            for (String text : renderedLogs()) {
                assertThat(text).as("a log record").doesNotContain(key);
            }
            for (String text : shown) {
                assertThat(text).as("text a user sees").doesNotContain(key);
            }
        }
    }

    /** Successful, echoing and failing calls on one endpoint whose key is {@code key}. */
    private void exercise(
            Workspace ws, Endpoint endpoint, String key, String marker, List<String> shown, List<Long> callIds) {
        ModelGateway gateway = ws.gateway();
        String redacted = KeyResolver.redact(key);
        server.reset();
        server.requireApiKey(key);
        server.replyWith(r -> "answer to " + r.lastUserMessage());

        // 1. the key is really sent (or these checks would prove nothing)
        ModelReply ok = gateway.call(endpoint, ModelRequest.ofUser(marker + " " + endpoint.name()), Cancellation.NEVER);
        assertThat(ok.text()).isEqualTo("answer to " + marker + " " + endpoint.name());
        assertThat(server.lastRequest().authorization()).isEqualTo("Bearer " + key);
        callIds.add(ok.callId());
        StringBuilder streamed = new StringBuilder();
        ModelReply okStream = gateway.stream(
                endpoint,
                ModelRequest.ofUser("stream please " + endpoint.name()),
                StreamSink.of(streamed::append),
                Cancellation.NEVER);
        assertThat(okStream.text()).isEqualTo("answer to stream please " + endpoint.name());
        callIds.add(okStream.callId());

        // 2. a server that echoes the Authorization header into its reply
        server.replyWith(r -> "you sent " + r.authorization() + " to me");
        ModelReply echoed = gateway.call(endpoint, ModelRequest.ofUser("echo " + endpoint.name()), Cancellation.NEVER);
        shown.add(echoed.text());
        assertThat(echoed.text()).as("the key is shown redacted").contains(redacted);
        callIds.add(echoed.callId());
        StringBuilder echoedStream = new StringBuilder();
        ModelReply echoedStreamReply = gateway.stream(
                endpoint,
                ModelRequest.ofUser("echo stream " + endpoint.name()),
                StreamSink.of(echoedStream::append),
                Cancellation.NEVER);
        shown.add(echoedStream.toString());
        shown.add(echoedStreamReply.text());
        callIds.add(echoedStreamReply.callId());
        // from the cache too
        ModelReply cached = gateway.call(endpoint, ModelRequest.ofUser("echo " + endpoint.name()), Cancellation.NEVER);
        assertThat(cached.fromCache()).isTrue();
        shown.add(cached.text());
        callIds.add(cached.callId());

        // 3. error bodies that contain the key: a 500 (retried until the attempts are used up) and a 401
        int attempts = GatewayHarness.QUICK.maxAttempts();
        for (int i = 0; i < attempts; i++) {
            server.enqueue(Fault.status(500).message("upstream failed for Authorization: Bearer " + key));
        }
        callIds.add(failed(
                gateway,
                endpoint,
                ModelRequest.ofUser("fail 500 " + endpoint.name()),
                null,
                ErrorClass.SERVER_ERROR,
                shown,
                key));
        for (int i = 0; i < attempts; i++) {
            server.enqueue(Fault.status(500).message("stream failed for key " + key));
        }
        callIds.add(failed(
                gateway,
                endpoint,
                ModelRequest.ofUser("fail stream " + endpoint.name()),
                new StringBuilder(),
                ErrorClass.SERVER_ERROR,
                shown,
                key));
        server.enqueue(Fault.status(401).message("Incorrect API key provided: " + key + "."));
        callIds.add(failed(
                gateway,
                endpoint,
                ModelRequest.ofUser("fail 401 " + endpoint.name()),
                null,
                ErrorClass.AUTHENTICATION,
                shown,
                key));

        // 4. a server that wants another key: 401
        server.requireApiKey(plantedKey());
        callIds.add(failed(
                gateway,
                endpoint,
                ModelRequest.ofUser("wrong key " + endpoint.name()),
                null,
                ErrorClass.AUTHENTICATION,
                shown,
                key));

        // 5. the connection test reports in words
        server.requireApiKey(key);
        server.enqueue(Fault.status(401).message("bad key " + key));
        EndpointService.TestResult test = ws.endpoints().test(endpoint, Cancellation.NEVER);
        assertThat(test.ok()).isFalse();
        shown.add(test.message());
        shown.add(streamed.toString());
    }

    private long failed(
            ModelGateway gateway,
            Endpoint endpoint,
            ModelRequest request,
            StringBuilder streamed,
            ErrorClass expected,
            List<String> shown,
            String key) {
        try {
            if (streamed == null) {
                gateway.call(endpoint, request, Cancellation.NEVER);
            } else {
                gateway.stream(endpoint, request, StreamSink.of(streamed::append), Cancellation.NEVER);
            }
        } catch (ModelCallException e) {
            assertThat(e.errorClass()).isEqualTo(expected);
            shown.add(e.getMessage());
            shown.add(e.toString());
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString())
                    .as("the exception's stack trace, causes included")
                    .doesNotContain(key);
            if (streamed != null) {
                shown.add(streamed.toString());
            }
            return e.callId();
        }
        throw new AssertionError("the call should have failed: " + request.messages());
    }

    private List<String> renderedLogs() {
        SimpleFormatter formatter = new SimpleFormatter();
        List<String> out = new ArrayList<>();
        synchronized (records) {
            for (LogRecord r : records) {
                StringBuilder sb = new StringBuilder();
                sb.append(r.getLoggerName()).append(' ').append(r.getMessage()).append(' ');
                if (r.getParameters() != null) {
                    sb.append(Arrays.deepToString(r.getParameters())).append(' ');
                }
                try {
                    sb.append(formatter.format(r));
                } catch (RuntimeException e) {
                    sb.append("(unformattable: ").append(e).append(')');
                }
                if (r.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    r.getThrown().printStackTrace(new PrintWriter(trace));
                    sb.append(trace);
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    @Test
    void aRunOnAKeyedEndpointFreezesAndStoresNoKey() throws Exception {
        String key = plantedKey();
        environment.put(ENV_VAR, key);
        KeyResolver keys = new KeyResolver(tmp.resolve("home/secrets.properties"), environment::get);
        server.requireApiKey(key).replyWith(SchemaReplies.fill());
        Path storeDir = tmp.resolve("run-store");
        try (Workspace ws = Workspace.open(storeDir, keys, GatewayHarness.QUICK)) {
            RunFixture.install(ws, server.openAiBaseUrl(), 2, 2);
            ws.endpoints()
                    .save(Endpoint.of("keyed", Provider.OPENAI_COMPATIBLE, server.openAiBaseUrl(), "qwen2.5")
                            .withApiKeyEnv(ENV_VAR)
                            .withTimeout(Duration.ofSeconds(5)));
            var run = ws.runs().start(RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "keyed"));
            assertThat(run.run()).as("the key was found and sent").isEqualTo(RunStatus.COMPLETED);
            assertThat(ws.runs().list().get(0).config().endpoint()).isEqualTo("keyed");
        }
        assertNoFileContains(storeDir, key);
        for (String text : renderedLogs()) {
            assertThat(text).as("a log record").doesNotContain(key);
        }
    }

    private static void assertNoFileContains(Path dir, String... keys) throws IOException {
        for (String key : keys) {
            assertThat(filesContaining(dir, key))
                    .as("store files holding a planted key")
                    .isEmpty();
        }
    }

    private static List<Path> filesContaining(Path dir, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<Path> hits = new ArrayList<>();
        List<Path> files = regularFiles(dir);
        assertThat(files).as("files in " + dir).isNotEmpty();
        for (Path f : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(f);
            } catch (NoSuchFileException gone) {
                // the ledger journal is removed once flushed while the store is open; its rows are now in the database
                // file
                continue;
            }
            if (indexOf(bytes, needle) >= 0) {
                hits.add(f);
            }
        }
        return hits;
    }

    /** The walk is retried when a file vanishes under it (the journal is removed as it is flushed). */
    private static List<Path> regularFiles(Path dir) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> walk = Files.walk(dir)) {
                return walk.filter(Files::isRegularFile).toList();
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof NoSuchFileException) || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void aKeySplitOverStreamedPiecesIsRedactedToo() {
        String key = plantedKey();
        environment.put(ENV_VAR, key);
        KeyResolver keys = new KeyResolver(tmp.resolve("home/secrets.properties"), environment::get);
        String text = "your key is " + key + ", and s" + "k-planted is how it starts";
        ChatTransport chopped = (endpoint, apiKey, request, partials, cancellation) -> {
            assertThat(apiKey).isEqualTo(key);
            for (int i = 0; i < text.length(); i += 5) {
                partials.accept(text.substring(i, Math.min(text.length(), i + 5)));
            }
            return new TransportReply(text, 3, 20);
        };
        try (Workspace ws = Workspace.open(tmp.resolve("store"), keys, GatewayHarness.QUICK)) {
            ModelGateway gateway =
                    new ModelGateway(WorkspaceRepositories.ledger(ws), keys, GatewayHarness.QUICK, chopped);
            Endpoint endpoint = Endpoint.of("chopped", Provider.OPENAI_COMPATIBLE, "http://127.0.0.1:9/v1", "m")
                    .withApiKeyEnv(ENV_VAR);
            List<String> pieces = new ArrayList<>();
            ModelReply reply =
                    gateway.stream(endpoint, ModelRequest.ofUser("hi"), StreamSink.of(pieces::add), Cancellation.NEVER);
            String expected = "your key is " + KeyResolver.redact(key) + ", and sk-planted is how it starts";
            assertThat(String.join("", pieces)).isEqualTo(expected);
            assertThat(reply.text()).isEqualTo(expected);
            assertThat(pieces).as("the text still arrives in pieces").hasSizeGreaterThan(3);
            for (int i = 1; i <= pieces.size(); i++) {
                assertThat(String.join("", pieces.subList(0, i))).doesNotContain(key.substring(0, 16));
            }
            assertThat(WorkspaceRepositories.ledger(ws)
                            .find(reply.callId())
                            .orElseThrow()
                            .reply())
                    .isEqualTo(expected);
        }
    }

    @Test
    void aKeyStreamedJsonEscapedOrPercentEncodedInPiecesIsRedactedToo() {
        String key = plantedKey();
        environment.put(ENV_VAR, key);
        KeyResolver keys = new KeyResolver(tmp.resolve("home/secrets.properties"), environment::get);
        StringBuilder escaped = new StringBuilder();
        StringBuilder encoded = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            escaped.append(i % 2 == 0 ? String.format("\\u%04X", (int) key.charAt(i)) : String.valueOf(key.charAt(i)));
            encoded.append(String.format(i % 2 == 0 ? "%%%02x" : "%%%02X", (int) key.charAt(i)));
        }
        String text = "json " + escaped + " url " + encoded + " 100% done";
        ChatTransport chopped = (endpoint, apiKey, request, partials, cancellation) -> {
            for (int i = 0; i < text.length(); i += 7) {
                partials.accept(text.substring(i, Math.min(text.length(), i + 7)));
            }
            return new TransportReply(text, 3, 20);
        };
        try (Workspace ws = Workspace.open(tmp.resolve("store"), keys, GatewayHarness.QUICK)) {
            ModelGateway gateway =
                    new ModelGateway(WorkspaceRepositories.ledger(ws), keys, GatewayHarness.QUICK, chopped);
            Endpoint endpoint = Endpoint.of("chopped", Provider.OPENAI_COMPATIBLE, "http://127.0.0.1:9/v1", "m")
                    .withApiKeyEnv(ENV_VAR);
            List<String> pieces = new ArrayList<>();
            ModelReply reply =
                    gateway.stream(endpoint, ModelRequest.ofUser("hi"), StreamSink.of(pieces::add), Cancellation.NEVER);
            String redacted = KeyResolver.redact(key);
            String expected = "json " + redacted + " url " + redacted + " 100% done";
            assertThat(String.join("", pieces)).isEqualTo(expected);
            assertThat(reply.text()).isEqualTo(expected);
            for (int i = 1; i <= pieces.size(); i++) {
                String shown = String.join("", pieces.subList(0, i));
                assertThat(shown).doesNotContain(escaped.substring(0, 30)).doesNotContain(encoded.substring(0, 30));
            }
        }
    }

    @Test
    void theLedgerStoresNoKeyEvenWhenTheCallerRecordsAFailureWithoutAKey() {
        // an endpoint that needs a key but has none: the failure names where to put it, and nothing else
        KeyResolver keys = new KeyResolver(tmp.resolve("home/secrets.properties"), environment::get);
        try (Workspace ws = Workspace.open(tmp.resolve("store"), keys, GatewayHarness.QUICK)) {
            Endpoint remote = Endpoint.of("remote", Provider.OPENAI, "https://llm.example.invalid/v1", "gpt-x")
                    .withApiKeyEnv(ENV_VAR);
            try {
                ws.gateway().call(remote, ModelRequest.ofUser("hi"), Cancellation.NEVER);
                throw new AssertionError("expected NO_KEY");
            } catch (ModelCallException e) {
                assertThat(e.errorClass()).isEqualTo(ErrorClass.NO_KEY);
                LedgerEntry row =
                        WorkspaceRepositories.ledger(ws).find(e.callId()).orElseThrow();
                assertThat(row.outcome()).isEqualTo(LedgerOutcome.FAILED);
                assertThat(row.errorDetail()).contains("$" + ENV_VAR).contains("secrets file");
            }
        }
    }
}
