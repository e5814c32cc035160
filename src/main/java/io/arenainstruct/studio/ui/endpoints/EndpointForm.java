package io.arenainstruct.studio.ui.endpoints;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.llm.EndpointService;
import io.arenainstruct.studio.store.EndpointRepository;

/**
 * The endpoint form as text, and turning it into an {@link Endpoint} (plus the model's price). A problem
 * names the field it is about so the view can point at it. No JavaFX here.
 */
final class EndpointForm {
    /** The form's fields, with the label the curator sees. */
    enum Field {
        NAME("Name"), PROVIDER("Provider"), BASE_URL("Base URL"), MODEL("Model"), KEY_ENV("API key variable"),
        MAX_CONCURRENT("Max concurrent"), RPM("Requests per minute"), TPM("Tokens per minute"),
        TIMEOUT("Timeout"), TEMPERATURE("Temperature"), MAX_TOKENS("Max tokens"), SEED("Seed"),
        PRICE_IN("Price in"), PRICE_OUT("Price out");

        private final String label;

        Field(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** What the form's fields hold, as typed. */
    record Values(String name, Provider provider, String baseUrl, String model, String keyEnv, String maxConcurrent,
                  String requestsPerMinute, String tokensPerMinute, String timeoutSeconds, String temperature,
                  String maxTokens, String seed, String priceIn, String priceOut) {

        static Values of(Endpoint e, EndpointRepository.Price price) {
            return new Values(e.name(), e.provider(), e.baseUrl(), e.model(), e.apiKeyEnv() == null ? "" : e.apiKeyEnv(),
                    Integer.toString(e.maxConcurrent()), Integer.toString(e.requestsPerMinute()),
                    Integer.toString(e.tokensPerMinute()), Long.toString(e.timeout().toSeconds()),
                    e.temperature() == null ? "" : e.temperature().toString(),
                    e.maxTokens() == null ? "" : e.maxTokens().toString(), e.seed() == null ? "" : e.seed().toString(),
                    price == null ? "" : price.inputPerMillion().stripTrailingZeros().toPlainString(),
                    price == null ? "" : price.outputPerMillion().stripTrailingZeros().toPlainString());
        }

        /** A new endpoint from a preset, with the usual limits (as {@link Endpoint#of}). */
        static Values forPreset(EndpointService.Preset preset, String name) {
            Endpoint usual = Endpoint.of("x", Provider.OLLAMA, null, "x");
            return new Values(name, preset.provider(), preset.baseUrl(), preset.provider() == Provider.DRY_RUN ? "dry-run" : "",
                    "", Integer.toString(usual.maxConcurrent()), "0", "0", Long.toString(usual.timeout().toSeconds()),
                    "", "", "", "", "");
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
    record Parsed(Endpoint endpoint, EndpointRepository.Price price) {
    }

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

    private EndpointForm() {
    }

    static Parsed parse(Values v) throws Invalid {
        if (v.provider() == null) {
            throw new Invalid(Field.PROVIDER, "choose where the model runs");
        }
        int concurrent = whole(v.maxConcurrent(), Field.MAX_CONCURRENT, null, "e.g. 4");
        int rpm = whole(v.requestsPerMinute(), Field.RPM, 0, "0 means no limit");
        int tpm = whole(v.tokensPerMinute(), Field.TPM, 0, "0 means no limit");
        int timeout = whole(v.timeoutSeconds(), Field.TIMEOUT, null, "seconds, e.g. 120");
        Double temperature = null;
        if (!blank(v.temperature())) {
            try {
                temperature = Double.parseDouble(v.temperature().strip());
            } catch (NumberFormatException e) {
                throw new Invalid(Field.TEMPERATURE, "type a number between 0 and 2 such as 0.7, or leave it blank"
                        + " for the model's default");
            }
        }
        Integer maxTokens = blank(v.maxTokens()) ? null : whole(v.maxTokens(), Field.MAX_TOKENS, null,
                "or leave it blank for the model's default");
        Integer seed = blank(v.seed()) ? null : whole(v.seed(), Field.SEED, null, "or leave it blank for none");
        String baseUrl = v.baseUrl() == null ? "" : v.baseUrl().strip();
        if (baseUrl.isEmpty() && v.provider() != Provider.DRY_RUN) {
            throw new Invalid(Field.BASE_URL, "type the server's address, e.g. " + v.provider().defaultBaseUrl());
        }
        Endpoint endpoint;
        try {
            endpoint = new Endpoint(strip(v.name()), v.provider(), baseUrl, strip(v.model()), strip(v.keyEnv()), concurrent,
                    rpm, tpm, Duration.ofSeconds(timeout), temperature, maxTokens, seed);
        } catch (IllegalArgumentException e) {
            throw new Invalid(fieldOf(e.getMessage(), rpm), e.getMessage());
        }
        EndpointRepository.Price price = null;
        if (!blank(v.priceIn()) || !blank(v.priceOut())) {
            price = new EndpointRepository.Price(endpoint.model(), money(v.priceIn(), Field.PRICE_IN),
                    money(v.priceOut(), Field.PRICE_OUT));
        }
        return new Parsed(endpoint, price);
    }

    /** Which field a message of the {@link Endpoint} constructor is about. */
    static Field fieldOf(String message, int requestsPerMinute) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("per minute")) {
            return requestsPerMinute < 0 ? Field.RPM : Field.TPM;
        }
        if (m.contains("max concurrent")) {
            return Field.MAX_CONCURRENT;
        }
        if (m.contains("max tokens")) {
            return Field.MAX_TOKENS;
        }
        if (m.contains("temperature")) {
            return Field.TEMPERATURE;
        }
        if (m.contains("timeout")) {
            return Field.TIMEOUT;
        }
        if (m.contains("model name")) {
            return Field.MODEL;
        }
        if (m.contains("environment variable")) {
            return Field.KEY_ENV;
        }
        if (m.contains("base url")) {
            return Field.BASE_URL;
        }
        if (m.contains("endpoint name")) {
            return Field.NAME;
        }
        return null;
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

    private static int whole(String text, Field field, Integer whenBlank, String hint) throws Invalid {
        if (blank(text)) {
            if (whenBlank != null) {
                return whenBlank;
            }
            throw new Invalid(field, "type a whole number (" + hint + ")");
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new Invalid(field, "'" + text.strip() + "' is not a whole number (" + hint + ")");
        }
    }

    private static BigDecimal money(String text, Field field) throws Invalid {
        if (blank(text)) {
            return BigDecimal.ZERO;
        }
        try {
            BigDecimal value = new BigDecimal(text.strip());
            if (value.signum() < 0) {
                throw new Invalid(field, "a price must be 0 or more");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new Invalid(field, "'" + text.strip() + "' is not a price; type a number such as 0.15");
        }
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
