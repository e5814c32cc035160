package io.arenainstruct.studio.ui.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ModelPrice;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.llm.EndpointService;
import io.arenainstruct.studio.ui.endpoints.EndpointForm.Field;
import io.arenainstruct.studio.ui.endpoints.EndpointForm.Problem;

/** The endpoint form's rules and problems, as plain objects: no JavaFX toolkit, no store. */
class EndpointFormModelTest {
    private final List<String> taken = new ArrayList<>();
    private final Map<String, ModelPrice> prices = new HashMap<>();
    private final EndpointFormModel form = new EndpointFormModel(() -> taken, prices);

    private static EndpointService.Preset preset(String label) {
        return EndpointService.PRESETS.stream()
                .filter(p -> p.label().equals(label))
                .findFirst()
                .orElseThrow();
    }

    private static ModelPrice price(String model, String in, String out) {
        return new ModelPrice(model, new BigDecimal(in), new BigDecimal(out));
    }

    private List<String> problemTexts() {
        return form.problems().stream().map(Problem::text).toList();
    }

    /** A form that is a valid new endpoint, so a test can break one field. */
    private void fillValid() {
        form.model().set("llama3.2");
        assertThat(form.problems()).isEmpty();
    }

    @Test
    void aNewFormSuggestsOllamaOnThisMachineWithTheUsualLimitsAndAsksOnlyForTheModel() {
        assertThat(form.title().get()).isEqualTo("New endpoint");
        assertThat(form.editingName().get()).isNull();
        assertThat(form.preset().get().label()).isEqualTo("Ollama (this machine)");
        assertThat(form.name().get()).isEqualTo("ollama");
        assertThat(form.provider().get()).isEqualTo(Provider.OLLAMA);
        assertThat(form.baseUrl().get()).isEqualTo("http://localhost:11434");
        assertThat(form.model().get()).isEmpty();
        assertThat(form.keyEnv().get()).isEmpty();
        assertThat(List.of(
                        form.maxConcurrent().get(),
                        form.requestsPerMinute().get(),
                        form.tokensPerMinute().get(),
                        form.timeoutSeconds().get()))
                .containsExactly("4", "0", "0", "120");
        assertThat(List.of(
                        form.temperature().get(),
                        form.maxTokens().get(),
                        form.seed().get(),
                        form.priceIn().get(),
                        form.priceOut().get()))
                .containsOnly("");
        assertThat(problemTexts()).containsExactly("Model: the model name is missing (e.g. llama3.2 or gpt-4o-mini)");
        assertThat(form.valid().get()).isFalse();
        // a form just filled says nothing yet; the first edit shows what is wrong
        assertThat(form.shownProblem().get()).isNull();
        assertThat(form.dirty().get()).isFalse();

        form.name().set("local");
        assertThat(form.dirty().get()).isTrue();
        assertThat(form.shownProblem().get().text())
                .isEqualTo("Model: the model name is missing (e.g. llama3.2 or gpt-4o-mini)");
        fillValid();
        assertThat(form.valid().get()).isTrue();
        assertThat(form.shownProblem().get()).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Ollama (this machine)                  | OLLAMA            | http://localhost:11434     | ollama",
                "LM Studio                              | OPENAI_COMPATIBLE | http://localhost:1234/v1   | lm-studio",
                "vLLM                                   | OPENAI_COMPATIBLE | http://localhost:8000/v1   | vllm",
                "llama.cpp server                       | OPENAI_COMPATIBLE | http://localhost:8080/v1   | llama-cpp",
                "Other OpenAI-compatible server         | OPENAI_COMPATIBLE | http://10.0.0.7:9000/v1    | "
                        + "openai-compatible",
                "OpenAI                                 | OPENAI            | https://api.openai.com/v1  | openai",
                "Anthropic                              | ANTHROPIC         | https://api.anthropic.com/v1 | anthropic",
                "Dry run (no model; shows the messages) | DRY_RUN           | ''                         | dry-run",
            })
    void eachPresetFillsInItsProviderAndAddressAndANameOfItsOwn(
            String label, Provider provider, String url, String name) {
        form.baseUrl().set("http://10.0.0.7:9000/v1"); // typed first: only a preset without address keeps it
        AtomicInteger serverChanges = new AtomicInteger();
        form.onServerChanged(serverChanges::incrementAndGet);

        form.preset().set(preset(label));

        assertThat(form.provider().get()).isEqualTo(provider);
        assertThat(form.baseUrl().get()).isEqualTo(url);
        assertThat(form.name().get()).isEqualTo(name);
        assertThat(form.model().get()).isEqualTo(provider == Provider.DRY_RUN ? "dry-run" : "");
        assertThat(form.preset().get().label()).isEqualTo(label);
        assertThat(serverChanges)
                .as("models found for the previous server are forgotten")
                .hasValue(1);
    }

    @Test
    void aPresetNamesTheEndpointAfterItUnlessTheCuratorTypedANameOrEditsAnEndpoint() {
        taken.addAll(List.of("lm-studio", "lm-studio-2"));
        form.preset().set(preset("LM Studio"));
        assertThat(form.name().get()).isEqualTo("lm-studio-3");
        form.preset().set(preset("vLLM"));
        assertThat(form.name().get()).as("the suggestion follows the preset").isEqualTo("vllm");

        form.name().set("gpu-box");
        form.preset().set(preset("OpenAI"));
        assertThat(form.name().get()).isEqualTo("gpu-box");

        form.load(Endpoint.of("mine", Provider.OLLAMA, null, "qwen2.5"));
        form.preset().set(preset("LM Studio"));
        assertThat(form.name().get()).isEqualTo("mine");
        assertThat(form.baseUrl().get()).isEqualTo("http://localhost:1234/v1");
    }

    @Test
    void switchingProviderReplacesAUsualAddressKeepsATypedOneAndShowsTheMatchingPreset() {
        AtomicInteger serverChanges = new AtomicInteger();
        AtomicInteger keyInputs = new AtomicInteger();
        form.onServerChanged(serverChanges::incrementAndGet);
        form.onKeyInputsEdited(keyInputs::incrementAndGet);

        form.provider().set(Provider.OPENAI_COMPATIBLE); // from Ollama's usual address
        assertThat(form.baseUrl().get()).isEqualTo("http://localhost:1234/v1");
        assertThat(form.preset().get().label()).isEqualTo("LM Studio");
        form.provider().set(Provider.OPENAI);
        assertThat(form.baseUrl().get()).isEqualTo("https://api.openai.com/v1");
        assertThat(form.preset().get().label()).isEqualTo("OpenAI");
        assertThat(serverChanges).hasValue(2);
        assertThat(keyInputs).hasValue(2);

        form.baseUrl().set("http://10.0.0.7:9000/v1");
        assertThat(form.preset().get()).as("no preset has this address: Custom").isNull();
        form.provider().set(Provider.OPENAI_COMPATIBLE);
        assertThat(form.baseUrl().get()).isEqualTo("http://10.0.0.7:9000/v1");
        assertThat(form.preset().get().label()).isEqualTo("Other OpenAI-compatible server");
        form.provider().set(Provider.OLLAMA);
        assertThat(form.baseUrl().get()).isEqualTo("http://10.0.0.7:9000/v1");
        assertThat(form.preset().get()).isNull();

        form.baseUrl().set("");
        form.provider().set(Provider.ANTHROPIC);
        assertThat(form.baseUrl().get())
                .as("an empty address gets the provider's")
                .isEqualTo("https://api.anthropic.com/v1");
        assertThat(serverChanges).hasValue(7);
    }

    @Test
    void theNameMustBeFilledInWellFormedAndNotTakenByAnotherEndpoint() {
        taken.add("gpu");
        fillValid();

        form.name().set(" ");
        assertThat(problemTexts())
                .containsExactly("Name: endpoint name '' must be letters, digits, '.', '_' or '-'"
                        + " (up to 64, starting with a letter or digit)");
        form.name().set("my box");
        assertThat(problemTexts())
                .containsExactly("Name: endpoint name 'my box' must be letters, digits, '.', '_'"
                        + " or '-' (up to 64, starting with a letter or digit)");
        form.name().set("gpu");
        assertThat(problemTexts())
                .containsExactly("Name: there is already an endpoint named 'gpu'; choose another"
                        + " name or select it in the list to edit it");
        assertThat(form.problem(Field.NAME)).isPresent();
        assertThat(form.valid().get()).isFalse();

        form.load(Endpoint.of("gpu", Provider.OLLAMA, null, "qwen2.5"));
        assertThat(form.problems()).as("an endpoint keeps its own name").isEmpty();
        form.name().set("gpu2");
        taken.add("gpu2");
        form.recheck(); // the list of endpoints changed
        assertThat(problemTexts())
                .containsExactly("Name: there is already an endpoint named 'gpu2'; choose another"
                        + " name or select it in the list to edit it");
    }

    @Test
    void theAddressMustBeThereAndLookLikeAnHttpAddressExceptForADryRun() {
        fillValid();
        form.baseUrl().set("  ");
        assertThat(problemTexts()).containsExactly("Base URL: type the server's address, e.g. http://localhost:11434");
        form.baseUrl().set("localhost:11434");
        assertThat(problemTexts())
                .containsExactly("Base URL: base URL 'localhost:11434' must look like http://host:port/path");
        form.baseUrl().set("ftp://models.example/v1");
        assertThat(problemTexts())
                .containsExactly("Base URL: base URL 'ftp://models.example/v1' must look like http://host:port/path");

        form.preset().set(preset("Dry run (no model; shows the messages)"));
        assertThat(form.baseUrl().get()).isEmpty();
        assertThat(form.problems()).isEmpty();
    }

    @Test
    void limitsMustBeWholeNumbersWhereZeroMeansNoLimitAndBlankRatesAreNoLimit() {
        fillValid();
        form.maxConcurrent().set("0");
        form.requestsPerMinute().set("lots");
        form.tokensPerMinute().set("-5");
        form.timeoutSeconds().set("");
        assertThat(problemTexts())
                .containsExactly(
                        "Requests per minute: 'lots' is not a whole number (0 means no limit)",
                        "Timeout: type a whole number (seconds, e.g. 120)",
                        "Max concurrent: max concurrent requests must be 1 or more",
                        "Tokens per minute: requests and tokens per minute must be 0 (no limit) or more");
        assertThat(form.problem(Field.MAX_CONCURRENT).map(Problem::message))
                .contains("max concurrent requests must be 1 or more");

        form.maxConcurrent().set("2.5");
        form.requestsPerMinute().set("-1");
        form.tokensPerMinute().set("");
        form.timeoutSeconds().set("0");
        assertThat(problemTexts())
                .containsExactly(
                        "Max concurrent: '2.5' is not a whole number (e.g. 4)",
                        "Requests per minute: requests and tokens per minute must be 0 (no limit) or more",
                        "Timeout: the timeout must be more than 0 seconds");

        form.maxConcurrent().set("3");
        form.requestsPerMinute().set("");
        form.timeoutSeconds().set("abc");
        assertThat(problemTexts()).containsExactly("Timeout: 'abc' is not a whole number (seconds, e.g. 120)");
        form.timeoutSeconds().set(" 30 ");
        Endpoint e = form.attempt().orElseThrow().endpoint();
        assertThat(List.of(e.maxConcurrent(), e.requestsPerMinute(), e.tokensPerMinute()))
                .containsExactly(3, 0, 0);
        assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void callDefaultsAndPricesMustBeNumbersInRangeOrBlank() {
        fillValid();
        form.temperature().set("warm");
        form.maxTokens().set("0");
        form.seed().set("x1");
        form.priceIn().set("-1");
        form.priceOut().set("cheap");
        assertThat(problemTexts())
                .containsExactly(
                        "Temperature: type a number between 0 and 2 such as 0.7, or leave it blank for the model's "
                                + "default",
                        "Seed: 'x1' is not a whole number (or leave it blank for none)",
                        "Max tokens: max tokens must be 1 or more",
                        "Price in: a price must be 0 or more",
                        "Price out: 'cheap' is not a price; type a number such as 0.15");

        form.temperature().set("2.5");
        form.maxTokens().set("many");
        form.seed().set("");
        form.priceIn().set("");
        form.priceOut().set("1.5");
        assertThat(problemTexts())
                .containsExactly(
                        "Max tokens: 'many' is not a whole number (or leave it blank for the model's default)",
                        "Temperature: temperature must be between 0 and 2");

        form.temperature().set("");
        form.maxTokens().set("");
        EndpointForm.Parsed parsed = form.attempt().orElseThrow();
        assertThat(parsed.price())
                .as("one price typed: the other is 0")
                .isEqualTo(new ModelPrice("llama3.2", BigDecimal.ZERO, new BigDecimal("1.5")));
    }

    @Test
    void loadingAnEndpointShowsItsFieldsAndPriceAndTheEditedFormBuildsTheExactSaveRequest() {
        prices.put("qwen2.5", price("qwen2.5", "0.500000", "1.50"));
        Endpoint stored = new Endpoint(
                "gpu",
                Provider.OPENAI_COMPATIBLE,
                "http://10.0.0.7:9000/v1",
                "qwen2.5",
                "LM_KEY",
                2,
                60,
                100000,
                Duration.ofSeconds(300),
                0.7,
                512,
                42);

        form.load(stored);

        assertThat(form.title().get()).isEqualTo("Endpoint gpu");
        assertThat(form.editingName().get()).isEqualTo("gpu");
        assertThat(form.preset().get().label()).isEqualTo("Other OpenAI-compatible server");
        assertThat(List.of(
                        form.name().get(),
                        form.baseUrl().get(),
                        form.model().get(),
                        form.keyEnv().get(),
                        form.maxConcurrent().get(),
                        form.requestsPerMinute().get(),
                        form.tokensPerMinute().get(),
                        form.timeoutSeconds().get(),
                        form.temperature().get(),
                        form.maxTokens().get(),
                        form.seed().get(),
                        form.priceIn().get(),
                        form.priceOut().get()))
                .containsExactly(
                        "gpu",
                        "http://10.0.0.7:9000/v1",
                        "qwen2.5",
                        "LM_KEY",
                        "2",
                        "60",
                        "100000",
                        "300",
                        "0.7",
                        "512",
                        "42",
                        "0.5",
                        "1.5");
        assertThat(form.provider().get()).isEqualTo(Provider.OPENAI_COMPATIBLE);
        assertThat(form.priceHeading().get()).isEqualTo("Price per million tokens of qwen2.5, for cost figures");
        assertThat(form.dirty().get()).isFalse();
        assertThat(form.attempt().orElseThrow())
                .isEqualTo(new EndpointForm.Parsed(stored, price("qwen2.5", "0.5", "1.5")));

        form.name().set(" gpu-2 ");
        form.requestsPerMinute().set("");
        form.seed().set("");
        form.priceOut().set("2");
        assertThat(form.dirty().get()).isTrue();
        assertThat(form.attempt().orElseThrow())
                .isEqualTo(new EndpointForm.Parsed(
                        new Endpoint(
                                "gpu-2",
                                Provider.OPENAI_COMPATIBLE,
                                "http://10.0.0.7:9000/v1",
                                "qwen2.5",
                                "LM_KEY",
                                2,
                                0,
                                100000,
                                Duration.ofSeconds(300),
                                0.7,
                                512,
                                null),
                        price("qwen2.5", "0.5", "2")));

        form.priceIn().set("");
        form.priceOut().set("");
        assertThat(form.attempt().orElseThrow().price())
                .as("both prices emptied: no price")
                .isNull();

        form.load(stored);
        assertThat(form.dirty().get()).isFalse();
        assertThat(form.shownProblem().get()).isNull();
    }

    @Test
    void theKeyVariableIsShownAndSavedByNameAndAKeyPastedInsteadIsRefusedSoItIsNeverStored() {
        form.load(new Endpoint(
                "cloud",
                Provider.OPENAI,
                "https://api.openai.com/v1",
                "gpt-4o-mini",
                "OPENAI_API_KEY",
                4,
                0,
                0,
                Duration.ofSeconds(120),
                null,
                null,
                null));
        assertThat(form.keyEnv().get()).isEqualTo("OPENAI_API_KEY");
        assertThat(form.probe().apiKeyEnv()).isEqualTo("OPENAI_API_KEY");
        assertThat(form.attempt().orElseThrow().endpoint().apiKeyEnv()).isEqualTo("OPENAI_API_KEY");

        form.keyEnv().set("sk-test-0123456789abcdef");
        assertThat(problemTexts())
                .containsExactly("API key variable: 'sk-test-0123456789abcdef' is not an environment variable name");
        assertThat(form.attempt()).isEmpty();
        assertThat(form.shownProblem().get().field()).isEqualTo(Field.KEY_ENV);

        form.keyEnv().set("  ");
        assertThat(form.attempt().orElseThrow().endpoint().apiKeyEnv())
                .as("blank: the secrets file")
                .isNull();
    }

    @Test
    void typingAModelShowsItsStoredPriceUntilTheCuratorTypesPricesOfTheirOwn() {
        prices.put("qwen2.5", price("qwen2.5", "0.5", "1.5"));
        prices.put("llama3.2", price("llama3.2", "0.1", "0.2"));
        form.model().set("qwen2.5");
        assertThat(List.of(form.priceIn().get(), form.priceOut().get())).containsExactly("0.5", "1.5");
        assertThat(form.priceHeading().get()).isEqualTo("Price per million tokens of qwen2.5, for cost figures");
        form.model().set("mistral");
        assertThat(List.of(form.priceIn().get(), form.priceOut().get())).containsExactly("", "");
        assertThat(form.priceHeading().get()).isEqualTo("Price per million tokens of mistral, for cost figures");

        form.priceIn().set("3");
        form.model().set("llama3.2");
        assertThat(List.of(form.priceIn().get(), form.priceOut().get())).containsExactly("3", "");
        form.model().set("");
        assertThat(form.priceHeading().get()).isEqualTo("Price per million tokens, for cost figures");
    }

    @Test
    void aModelTheServerListsIsTakenOnlyWhileNoneIsTyped() {
        form.offerModel("llama3.2");
        assertThat(form.model().get()).isEqualTo("llama3.2");
        form.offerModel("qwen2.5");
        assertThat(form.model().get()).isEqualTo("llama3.2");
    }

    @Test
    void findModelsNeedsAProviderAndAnAddressAndSaysWhich() {
        form.baseUrl().set("");
        assertThat(form.findModelsProblem().text()).isEqualTo("Base URL: type the server's address first");
        assertThat(form.shownProblem().get().text()).isEqualTo("Base URL: type the server's address first");
        form.provider().set(null);
        assertThat(form.findModelsProblem().text()).isEqualTo("Provider: choose where the model runs");
        form.provider().set(Provider.DRY_RUN);
        assertThat(form.findModelsProblem()).isNull();
        assertThat(form.shownProblem().get()).isNull();
    }

    @Test
    void theKeySourceIsAskedAgainOnlyForTheCuratorsEditsOfWhatItDependsOn() {
        AtomicInteger keyInputs = new AtomicInteger();
        form.onKeyInputsEdited(keyInputs::incrementAndGet);
        form.load(Endpoint.of("a", Provider.OLLAMA, null, "qwen2.5"));
        form.loadNew(EndpointService.PRESETS.get(1));
        assertThat(keyInputs).as("filling the form").hasValue(0);

        form.name().set("b");
        form.keyEnv().set("K");
        form.baseUrl().set("http://localhost:9/v1");
        form.model().set("other");
        form.maxConcurrent().set("8");
        assertThat(keyInputs).hasValue(3);
    }
}
