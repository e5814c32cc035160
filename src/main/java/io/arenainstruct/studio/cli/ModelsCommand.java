package io.arenainstruct.studio.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ModelPrice;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.llm.EndpointService;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.workspace.Workspace;

@Command(
        name = "models",
        description = "Configure model endpoints (Ollama, OpenAI-compatible servers, OpenAI, Anthropic) and test them.",
        subcommands = {
            ModelsCommand.Add.class,
            ModelsCommand.ListEndpoints.class,
            ModelsCommand.Test.class,
            ModelsCommand.Remove.class,
            ModelsCommand.Price.class
        })
final class ModelsCommand {

    @Command(
            name = "add",
            description = {
                "Add an endpoint, or replace the one with the same name.",
                "Keys are never stored: name an environment variable with --api-key-env (optional on this machine)."
            })
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(
                index = "0",
                paramLabel = "NAME",
                description =
                        "The endpoint's name, used by run --endpoint and the app (letters, digits, '.', '_' or '-').")
        String name;

        @Option(
                names = "--provider",
                required = true,
                paramLabel = "PROVIDER",
                description = "ollama, openai-compatible, openai, anthropic or dry-run")
        String provider;

        @Option(
                names = "--base-url",
                paramLabel = "URL",
                description = "Default: the provider's usual address"
                        + " (Ollama http://localhost:11434, OpenAI-compatible http://localhost:1234/v1 as in LM Studio;"
                        + " vLLM :8000/v1, llama.cpp server :8080/v1).")
        String baseUrl;

        @Option(
                names = "--model",
                required = true,
                paramLabel = "MODEL",
                description = "The model's name as the server knows it (e.g. llama3.1:8b, gpt-4o-mini).")
        String model;

        @Option(names = "--api-key-env", paramLabel = "VAR", description = "Environment variable holding the key.")
        String apiKeyEnv;

        @Option(
                names = "--max-concurrent",
                paramLabel = "N",
                defaultValue = "4",
                description = "Requests in flight at once (default: ${DEFAULT-VALUE}).")
        int maxConcurrent;

        @Option(
                names = "--rpm",
                paramLabel = "N",
                defaultValue = "0",
                description = "Requests per minute, 0 = no limit.")
        int rpm;

        @Option(names = "--tpm", paramLabel = "N", defaultValue = "0", description = "Tokens per minute, 0 = no limit.")
        int tpm;

        @Option(
                names = "--timeout",
                paramLabel = "SECONDS",
                defaultValue = "120",
                description = "Seconds to wait for an answer (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Option(
                names = "--temperature",
                paramLabel = "T",
                description = "Sampling temperature sent with every call (default: the server's own).")
        Double temperature;

        @Option(
                names = "--max-tokens",
                paramLabel = "N",
                description = "Longest answer in tokens (default: the server's own).")
        Integer maxTokens;

        @Option(
                names = "--seed",
                paramLabel = "N",
                description = "Sampling seed, for servers that honour it (repeatable answers).")
        Integer seed;

        @Override
        public Integer call() {
            Endpoint endpoint;
            try {
                Provider p = Provider.fromId(provider);
                String url = baseUrl == null || baseUrl.isBlank() ? p.defaultBaseUrl() : baseUrl;
                endpoint = new Endpoint(
                        name,
                        p,
                        url,
                        model,
                        apiKeyEnv,
                        maxConcurrent,
                        rpm,
                        tpm,
                        Duration.ofSeconds(timeoutSeconds),
                        temperature,
                        maxTokens,
                        seed);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                boolean replaced = ws.endpoints().find(name).isPresent();
                ws.endpoints().save(endpoint);
                spec.commandLine()
                        .getOut()
                        .println((replaced ? "replaced " : "added ") + describe(endpoint) + "; key: "
                                + ws.endpoints().keys().describeSource(endpoint));
                return Cli.OK;
            }
        }
    }

    @Command(name = "list", description = "List the endpoints.")
    static final class ListEndpoints implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                List<Endpoint> all = ws.endpoints().list();
                CliSupport.printList(
                        out,
                        json,
                        all,
                        e -> toJson(e, ws.endpoints()),
                        e -> describe(e) + "; key: " + ws.endpoints().keys().describeSource(e),
                        "endpoints");
                return Cli.OK;
            }
        }

        private static Map<String, Object> toJson(Endpoint e, EndpointService service) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.name());
            m.put("provider", e.provider().id());
            m.put("base_url", e.baseUrl());
            m.put("model", e.model());
            m.put("api_key_env", e.apiKeyEnv());
            m.put("key", service.keys().describeSource(e));
            m.put("max_concurrent", e.maxConcurrent());
            m.put("rpm", e.requestsPerMinute());
            m.put("tpm", e.tokensPerMinute());
            m.put("timeout_seconds", e.timeout().toSeconds());
            m.put("temperature", e.temperature());
            m.put("max_tokens", e.maxTokens());
            m.put("seed", e.seed());
            return m;
        }
    }

    @Command(name = "test", description = "Send a tiny prompt; exit 0 only when the model answered.")
    static final class Test implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "The endpoint to test (see: models list).")
        String name;

        @Override
        public Integer call() {
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                Endpoint endpoint = ws.endpoints()
                        .find(name)
                        .orElseThrow(() -> new Cli.CommandFailure(
                                "there is no endpoint named '" + name + "'; see them with: models list"));
                EndpointService.TestResult result = ws.endpoints().test(endpoint, Cancellation.NEVER);
                if (result.ok()) {
                    spec.commandLine().getOut().println(name + ": " + result.message() + ": " + result.reply());
                    return Cli.OK;
                }
                spec.commandLine().getErr().println("error: " + name + " did not answer: " + result.message());
                return Cli.FAILED;
            }
        }
    }

    @Command(name = "remove", description = "Remove an endpoint (its ledger rows stay).")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "The endpoint to remove (its ledger rows stay).")
        String name;

        @Override
        public Integer call() {
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                if (!ws.endpoints().remove(name)) {
                    throw new Cli.CommandFailure("there is no endpoint named '" + name + "'");
                }
                spec.commandLine().getOut().println("removed " + name);
                return Cli.OK;
            }
        }
    }

    @Command(
            name = "price",
            description = "Set what a model costs per million tokens (for ledger costs),"
                    + " or forget its price with --remove.")
    static final class Price implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "MODEL", description = "The model name as the endpoints use it.")
        String model;

        @Parameters(
                index = "1",
                paramLabel = "INPUT",
                arity = "0..1",
                description = "Price per million input (prompt) tokens.")
        BigDecimal input;

        @Parameters(
                index = "2",
                paramLabel = "OUTPUT",
                arity = "0..1",
                description = "Price per million output tokens.")
        BigDecimal output;

        @Option(names = "--remove", description = "Forget the model's price (its calls then show no cost).")
        boolean remove;

        @Override
        public Integer call() {
            if (remove && (input != null || output != null)) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "give either --remove or the two prices, not both");
            }
            if (!remove && (input == null || output == null)) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "give both prices: INPUT and OUTPUT per million tokens");
            }
            if (!remove && (input.signum() < 0 || output.signum() < 0)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "prices must be 0 or more");
            }
            try (Workspace ws = CliSupport.openWorkspace(spec)) {
                if (remove) {
                    boolean had = ws.endpoints().removePrice(model);
                    spec.commandLine()
                            .getOut()
                            .println(had ? "removed the price of " + model : model + " had no price");
                    return Cli.OK;
                }
                ws.endpoints().setPrice(new ModelPrice(model, input, output));
                spec.commandLine()
                        .getOut()
                        .println("price of " + model + ": " + input.toPlainString() + " in, " + output.toPlainString()
                                + " out, per million tokens");
                return Cli.OK;
            }
        }
    }

    static String describe(Endpoint e) {
        return e.name() + ": " + e.provider().id() + " " + (e.baseUrl().isEmpty() ? "" : e.baseUrl() + " ") + e.model()
                + ", " + e.maxConcurrent() + " at once"
                + (e.requestsPerMinute() > 0 ? ", " + e.requestsPerMinute() + " rpm" : "")
                + (e.tokensPerMinute() > 0 ? ", " + e.tokensPerMinute() + " tpm" : "") + ", timeout "
                + e.timeout().toSeconds() + " s";
    }
}
