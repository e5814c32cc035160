package io.arenainstruct.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ErrorClass;
import io.arenainstruct.studio.domain.llm.LedgerFilter;
import io.arenainstruct.studio.domain.llm.ModelCallException;
import io.arenainstruct.studio.domain.llm.ModelPrice;
import io.arenainstruct.studio.domain.llm.ModelReply;
import io.arenainstruct.studio.domain.llm.ModelRequest;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.workspace.DataDirectories;
import io.arenainstruct.studio.service.workspace.TemporaryUserData;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.Fault;
import io.arenainstruct.studio.testserver.RecordedRequest;

/** {@code models add|list|test|remove} and {@code ledger stats}, run as the command line runs them. */
class ModelsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** An environment variable nobody sets, so a key can only come from the secrets file. */
    private static final String UNSET_VAR = "ARENAINSTRUCT_TEST_NEVER_SET_KEY";

    @TempDir
    Path tmp;
    /** The commands read the secrets file from the per-user data folder: a temp one here. */
    @RegisterExtension
    final TemporaryUserData userData = new TemporaryUserData();

    private FakeModelServer server;

    @BeforeEach
    void startServer() {
        assertThat(System.getenv(UNSET_VAR)).isNull();
        server = FakeModelServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    record Run(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static Run cli(Object... args) {
        String[] a = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            a[i] = args[i].toString();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(
                a,
                gui -> {
                    throw new AssertionError("no GUI for a command");
                },
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private Path store() {
        return tmp.resolve("store");
    }

    private static void assertNoStackTrace(Run r) {
        assertThat(r.err())
                .doesNotContain("\tat ")
                .doesNotContain("Exception in")
                .doesNotContain("Caused by");
        assertThat(r.out()).doesNotContain("\tat ");
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

    private KeyResolver secrets() {
        return KeyResolver.system(DataDirectories.userDataDir().resolve("secrets.properties"));
    }

    private static Map<String, JsonNode> byName(JsonNode array) {
        Map<String, JsonNode> out = new HashMap<>();
        array.forEach(n -> out.put(n.get("name").asText(), n));
        return out;
    }

    // ----------------------------------------------------------------------------------------- add, list

    @Test
    void addWithEveryOptionThenListShowsThemAndNoKey() throws Exception {
        String key = plantedKey();
        secrets().storeKey("remote", key);

        Run local = cli(
                "models",
                "add",
                "local",
                "--provider",
                "openai-compatible",
                "--base-url",
                server.openAiBaseUrl(),
                "--model",
                "qwen2.5",
                "--api-key-env",
                UNSET_VAR,
                "--max-concurrent",
                "3",
                "--rpm",
                "60",
                "--tpm",
                "40000",
                "--timeout",
                "30",
                "--store",
                store());
        assertThat(local.code()).as(local.err()).isZero();
        assertThat(local.out())
                .startsWith("added local: openai-compatible " + server.openAiBaseUrl() + " qwen2.5")
                .contains("3 at once", "60 rpm", "40000 tpm", "timeout 30 s", "not needed on this machine");
        Run remote =
                cli("models", "add", "remote", "--provider", "openai", "--model", "gpt-4o-mini", "--store", store());
        assertThat(remote.code()).as(remote.err()).isZero();
        assertThat(remote.out())
                .contains("https://api.openai.com/v1", "secrets file (" + KeyResolver.redact(key) + ")")
                .doesNotContain(key);
        Run ollama = cli("models", "add", "llama", "--provider", "ollama", "--model", "llama3.2", "--store", store());
        assertThat(ollama.code()).as(ollama.err()).isZero();
        Run replaced = cli(
                "models",
                "add",
                "llama",
                "--provider",
                "ollama",
                "--model",
                "llama3.2:1b",
                "--timeout",
                "5",
                "--store",
                store());
        assertThat(replaced.out()).startsWith("replaced llama: ");

        Run list = cli("models", "list", "--json", "--store", store());
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).doesNotContain(key);
        JsonNode array = JSON.readTree(list.out());
        assertThat(array.isArray()).isTrue();
        Map<String, JsonNode> all = byName(array);
        assertThat(all.keySet()).containsExactlyInAnyOrder("local", "remote", "llama");

        JsonNode l = all.get("local");
        assertThat(l.get("provider").asText()).isEqualTo("openai-compatible");
        assertThat(l.get("base_url").asText()).isEqualTo(server.openAiBaseUrl());
        assertThat(l.get("model").asText()).isEqualTo("qwen2.5");
        assertThat(l.get("api_key_env").asText()).isEqualTo(UNSET_VAR);
        assertThat(l.get("key").asText()).isEqualTo("none (not needed on this machine)");
        assertThat(l.get("max_concurrent").asInt()).isEqualTo(3);
        assertThat(l.get("rpm").asInt()).isEqualTo(60);
        assertThat(l.get("tpm").asInt()).isEqualTo(40000);
        assertThat(l.get("timeout_seconds").asInt()).isEqualTo(30);

        JsonNode r = all.get("remote");
        assertThat(r.get("provider").asText()).isEqualTo("openai");
        assertThat(r.get("base_url").asText()).isEqualTo("https://api.openai.com/v1");
        assertThat(r.get("api_key_env").isNull()).isTrue();
        assertThat(r.get("key").asText()).isEqualTo("secrets file (" + KeyResolver.redact(key) + ")");
        assertThat(r.get("max_concurrent").asInt()).isEqualTo(4);
        assertThat(r.get("rpm").asInt()).isZero();
        assertThat(r.get("timeout_seconds").asInt()).isEqualTo(120);

        JsonNode o = all.get("llama");
        assertThat(o.get("base_url").asText()).isEqualTo("http://localhost:11434");
        assertThat(o.get("model").asText()).isEqualTo("llama3.2:1b");
        assertThat(o.get("timeout_seconds").asInt()).isEqualTo(5);

        Run text = cli("models", "list", "--store", store());
        assertThat(text.code()).isZero();
        assertThat(text.out())
                .contains(
                        "local: openai-compatible",
                        "remote: openai",
                        "llama: ollama",
                        "3 endpoints",
                        KeyResolver.redact(key))
                .doesNotContain(key);
        assertThat(text.err()).isEmpty();
    }

    @Test
    void invalidValuesAreUsageErrorsWithAOneLineReasonAndStoreNothing() {
        record Case(List<String> options, String reason) {}
        List<Case> cases = List.of(
                new Case(
                        List.of("--provider", "ollama", "--model", "m", "--max-concurrent", "0"),
                        "max concurrent requests must be 1 or more"),
                new Case(
                        List.of("--provider", "openai-compatible", "--model", "m", "--base-url", "not a url"),
                        "base URL 'not a url' must look like http://host:port/path"),
                new Case(
                        List.of("--provider", "openai-compatible", "--model", "m", "--base-url", "ftp://host/v1"),
                        "base URL 'ftp://host/v1' must look like"),
                new Case(List.of("--provider", "frobnicate", "--model", "m"), "unknown provider 'frobnicate'"),
                new Case(
                        List.of("--provider", "ollama", "--model", "m", "--timeout", "0"),
                        "the timeout must be more than 0 seconds"),
                new Case(
                        List.of("--provider", "ollama", "--model", "m", "--rpm", "-1"),
                        "requests and tokens per minute must be 0 (no limit) or more"),
                new Case(
                        List.of("--provider", "ollama", "--model", "m", "--api-key-env", "NOT-A-VAR"),
                        "'NOT-A-VAR' is not an environment variable name"),
                new Case(
                        List.of("--provider", "ollama", "--model", "m", "--max-concurrent", "many"),
                        "'many' is not an int"),
                new Case(List.of("--provider", "ollama"), "Missing required option: '--model=MODEL'"));
        for (Case c : cases) {
            List<Object> args = new ArrayList<>(List.of("models", "add", "bad"));
            args.addAll(c.options());
            args.addAll(List.of("--store", store()));
            Run r = cli(args.toArray());
            assertThat(r.code()).as("%s: %s", c.options(), r.err()).isEqualTo(Cli.USAGE);
            assertThat(r.errLines()).as("%s", c.options()).isNotEmpty();
            assertThat(r.errLines().get(0)).as("the first line says why").contains(c.reason());
            assertThat(r.out()).isEmpty();
            assertNoStackTrace(r);
        }
        assertThat(cli("models", "add", "bad", "--provider", "frobnicate", "--model", "m", "--store", store())
                        .errLines()
                        .get(0))
                .contains("ollama, openai-compatible, openai, anthropic, dry-run");
        assertThat(store()).as("nothing was opened, let alone stored").doesNotExist();
        assertThat(cli("models", "list", "--json", "--store", store()).out().strip())
                .isEqualTo("[ ]");
    }

    @Test
    void anAnthropicEndpointIsAddedWithItsDefaultAddressAndNeedsAKey() throws Exception {
        Run add = cli(
                "models",
                "add",
                "claude",
                "--provider",
                "anthropic",
                "--model",
                "claude-3-5-haiku-latest",
                "--api-key-env",
                UNSET_VAR,
                "--store",
                store());
        assertThat(add.code()).as(add.err()).isZero();
        JsonNode c = byName(JSON.readTree(
                        cli("models", "list", "--json", "--store", store()).out()))
                .get("claude");
        assertThat(c.get("provider").asText()).isEqualTo("anthropic");
        assertThat(c.get("base_url").asText()).isEqualTo("https://api.anthropic.com/v1");
        assertThat(c.get("api_key_env").asText()).isEqualTo(UNSET_VAR);
        assertThat(c.get("key").asText()).isEqualTo("none");

        // no key anywhere: the test fails before anything is sent, saying where the key goes
        Run test = cli("models", "test", "claude", "--store", store());
        assertThat(test.code()).isEqualTo(Cli.FAILED);
        assertThat(test.errLines()).singleElement().asString().contains(ErrorClass.NO_KEY.explanation());
        assertNoStackTrace(test);
    }

    // -------------------------------------------------------------------------------------------- test

    @Test
    void testingAnAnsweringEndpointExitsZeroWithTheReplyAndLatency() throws Exception {
        String key = plantedKey();
        secrets().storeKey("local", key);
        server.requireApiKey(key).reply("ready");
        cli(
                "models",
                "add",
                "local",
                "--provider",
                "openai-compatible",
                "--base-url",
                server.openAiBaseUrl(),
                "--model",
                "qwen2.5",
                "--store",
                store());
        cli(
                "models",
                "add",
                "llama",
                "--provider",
                "ollama",
                "--base-url",
                server.baseUrl(),
                "--model",
                "llama3.2",
                "--store",
                store());

        Run r = cli("models", "test", "local", "--store", store());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).matches("local: answered in \\d+ ms: ready");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).doesNotContain(key);
        RecordedRequest sent = server.lastRequest();
        assertThat(sent.authorization())
                .as("the key came from the secrets file")
                .isEqualTo("Bearer " + key);
        assertThat(sent.model()).isEqualTo("qwen2.5");
        assertThat(sent.lastUserMessage()).isEqualTo("Reply with one word: ready");

        server.requireApiKey(null);
        Run again = cli("models", "test", "local", "--store", store());
        assertThat(again.code()).isZero();
        assertThat(server.chatRequests())
                .as("a test is never answered from the ledger")
                .hasSize(2);

        Run ollama = cli("models", "test", "llama", "--store", store());
        assertThat(ollama.code()).as(ollama.err()).isZero();
        assertThat(ollama.out().strip()).matches("llama: answered in \\d+ ms: ready");
        assertThat(server.lastRequest().path()).isEqualTo("/api/chat");
    }

    @Test
    void aKeyEchoedJsonEscapedOrPercentEncodedIsRedactedOnScreenAndInTheLedger() throws Exception {
        String key = plantedKey();
        secrets().storeKey("local", key);
        server.requireApiKey(key);
        cli(
                "models",
                "add",
                "local",
                "--provider",
                "openai-compatible",
                "--base-url",
                server.openAiBaseUrl(),
                "--model",
                "qwen2.5",
                "--store",
                store());
        // the key echoed as a JSON string would be (\\u escapes, mixed with literal characters, both hex cases)
        // and as a URL would be (percent-encoded, mixed), and wholly escaped each way
        StringBuilder json = new StringBuilder();
        StringBuilder percent = new StringBuilder();
        StringBuilder allJson = new StringBuilder();
        StringBuilder allPercent = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            String u = String.format("\\u%04x", (int) c);
            String pc = String.format("%%%02x", (int) c);
            json.append(
                    i % 3 == 0
                            ? String.valueOf(c)
                            : i % 3 == 1 ? u : u.toUpperCase(Locale.ROOT).replace("\\U", "\\u"));
            percent.append(i % 2 == 0 ? String.valueOf(c) : i % 4 == 1 ? pc : pc.toUpperCase(Locale.ROOT));
            allJson.append(u);
            allPercent.append(pc.toUpperCase(Locale.ROOT));
        }
        // the message's escapes are real JSON escapes (a parser decodes them), the raw field's are text
        String body = "{\"error\":{\"message\":\"Incorrect API key provided: " + json
                + " (" + allJson + ") sent to /auth?key=" + percent + "&k=" + allPercent
                + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"},"
                + "\"raw\":\"" + json.toString().replace("\\", "\\\\") + "\"}";
        server.enqueue(Fault.status(401).rawBody("application/json", body));

        Run r = cli("models", "test", "local", "--store", store());

        assertThat(r.code()).isEqualTo(Cli.FAILED);
        assertThat(server.chatRequests()).as("the server did echo").hasSize(1);
        assertNoPartOfKey(r.out() + "\n" + r.err(), key);
        try (Workspace ws = Workspace.open(store())) {
            var rows = WorkspaceRepositories.ledger(ws).list(LedgerFilter.ALL, 0, 10);
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).errorDetail()).as("the stored error detail").isNotBlank();
            assertNoPartOfKey(rows.get(0).errorDetail(), key);
        }
    }

    /** No 6 characters of the key in sequence, in the text as it is or with its escapes decoded. */
    private static void assertNoPartOfKey(String text, String key) {
        Matcher escapes =
                Pattern.compile("\\\\+u([0-9a-fA-F]{4})|%([0-9a-fA-F]{2})").matcher(text);
        StringBuilder decoded = new StringBuilder();
        while (escapes.find()) {
            String hex = escapes.group(1) != null ? escapes.group(1) : escapes.group(2);
            escapes.appendReplacement(
                    decoded, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(hex, 16))));
        }
        escapes.appendTail(decoded);
        for (int i = 0; i + 6 <= key.length(); i++) {
            String part = key.substring(i, i + 6);
            assertThat(text).as("shown text").doesNotContain(part);
            assertThat(decoded.toString()).as("shown text, escapes decoded").doesNotContain(part);
        }
    }

    @Test
    void testingAStoppedServerExitsOneWithTheNetworkExplanationAndNoStackTrace() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        cli(
                "models",
                "add",
                "down",
                "--provider",
                "openai-compatible",
                "--base-url",
                "http://127.0.0.1:" + closedPort + "/v1",
                "--model",
                "m",
                "--timeout",
                "5",
                "--store",
                store());

        PrintStream original = System.err;
        ByteArrayOutputStream processErr = new ByteArrayOutputStream();
        Run r;
        System.setErr(new PrintStream(processErr, true, StandardCharsets.UTF_8));
        try {
            r = cli("models", "test", "down", "--store", store());
        } finally {
            System.setErr(original);
        }

        assertThat(r.code()).isEqualTo(Cli.FAILED);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines())
                .singleElement()
                .asString()
                .startsWith("error: down did not answer: ")
                .contains(ErrorClass.NETWORK.explanation());
        assertNoStackTrace(r);
        assertThat(processErr.toString(StandardCharsets.UTF_8)).doesNotContain("\tat ");

        Run unknown = cli("models", "test", "nobody", "--store", store());
        assertThat(unknown.code()).isEqualTo(Cli.FAILED);
        assertThat(unknown.errLines()).singleElement().asString().contains("there is no endpoint named 'nobody'");
    }

    @Test
    void testingAModelTheServerDoesNotHaveExitsOne() {
        server.models("llama3.2");
        cli(
                "models",
                "add",
                "wrong",
                "--provider",
                "ollama",
                "--base-url",
                server.baseUrl(),
                "--model",
                "mistral",
                "--store",
                store());
        Run r = cli("models", "test", "wrong", "--store", store());
        assertThat(r.code()).isEqualTo(Cli.FAILED);
        assertThat(r.errLines()).singleElement().asString().contains(ErrorClass.MODEL_NOT_FOUND.explanation());
        assertNoStackTrace(r);
    }

    // ------------------------------------------------------------------------------------------ remove

    @Test
    void removeDeletesTheEndpointAndAnUnknownNameFails() throws Exception {
        cli("models", "add", "a", "--provider", "ollama", "--model", "m1", "--store", store());
        cli("models", "add", "b", "--provider", "ollama", "--model", "m2", "--store", store());

        Run r = cli("models", "remove", "a", "--store", store());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("removed a");
        assertThat(byName(JSON.readTree(cli("models", "list", "--json", "--store", store())
                                .out()))
                        .keySet())
                .containsExactly("b");

        Run again = cli("models", "remove", "a", "--store", store());
        assertThat(again.code()).isEqualTo(Cli.FAILED);
        assertThat(again.errLines()).singleElement().asString().isEqualTo("error: there is no endpoint named 'a'");
        assertNoStackTrace(again);
    }

    @Test
    void addHelpNamesEveryProviderAndDescribesEveryOption() {
        Run help = cli("models", "add", "--help", "--store", store());
        assertThat(help.code()).isZero();
        for (Provider p : Provider.values()) {
            assertThat(help.out()).as("provider %s", p).contains(p.id());
        }
        // every option line has words after its parameter label: no bare "--seed=N" lines
        List<String> bare = help.out()
                .lines()
                .filter(l -> l.matches("\\s{0,8}((-\\w, )?--.*|NAME\\b.*)"))
                .filter(l -> l.strip().split("\\s{2,}").length < 2)
                .toList();
        assertThat(bare).as("options without a description").isEmpty();
    }

    @Test
    void aListOfOneSaysOneEndpointNotOneEndpoints() {
        cli("models", "add", "a", "--provider", "ollama", "--model", "m1", "--store", store());
        Run list = cli("models", "list", "--store", store());
        assertThat(list.out()).contains("\n1 endpoint\n").doesNotContain("1 endpoints");
    }

    // ------------------------------------------------------------------------------------------- stats

    @Test
    void ledgerStatsCountsCallsCacheHitsFailuresTokensAndCost() throws Exception {
        server.models("qwen2.5", "llama3.2").replyWith(r -> "hello there " + r.lastUserMessage());
        cli(
                "models",
                "add",
                "local",
                "--provider",
                "openai-compatible",
                "--base-url",
                server.openAiBaseUrl(),
                "--model",
                "qwen2.5",
                "--store",
                store());
        cli(
                "models",
                "add",
                "llama",
                "--provider",
                "ollama",
                "--base-url",
                server.baseUrl(),
                "--model",
                "llama3.2",
                "--store",
                store());
        cli(
                "models",
                "add",
                "ghost",
                "--provider",
                "openai-compatible",
                "--base-url",
                server.openAiBaseUrl(),
                "--model",
                "no-such-model",
                "--store",
                store());

        Run empty = cli("ledger", "stats", "--json", "--store", store());
        assertThat(empty.code()).as(empty.err()).isZero();
        JsonNode none = JSON.readTree(empty.out());
        assertThat(none.get("calls").asInt()).isZero();
        assertThat(none.get("cache_hits").asInt()).isZero();

        // qwen2.5: two answered calls and one cache hit; llama3.2: one answered call; no-such-model: one failure
        int tokensInQwen = 0;
        int tokensOutQwen = 0;
        try (Workspace ws = Workspace.open(store())) {
            Endpoint local = ws.endpoints().require("local");
            Endpoint llama = ws.endpoints().require("llama");
            Endpoint ghost = ws.endpoints().require("ghost");
            ModelReply first =
                    ws.gateway().call(local, ModelRequest.ofUser("count my words please"), Cancellation.NEVER);
            ModelReply hit = ws.gateway().call(local, ModelRequest.ofUser("count my words please"), Cancellation.NEVER);
            assertThat(hit.fromCache()).isTrue();
            ModelReply second = ws.gateway().call(local, ModelRequest.ofUser("two more"), Cancellation.NEVER);
            ws.gateway().call(llama, ModelRequest.ofUser("ollama counts too"), Cancellation.NEVER);
            try {
                ws.gateway().call(ghost, ModelRequest.ofUser("anyone?"), Cancellation.NEVER);
                throw new AssertionError("the unknown model should fail");
            } catch (ModelCallException e) {
                assertThat(e.errorClass()).isEqualTo(ErrorClass.MODEL_NOT_FOUND);
            }
            tokensInQwen = first.tokensIn() + second.tokensIn();
            tokensOutQwen = first.tokensOut() + second.tokensOut();
        }
        // the fake server counts words: prompt "count my words please" (4) + "two more" (2) = 6 in,
        // replies "hello there count my words please" (6) + "hello there two more" (4) = 10 out
        assertThat(tokensInQwen).isEqualTo(6);
        assertThat(tokensOutQwen).isEqualTo(10);
        int tokensInLlama = 3; // "ollama counts too"
        int tokensOutLlama = 5; // "hello there ollama counts too"
        // and a connection test through the command line: "Reply with one word: ready" (5), reply 7 words
        Run test = cli("models", "test", "local", "--store", store());
        assertThat(test.code()).as(test.err()).isZero();
        tokensInQwen += 5;
        tokensOutQwen += RecordedRequest.estimateTokens("hello there Reply with one word: ready");

        Run r = cli("ledger", "stats", "--json", "--store", store());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode s = JSON.readTree(r.out());
        assertThat(s.get("calls").asInt()).as("sent: 4 answered + 1 failed").isEqualTo(5);
        assertThat(server.chatRequests()).hasSize(5);
        assertThat(s.get("cache_hits").asInt()).isEqualTo(1);
        assertThat(s.get("failures").asInt()).isEqualTo(1);
        assertThat(s.get("failures_by_class").size()).isEqualTo(1);
        assertThat(s.get("failures_by_class").get("model not found").asInt()).isEqualTo(1);
        assertThat(s.get("tokens_in").asLong()).isEqualTo(tokensInQwen + tokensInLlama);
        assertThat(s.get("tokens_out").asLong()).isEqualTo(tokensOutQwen + tokensOutLlama);
        assertThat(s.get("cost").decimalValue()).isEqualByComparingTo("0");
        assertThat(s.get("cost_complete").asBoolean()).as("no prices set yet").isFalse();
        Map<String, JsonNode> models = new HashMap<>();
        s.get("models").forEach(m -> models.put(m.get("model").asText(), m));
        assertThat(models.get("qwen2.5").get("calls").asInt()).isEqualTo(3);
        assertThat(models.get("qwen2.5").get("cache_hits").asInt()).isEqualTo(1);
        assertThat(models.get("qwen2.5").get("tokens_in").asLong()).isEqualTo(tokensInQwen);
        assertThat(models.get("no-such-model").get("failures").asInt()).isEqualTo(1);

        // with prices (per million tokens): cost = tokens x price / 1e6, summed over models
        // (whole prices: the command rounds each model's cost to 6 decimals, and these tokens are few)
        BigDecimal qwenIn = new BigDecimal("2");
        BigDecimal qwenOut = new BigDecimal("3.000");
        BigDecimal llamaIn = new BigDecimal("4");
        BigDecimal llamaOut = new BigDecimal("10");
        try (Workspace ws = Workspace.open(store())) {
            ws.endpoints().setPrice(new ModelPrice("qwen2.5", qwenIn, qwenOut));
            ws.endpoints().setPrice(new ModelPrice("llama3.2", llamaIn, llamaOut));
        }
        BigDecimal million = BigDecimal.valueOf(1_000_000);
        BigDecimal qwenCost = qwenIn.multiply(BigDecimal.valueOf(tokensInQwen))
                .add(qwenOut.multiply(BigDecimal.valueOf(tokensOutQwen)))
                .divide(million);
        BigDecimal llamaCost = llamaIn.multiply(BigDecimal.valueOf(tokensInLlama))
                .add(llamaOut.multiply(BigDecimal.valueOf(tokensOutLlama)))
                .divide(million);
        Run priced = cli("ledger", "stats", "--json", "--store", store());
        JsonNode p = JSON.readTree(priced.out());
        assertThat(p.get("cost").decimalValue()).isEqualByComparingTo(qwenCost.add(llamaCost));
        // qwen2.5: 11 in x 2 + 17 out x 3 = 73; llama3.2: 3 in x 4 + 5 out x 10 = 62; (73 + 62) / 1e6
        assertThat(p.get("cost").decimalValue()).isEqualByComparingTo("0.000135");
        assertThat(p.get("cost_complete").asBoolean())
                .as("the failed model used no tokens")
                .isTrue();
        Map<String, JsonNode> pricedModels = new HashMap<>();
        p.get("models").forEach(m -> pricedModels.put(m.get("model").asText(), m));
        assertThat(pricedModels.get("qwen2.5").get("cost").decimalValue()).isEqualByComparingTo(qwenCost);
        assertThat(pricedModels.get("llama3.2").get("cost").decimalValue()).isEqualByComparingTo(llamaCost);

        Run text = cli("ledger", "stats", "--store", store());
        assertThat(text.code()).isZero();
        assertThat(text.out())
                .contains(
                        "calls 5, cache hits 1",
                        "failures 1",
                        "failed (model not found): 1",
                        "tokens in " + (tokensInQwen + tokensInLlama) + ", out " + (tokensOutQwen + tokensOutLlama),
                        "cost " + qwenCost.add(llamaCost).stripTrailingZeros().toPlainString());
        Matcher perModel =
                Pattern.compile("qwen2\\.5: 3 calls, 1 cache hit, 0 failures").matcher(text.out());
        assertThat(text.out())
                .as("one of a kind is singular")
                .contains(
                        "llama3.2: 1 call, 0 cache hits, 0 failures",
                        "no-such-model: 1 call, 0 cache hits, 1 failure,");
        assertThat(perModel.find()).as(text.out()).isTrue();

        Run removed = cli("models", "price", "llama3.2", "--remove", "--store", store());
        assertThat(removed.code()).isZero();
        assertThat(removed.out()).contains("removed the price of llama3.2");
        JsonNode after = JSON.readTree(
                cli("ledger", "stats", "--json", "--store", store()).out());
        assertThat(after.get("cost").decimalValue()).isEqualByComparingTo(qwenCost);
        assertThat(after.get("cost_complete").asBoolean())
                .as("llama3.2 used tokens and has no price now")
                .isFalse();
        assertThat(cli("models", "price", "llama3.2", "--remove", "--store", store())
                        .out())
                .contains("llama3.2 had no price");
        Run both = cli("models", "price", "qwen2.5", "1", "2", "--remove", "--store", store());
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("not both");
        Run half = cli("models", "price", "qwen2.5", "1", "--store", store());
        assertThat(half.code()).isEqualTo(2);
        assertThat(half.err()).contains("give both prices");
    }
}
