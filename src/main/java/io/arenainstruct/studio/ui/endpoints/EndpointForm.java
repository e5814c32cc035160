package io.arenainstruct.studio.ui.endpoints;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ModelPrice;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.llm.EndpointService;

/**
 * The endpoint form as text, and turning it into an {@link Endpoint} (plus the model's price). A problem
 * names the field it is about so the view can point at it. No JavaFX here.
 */
final class EndpointForm {
    /** The form's fields, with the label the curator sees. */
    enum Field {
        NAME("Name"),
        PROVIDER("Provider"),
        BASE_URL("Base URL"),
        MODEL("Model"),
        KEY_ENV("API key variable"),
        MAX_CONCURRENT("Max concurrent"),
        RPM("Requests per minute"),
        TPM("Tokens per minute"),
        TIMEOUT("Timeout"),
        TEMPERATURE("Temperature"),
        MAX_TOKENS("Max tokens"),
        SEED("Seed"),
        PRICE_IN("Price in"),
        PRICE_OUT("Price out");

        private final String label;

        Field(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** What the form's fields hold, as typed. */
    record Values(
            String name,
            Provider provider,
            String baseUrl,
            String model,
            String keyEnv,
            String maxConcurrent,
            String requestsPerMinute,
            String tokensPerMinute,
            String timeoutSeconds,
            String temperature,
            String maxTokens,
            String seed,
            String priceIn,
            String priceOut) {

        static Values of(Endpoint e, ModelPrice price) {
            return new Values(
                    e.name(),
                    e.provider(),
                    e.baseUrl(),
                    e.model(),
                    e.apiKeyEnv() == null ? "" : e.apiKeyEnv(),
                    Integer.toString(e.maxConcurrent()),
                    Integer.toString(e.requestsPerMinute()),
                    Integer.toString(e.tokensPerMinute()),
                    Long.toString(e.timeout().toSeconds()),
                    e.temperature() == null ? "" : e.temperature().toString(),
                    e.maxTokens() == null ? "" : e.maxTokens().toString(),
                    e.seed() == null ? "" : e.seed().toString(),
                    price == null
                            ? ""
                            : price.inputPerMillion().stripTrailingZeros().toPlainString(),
                    price == null
                            ? ""
                            : price.outputPerMillion().stripTrailingZeros().toPlainString());
        }

        /** A new endpoint from a preset, with the usual limits (as {@link Endpoint#of}). */
        static Values forPreset(EndpointService.Preset preset, String name) {
            Endpoint usual = Endpoint.of("x", Provider.OLLAMA, null, "x");
            return new Values(
                    name,
                    preset.provider(),
                    preset.baseUrl(),
                    preset.provider() == Provider.DRY_RUN ? "dry-run" : "",
                    "",
                    Integer.toString(usual.maxConcurrent()),
                    "0",
                    "0",
                    Long.toString(usual.timeout().toSeconds()),
                    "",
                    "",
                    "",
                    "",
                    "");
        }
    }

    /** What is wrong with the form, and where. */
    record Problem(Field field, String message) {
        /** "Max concurrent: max concurrent requests must be 1 or more". */
        String text() {
            return field == null ? capitalize(message) : field.label() + ": " + message;
        }
    }

    /** The form as an endpoint, plus the price to store for its model (null: the model has no price). */
    record Parsed(Endpoint endpoint, ModelPrice price) {}

    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Problem problem;

        Invalid(Field field, String message) {
            super(message);
            this.problem = new Problem(field, message);
        }

        Problem problem() {
            return problem;
        }
    }

    private static final String NO_LIMIT = "0 means no limit";

    private EndpointForm() {}

    /** The form as an endpoint and price; throws the first of {@link #problems} if there is one. */
    static Parsed parse(Values v) throws Invalid {
        List<Problem> problems = problems(v);
        if (!problems.isEmpty()) {
            throw new Invalid(problems.get(0).field(), problems.get(0).message());
        }
        Endpoint endpoint = new Endpoint(
                strip(v.name()),
                v.provider(),
                strip(v.baseUrl()),
                strip(v.model()),
                strip(v.keyEnv()),
                whole(v.maxConcurrent()),
                wholeOr0(v.requestsPerMinute()),
                wholeOr0(v.tokensPerMinute()),
                Duration.ofSeconds(whole(v.timeoutSeconds())),
                blank(v.temperature())
                        ? null
                        : Double.parseDouble(v.temperature().strip()),
                blank(v.maxTokens()) ? null : whole(v.maxTokens()),
                blank(v.seed()) ? null : whole(v.seed()));
        ModelPrice price = null;
        if (!blank(v.priceIn()) || !blank(v.priceOut())) {
            price = new ModelPrice(endpoint.model(), money(v.priceIn()), money(v.priceOut()));
        }
        return new Parsed(endpoint, price);
    }

    /**
     * Everything wrong with the form, at most one problem per field, in the order the curator is told
     * about them: what is not a number first, then the endpoint's own rules (as its constructor checks
     * them), then the prices. Empty: {@link #parse} succeeds.
     */
    static List<Problem> problems(Values v) {
        List<Problem> found = new ArrayList<>();
        if (v.provider() == null) {
            found.add(new Problem(Field.PROVIDER, "choose where the model runs"));
        }
        Integer concurrent = whole(v.maxConcurrent(), Field.MAX_CONCURRENT, null, "e.g. 4", found);
        Integer rpm = whole(v.requestsPerMinute(), Field.RPM, 0, NO_LIMIT, found);
        Integer tpm = whole(v.tokensPerMinute(), Field.TPM, 0, NO_LIMIT, found);
        Integer timeout = whole(v.timeoutSeconds(), Field.TIMEOUT, null, "seconds, e.g. 120", found);
        Double temperature = null;
        if (!blank(v.temperature())) {
            try {
                temperature = Double.parseDouble(v.temperature().strip());
            } catch (NumberFormatException e) {
                found.add(new Problem(
                        Field.TEMPERATURE,
                        "type a number between 0 and 2 such as 0.7, or leave it" + " blank for the model's default"));
            }
        }
        Integer maxTokens = blank(v.maxTokens())
                ? null
                : whole(v.maxTokens(), Field.MAX_TOKENS, null, "or leave it blank for the model's default", found);
        if (!blank(v.seed())) {
            whole(v.seed(), Field.SEED, null, "or leave it blank for none", found);
        }
        String baseUrl = strip(v.baseUrl());
        boolean noAddress = baseUrl.isEmpty() && v.provider() != null && v.provider() != Provider.DRY_RUN;
        if (noAddress) {
            found.add(new Problem(
                    Field.BASE_URL,
                    "type the server's address, e.g. " + v.provider().defaultBaseUrl()));
        }
        // The endpoint's own rules, one field at a time on an otherwise fine endpoint, in its constructor's order.
        rule(found, Field.NAME, () -> probe(strip(v.name()), Provider.DRY_RUN, "", "m", null, 1, 0, 0, 1, null, null));
        if (!noAddress && v.provider() != null) {
            rule(found, Field.BASE_URL, () -> probe("x", v.provider(), baseUrl, "m", null, 1, 0, 0, 1, null, null));
        }
        rule(
                found,
                Field.MODEL,
                () -> probe("x", Provider.DRY_RUN, "", strip(v.model()), null, 1, 0, 0, 1, null, null));
        rule(
                found,
                Field.KEY_ENV,
                () -> probe("x", Provider.DRY_RUN, "", "m", strip(v.keyEnv()), 1, 0, 0, 1, null, null));
        if (concurrent != null) {
            rule(
                    found,
                    Field.MAX_CONCURRENT,
                    () -> probe("x", Provider.DRY_RUN, "", "m", null, concurrent, 0, 0, 1, null, null));
        }
        if (rpm != null) {
            rule(found, Field.RPM, () -> probe("x", Provider.DRY_RUN, "", "m", null, 1, rpm, 0, 1, null, null));
        }
        if (tpm != null) {
            rule(found, Field.TPM, () -> probe("x", Provider.DRY_RUN, "", "m", null, 1, 0, tpm, 1, null, null));
        }
        if (timeout != null) {
            rule(found, Field.TIMEOUT, () -> probe("x", Provider.DRY_RUN, "", "m", null, 1, 0, 0, timeout, null, null));
        }
        Double t = temperature;
        rule(found, Field.TEMPERATURE, () -> probe("x", Provider.DRY_RUN, "", "m", null, 1, 0, 0, 1, t, null));
        rule(found, Field.MAX_TOKENS, () -> probe("x", Provider.DRY_RUN, "", "m", null, 1, 0, 0, 1, null, maxTokens));
        if (!blank(v.priceIn()) || !blank(v.priceOut())) {
            money(v.priceIn(), Field.PRICE_IN, found);
            money(v.priceOut(), Field.PRICE_OUT, found);
        }
        return found;
    }

    /** The problem of a name another endpoint has. */
    static Problem nameTaken(String name) {
        return new Problem(
                Field.NAME,
                "there is already an endpoint named '" + name + "'; choose another name"
                        + " or select it in the list to edit it");
    }

    private static void rule(List<Problem> found, Field field, Runnable check) {
        if (found.stream().anyMatch(p -> p.field() == field)) {
            return; // one problem per field: the first one told
        }
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            found.add(new Problem(field, e.getMessage()));
        }
    }

    private static void probe(
            String name,
            Provider provider,
            String baseUrl,
            String model,
            String keyEnv,
            int concurrent,
            int rpm,
            int tpm,
            int timeoutSeconds,
            Double temperature,
            Integer maxTokens) {
        new Endpoint(
                name,
                provider,
                baseUrl,
                model,
                keyEnv,
                concurrent,
                rpm,
                tpm,
                Duration.ofSeconds(timeoutSeconds),
                temperature,
                maxTokens,
                null);
    }

    /** A provider in words, as in the drop-down. */
    static String providerLabel(Provider p) {
        return switch (p) {
            case OPENAI_COMPATIBLE -> "OpenAI-compatible (LM Studio, vLLM, llama.cpp, …)";
            case DRY_RUN -> "Dry run (no model)";
            default -> shortProviderLabel(p);
        };
    }

    /** A provider in a word or two, for the list: "Ollama", "OpenAI-compatible", "dry run". */
    static String shortProviderLabel(Provider p) {
        return switch (p) {
            case OLLAMA -> "Ollama";
            case OPENAI_COMPATIBLE -> "OpenAI-compatible";
            case OPENAI -> "OpenAI";
            case DRY_RUN -> "dry run";
            default -> capitalize(p.id());
        };
    }

    /** "ollama", "lm-studio", … made unique among the taken names ("ollama-2"). */
    static String suggestName(EndpointService.Preset preset, Collection<String> taken) {
        String base = switch (preset.label()) {
            case "LM Studio" -> "lm-studio";
            case "vLLM" -> "vllm";
            case "llama.cpp server" -> "llama-cpp";
            default -> preset.provider().id();
        };
        String name = base;
        for (int i = 2; taken.contains(name); i++) {
            name = base + "-" + i;
        }
        return name;
    }

    /** The whole number typed (or {@code whenBlank}); null after adding the problem with it. */
    private static Integer whole(String text, Field field, Integer whenBlank, String hint, List<Problem> found) {
        if (blank(text)) {
            if (whenBlank == null) {
                found.add(new Problem(field, "type a whole number (" + hint + ")"));
            }
            return whenBlank;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            found.add(new Problem(field, "'" + text.strip() + "' is not a whole number (" + hint + ")"));
            return null;
        }
    }

    private static void money(String text, Field field, List<Problem> found) {
        if (blank(text)) {
            return;
        }
        try {
            if (new BigDecimal(text.strip()).signum() < 0) {
                found.add(new Problem(field, "a price must be 0 or more"));
            }
        } catch (NumberFormatException e) {
            found.add(new Problem(field, "'" + text.strip() + "' is not a price; type a number such as 0.15"));
        }
    }

    /** Only for text {@link #problems} found to be a whole number. */
    private static int whole(String text) {
        return Integer.parseInt(text.strip());
    }

    private static int wholeOr0(String text) {
        return blank(text) ? 0 : whole(text);
    }

    private static BigDecimal money(String text) {
        return blank(text) ? BigDecimal.ZERO : new BigDecimal(text.strip());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    private static String capitalize(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
