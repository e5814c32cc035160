package io.arenainstruct.studio.domain.llm;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A configured model source. It never holds a key: {@code apiKeyEnv} names the environment variable to
 * read, otherwise the per-user secrets file is asked for this endpoint's name.
 *
 * @param maxConcurrent     requests in flight at once (at least 1)
 * @param requestsPerMinute 0 for no limit
 * @param tokensPerMinute   0 for no limit (prompt and completion tokens together)
 * @param temperature       null: the model's default
 * @param maxTokens         null: the model's default
 * @param seed              null: none
 */
public record Endpoint(
        String name,
        Provider provider,
        String baseUrl,
        String model,
        String apiKeyEnv,
        int maxConcurrent,
        int requestsPerMinute,
        int tokensPerMinute,
        Duration timeout,
        Double temperature,
        Integer maxTokens,
        Integer seed) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern ENV = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public Endpoint {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("endpoint name '" + name + "' must be letters, digits, '.', '_' or '-'"
                    + " (up to 64, starting with a letter or digit)");
        }
        if (provider != Provider.DRY_RUN) {
            checkUrl(baseUrl);
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("the model name is missing (e.g. llama3.2 or gpt-4o-mini)");
        }
        if (apiKeyEnv != null && !apiKeyEnv.isBlank() && !ENV.matcher(apiKeyEnv).matches()) {
            throw new IllegalArgumentException("'" + apiKeyEnv + "' is not an environment variable name");
        }
        apiKeyEnv = apiKeyEnv == null || apiKeyEnv.isBlank() ? null : apiKeyEnv;
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("max concurrent requests must be 1 or more");
        }
        if (requestsPerMinute < 0 || tokensPerMinute < 0) {
            throw new IllegalArgumentException("requests and tokens per minute must be 0 (no limit) or more");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be more than 0 seconds");
        }
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            throw new IllegalArgumentException("temperature must be between 0 and 2");
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("max tokens must be 1 or more");
        }
    }

    /** A new endpoint with the usual limits: 4 at once, no rate limits, 120 s timeout. */
    public static Endpoint of(String name, Provider provider, String baseUrl, String model) {
        return new Endpoint(
                name,
                provider,
                baseUrl == null || baseUrl.isBlank() ? provider.defaultBaseUrl() : baseUrl,
                model,
                null,
                4,
                0,
                0,
                Duration.ofSeconds(120),
                null,
                null,
                null);
    }

    /** True when the server is on this machine, where a key is optional. */
    public boolean isLoopback() {
        if (provider == Provider.DRY_RUN) {
            return true;
        }
        String host = URI.create(baseUrl).getHost();
        host = host == null ? "" : host.toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    /**
     * OpenAI and Anthropic always want a key; local servers never do; other hosts (a shared Ollama or vLLM) may or may
     * not,
     * so there the call goes out without one and the server's answer says whether it was needed.
     */
    public boolean requiresKey() {
        return (provider == Provider.OPENAI || provider == Provider.ANTHROPIC) && !isLoopback();
    }

    /** Where calls go, fit to show: the base URL without user info, query or fragment (they may carry secrets). */
    public String address() {
        try {
            URI u = new URI(baseUrl);
            if (u.getHost() == null) {
                return baseUrl;
            }
            return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return "(an address that is not a valid URL)";
        }
    }

    public Endpoint withLimits(int concurrent, int rpm, int tpm) {
        return new Endpoint(
                name, provider, baseUrl, model, apiKeyEnv, concurrent, rpm, tpm, timeout, temperature, maxTokens, seed);
    }

    public Endpoint withApiKeyEnv(String env) {
        return new Endpoint(
                name,
                provider,
                baseUrl,
                model,
                env,
                maxConcurrent,
                requestsPerMinute,
                tokensPerMinute,
                timeout,
                temperature,
                maxTokens,
                seed);
    }

    public Endpoint withTimeout(Duration newTimeout) {
        return new Endpoint(
                name,
                provider,
                baseUrl,
                model,
                apiKeyEnv,
                maxConcurrent,
                requestsPerMinute,
                tokensPerMinute,
                newTimeout,
                temperature,
                maxTokens,
                seed);
    }

    public Endpoint withDefaults(Double newTemperature, Integer newMaxTokens, Integer newSeed) {
        return new Endpoint(
                name,
                provider,
                baseUrl,
                model,
                apiKeyEnv,
                maxConcurrent,
                requestsPerMinute,
                tokensPerMinute,
                timeout,
                newTemperature,
                newMaxTokens,
                newSeed);
    }

    private static void checkUrl(String url) {
        try {
            URI uri = URI.create(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("base URL '" + url + "' must look like http://host:port/path");
        }
    }
}
