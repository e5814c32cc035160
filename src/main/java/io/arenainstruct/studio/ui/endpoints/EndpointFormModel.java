package io.arenainstruct.studio.ui.endpoints;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ModelPrice;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.llm.EndpointService;
import io.arenainstruct.studio.ui.endpoints.EndpointForm.Field;
import io.arenainstruct.studio.ui.endpoints.EndpointForm.Problem;

/**
 * The endpoint form: one property per field, what a preset fills in and what changing the provider or the
 * address changes, the problems of what is typed, and the endpoint (and price) it saves. Numbers are kept as
 * typed, so text that is not a number stays in its field and is a problem of that field, never an exception.
 * The API key variable is a name; the key itself never passes through here. No controls.
 */
public final class EndpointFormModel {
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final ObjectProperty<EndpointService.Preset> preset = new SimpleObjectProperty<>(this, "preset");
    private final ObjectProperty<Provider> provider = new SimpleObjectProperty<>(this, "provider");
    private final StringProperty baseUrl = new SimpleStringProperty(this, "baseUrl", "");
    private final StringProperty model = new SimpleStringProperty(this, "model", "");
    private final StringProperty keyEnv = new SimpleStringProperty(this, "keyEnv", "");
    private final StringProperty maxConcurrent = new SimpleStringProperty(this, "maxConcurrent", "");
    private final StringProperty requestsPerMinute = new SimpleStringProperty(this, "requestsPerMinute", "");
    private final StringProperty tokensPerMinute = new SimpleStringProperty(this, "tokensPerMinute", "");
    private final StringProperty timeoutSeconds = new SimpleStringProperty(this, "timeoutSeconds", "");
    private final StringProperty temperature = new SimpleStringProperty(this, "temperature", "");
    private final StringProperty maxTokens = new SimpleStringProperty(this, "maxTokens", "");
    private final StringProperty seed = new SimpleStringProperty(this, "seed", "");
    private final StringProperty priceIn = new SimpleStringProperty(this, "priceIn", "");
    private final StringProperty priceOut = new SimpleStringProperty(this, "priceOut", "");

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyObjectWrapper<String> editingName = new ReadOnlyObjectWrapper<>(this, "editingName");
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ObservableList<Problem> problemsView = FXCollections.unmodifiableObservableList(problems);
    private final BooleanBinding valid = Bindings.isEmpty(problems);
    private final ReadOnlyObjectWrapper<Problem> shownProblem = new ReadOnlyObjectWrapper<>(this, "shownProblem");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final StringBinding priceHeading;

    private final Supplier<Collection<String>> takenNames;
    private final Map<String, ModelPrice> prices;
    private final List<Runnable> serverChanged = new ArrayList<>();
    private final List<Runnable> keyInputsEdited = new ArrayList<>();

    /** What the form held when it was filled, to tell unsaved changes. */
    private EndpointForm.Values loadedValues;
    /** The name the form suggested itself; replaced when another preset is picked. */
    private String suggestedName;
    /** The prices the form filled in for the model shown (not typed by the curator). */
    private String autoPriceIn = "";

    private String autoPriceOut = "";
    /** True while the form itself sets fields, so only the curator's edits apply the rules. */
    private boolean adjusting;
    /** Problems show once the curator edits the form or tries to use it, not on a form just filled. */
    private boolean showing;

    /**
     * @param takenNames the names of the endpoints there are (a new name must be none of them)
     * @param prices     the stored prices by model, to show the price of the model typed
     */
    public EndpointFormModel(Supplier<Collection<String>> takenNames, Map<String, ModelPrice> prices) {
        this.takenNames = takenNames;
        this.prices = prices;
        priceHeading = Bindings.createStringBinding(
                () -> {
                    String m = strip(model.get());
                    return "Price per million tokens" + (m.isEmpty() ? "" : " of " + m) + ", for cost figures";
                },
                model);

        preset.addListener((obs, o, p) -> {
            if (!adjusting && p != null) {
                applyPreset(p);
            }
        });
        provider.addListener((obs, o, p) -> {
            if (!adjusting && p != null) {
                if (blank(baseUrl.get()) || isUsualAddress(baseUrl.get(), o)) {
                    adjust(() -> baseUrl.set(p.defaultBaseUrl()));
                }
                matchPreset();
                // what another provider's list call said does not hold for this one
                fire(serverChanged);
                fire(keyInputsEdited);
            }
        });
        baseUrl.addListener((obs, o, n) -> {
            if (!adjusting) {
                matchPreset();
                fire(serverChanged);
                fire(keyInputsEdited);
            }
        });
        for (StringProperty p : List.of(name, keyEnv)) {
            p.addListener((obs, o, n) -> {
                if (!adjusting) {
                    fire(keyInputsEdited);
                }
            });
        }
        model.addListener((obs, o, n) -> {
            if (!adjusting) {
                showPrice(n);
            }
        });
        for (Observable field : fields()) {
            field.addListener(obs -> changed());
        }
        loadNew(EndpointService.PRESETS.get(0));
    }

    // ------------------------------------------------------------------------------------------ filling

    /** Fills the form for a new endpoint from a preset, with a name no endpoint has. */
    public void loadNew(EndpointService.Preset from) {
        suggestedName = EndpointForm.suggestName(from, takenNames.get());
        fill(null, EndpointForm.Values.forPreset(from, suggestedName), "New endpoint");
    }

    /** Fills the form from an endpoint and its model's stored price. */
    public void load(Endpoint e) {
        suggestedName = null;
        fill(e.name(), EndpointForm.Values.of(e, prices.get(e.model())), "Endpoint " + e.name());
    }

    private void fill(String editing, EndpointForm.Values v, String heading) {
        adjust(() -> {
            editingName.set(editing);
            title.set(heading);
            setValues(v);
            autoPriceIn = v.priceIn();
            autoPriceOut = v.priceOut();
            matchPreset();
        });
        loadedValues = values();
        showing = false;
        changed();
    }

    private void setValues(EndpointForm.Values v) {
        name.set(v.name());
        provider.set(v.provider());
        baseUrl.set(v.baseUrl());
        model.set(v.model());
        keyEnv.set(v.keyEnv());
        maxConcurrent.set(v.maxConcurrent());
        requestsPerMinute.set(v.requestsPerMinute());
        tokensPerMinute.set(v.tokensPerMinute());
        timeoutSeconds.set(v.timeoutSeconds());
        temperature.set(v.temperature());
        maxTokens.set(v.maxTokens());
        seed.set(v.seed());
        priceIn.set(v.priceIn());
        priceOut.set(v.priceOut());
    }

    /** The form's fields as typed. */
    public EndpointForm.Values values() {
        return new EndpointForm.Values(
                name.get(),
                provider.get(),
                baseUrl.get(),
                strip(model.get()),
                keyEnv.get(),
                maxConcurrent.get(),
                requestsPerMinute.get(),
                tokensPerMinute.get(),
                timeoutSeconds.get(),
                temperature.get(),
                maxTokens.get(),
                seed.get(),
                priceIn.get(),
                priceOut.get());
    }

    /** A preset fills in its provider and address (an empty address keeps the one typed) and a new name. */
    private void applyPreset(EndpointService.Preset p) {
        adjust(() -> {
            provider.set(p.provider());
            if (!p.baseUrl().isEmpty() || p.provider() == Provider.DRY_RUN) {
                baseUrl.set(p.baseUrl());
            }
            if (p.provider() == Provider.DRY_RUN) {
                model.set("dry-run");
            }
            String typed = name.get();
            if (editingName.get() == null && (blank(typed) || typed.equals(suggestedName))) {
                suggestedName = EndpointForm.suggestName(p, takenNames.get());
                name.set(suggestedName);
            }
        });
        fire(serverChanged);
        fire(keyInputsEdited);
    }

    /** Shows the preset that matches the provider and address, or none ("Custom"). */
    private void matchPreset() {
        Provider p = provider.get();
        String url = trimSlash(baseUrl.get());
        EndpointService.Preset match = EndpointService.PRESETS.stream()
                .filter(x -> x.provider() == p && trimSlash(x.baseUrl()).equals(url))
                .findFirst()
                .or(() -> EndpointService.PRESETS.stream()
                        .filter(x -> p == Provider.OPENAI_COMPATIBLE
                                && x.label().equals(EndpointService.OTHER_OPENAI_COMPATIBLE))
                        .findFirst())
                .orElse(null);
        adjust(() -> preset.set(match));
    }

    /** Shows the stored price of the model typed, unless the curator typed prices of their own. */
    private void showPrice(String modelName) {
        if (Objects.equals(priceIn.get(), autoPriceIn) && Objects.equals(priceOut.get(), autoPriceOut)) {
            ModelPrice price = prices.get(strip(modelName));
            autoPriceIn = price == null
                    ? ""
                    : price.inputPerMillion().stripTrailingZeros().toPlainString();
            autoPriceOut = price == null
                    ? ""
                    : price.outputPerMillion().stripTrailingZeros().toPlainString();
            adjust(() -> {
                priceIn.set(autoPriceIn);
                priceOut.set(autoPriceOut);
            });
        }
    }

    /** Offers a model the server listed; taken only while no model is typed. */
    void offerModel(String found) {
        if (blank(model.get()) && found != null) {
            model.set(found);
        }
    }

    // ---------------------------------------------------------------------------------------- problems

    private void changed() {
        List<Problem> now = new ArrayList<>(EndpointForm.problems(values()));
        String typed = strip(name.get());
        String editing = editingName.get();
        boolean nameFine = now.stream().noneMatch(p -> p.field() == Field.NAME);
        if (nameFine
                && (editing == null || !editing.equals(typed))
                && takenNames.get().contains(typed)) {
            now.add(EndpointForm.nameTaken(typed));
        }
        if (!now.equals(problems)) {
            problems.setAll(now);
        }
        if (loadedValues != null) {
            dirty.set(!loadedValues.equals(values()));
            showing |= dirty.get();
        }
        shownProblem.set(showing ? firstProblem().orElse(null) : null);
    }

    /** Re-checks the form, e.g. once the list of endpoints (and so the taken names) has changed. */
    void recheck() {
        changed();
    }

    /**
     * The curator wants to use the form (save, test, send): the endpoint and price it holds, or empty with the
     * first problem shown.
     */
    public Optional<EndpointForm.Parsed> attempt() {
        showing = true;
        changed();
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(EndpointForm.parse(values()));
        } catch (EndpointForm.Invalid e) {
            // not reached: parse refuses exactly what problems() lists
            report(e.problem());
            return Optional.empty();
        }
    }

    /** What the server's address for Find models lacks, shown; null when models can be asked for. */
    public Problem findModelsProblem() {
        Problem p = provider.get() == null
                ? new Problem(Field.PROVIDER, "choose where the model runs")
                : blank(baseUrl.get()) && provider.get() != Provider.DRY_RUN
                        ? new Problem(Field.BASE_URL, "type the server's address first")
                        : null;
        shownProblem.set(p);
        return p;
    }

    /** Shows a problem found elsewhere (e.g. a name taken meanwhile), until the next edit. */
    public void report(Problem p) {
        showing = true;
        shownProblem.set(p);
    }

    private Optional<Problem> firstProblem() {
        return problems.isEmpty() ? Optional.empty() : Optional.of(problems.get(0));
    }

    /** The problem of one field, if it has one. */
    public Optional<Problem> problem(Field field) {
        return problems.stream().filter(p -> p.field() == field).findFirst();
    }

    /** The form as far as the key's source needs it; null while it is not a valid endpoint yet. */
    public Endpoint probe() {
        Provider p = provider.get();
        if (p == null) {
            return null;
        }
        try {
            return new Endpoint(
                    strip(name.get()),
                    p,
                    strip(baseUrl.get()),
                    "probe",
                    strip(keyEnv.get()),
                    1,
                    0,
                    0,
                    Duration.ofSeconds(1),
                    null,
                    null,
                    null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------ events

    /** Runs when the curator changes where the model runs (provider, address or preset). */
    void onServerChanged(Runnable r) {
        serverChanged.add(r);
    }

    /** Runs when the curator changes what the key's source depends on (name, provider, address, variable). */
    public void onKeyInputsEdited(Runnable r) {
        keyInputsEdited.add(r);
    }

    private static void fire(List<Runnable> listeners) {
        listeners.forEach(Runnable::run);
    }

    private void adjust(Runnable change) {
        boolean was = adjusting;
        adjusting = true;
        try {
            change.run();
        } finally {
            adjusting = was;
        }
    }

    private List<Observable> fields() {
        return List.of(
                name,
                provider,
                baseUrl,
                model,
                keyEnv,
                maxConcurrent,
                requestsPerMinute,
                tokensPerMinute,
                timeoutSeconds,
                temperature,
                maxTokens,
                seed,
                priceIn,
                priceOut);
    }

    private static boolean isUsualAddress(String url, Provider previous) {
        String u = trimSlash(url);
        return (previous != null && trimSlash(previous.defaultBaseUrl()).equals(u))
                || EndpointService.PRESETS.stream()
                        .anyMatch(p -> trimSlash(p.baseUrl()).equals(u));
    }

    private static String trimSlash(String s) {
        String t = strip(s);
        return t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    // -------------------------------------------------------------------------------------- properties

    public StringProperty name() {
        return name;
    }

    public ObjectProperty<EndpointService.Preset> preset() {
        return preset;
    }

    public ObjectProperty<Provider> provider() {
        return provider;
    }

    public StringProperty baseUrl() {
        return baseUrl;
    }

    public StringProperty model() {
        return model;
    }

    /** The name of the environment variable holding the key, never the key. */
    public StringProperty keyEnv() {
        return keyEnv;
    }

    public StringProperty maxConcurrent() {
        return maxConcurrent;
    }

    public StringProperty requestsPerMinute() {
        return requestsPerMinute;
    }

    public StringProperty tokensPerMinute() {
        return tokensPerMinute;
    }

    public StringProperty timeoutSeconds() {
        return timeoutSeconds;
    }

    public StringProperty temperature() {
        return temperature;
    }

    public StringProperty maxTokens() {
        return maxTokens;
    }

    public StringProperty seed() {
        return seed;
    }

    public StringProperty priceIn() {
        return priceIn;
    }

    public StringProperty priceOut() {
        return priceOut;
    }

    /** "New endpoint" or "Endpoint NAME". */
    public ReadOnlyStringProperty title() {
        return title.getReadOnlyProperty();
    }

    /** The name the form was loaded with; null for a new endpoint. */
    public ReadOnlyObjectProperty<String> editingName() {
        return editingName.getReadOnlyProperty();
    }

    /** Everything wrong with the form now, one problem per field, the one to tell first at the top. */
    public ObservableList<Problem> problems() {
        return problemsView;
    }

    /** No problems: Save can go ahead. */
    public BooleanBinding valid() {
        return valid;
    }

    /** The problem to show under the form (null: none), once the curator has edited or tried the form. */
    public ReadOnlyObjectProperty<Problem> shownProblem() {
        return shownProblem.getReadOnlyProperty();
    }

    /** The form differs from what it was filled with. */
    public ReadOnlyBooleanProperty dirty() {
        return dirty.getReadOnlyProperty();
    }

    /** "Price per million tokens of MODEL, for cost figures": the price belongs to the model. */
    public StringBinding priceHeading() {
        return priceHeading;
    }
}
