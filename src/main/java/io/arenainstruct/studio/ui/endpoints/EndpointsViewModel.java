package io.arenainstruct.studio.ui.endpoints;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ModelPrice;
import io.arenainstruct.studio.domain.llm.ModelReply;
import io.arenainstruct.studio.domain.llm.ModelRequest;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.llm.EndpointService;
import io.arenainstruct.studio.service.llm.ModelGateway;
import io.arenainstruct.studio.ui.common.CancellableCall;
import io.arenainstruct.studio.ui.common.DialogService;
import io.arenainstruct.studio.ui.common.LiveReply;
import io.arenainstruct.studio.ui.task.Latest;
import io.arenainstruct.studio.ui.task.SerialTasks;
import io.arenainstruct.studio.ui.task.TaskExecutor;
import io.arenainstruct.studio.ui.task.TaskHandle;

/**
 * State and actions of the Endpoints area. Store reads and writes, model discovery, connection tests and
 * prompts all run in the background; results land on the FX thread. Connection tests, model discovery and
 * prompts show in the status bar with Cancel.
 */
public final class EndpointsViewModel {
    /** The step recorded in the call ledger for prompts sent from here. */
    static final String TRY_STEP = "try a prompt";

    private final EndpointService service;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final SerialTasks writes;

    private final ObservableList<Endpoint> endpoints = FXCollections.observableArrayList();
    private final ObservableMap<String, ModelPrice> prices = FXCollections.observableHashMap();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");

    private final ObservableList<String> discoveredModels = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper findingModels = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper modelsStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper modelsFailed = new ReadOnlyBooleanWrapper();
    private final Latest modelsAsked = new Latest();

    private final ReadOnlyStringWrapper keySource = new ReadOnlyStringWrapper("");
    private final Latest keyAsked = new Latest();

    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper testResult = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Boolean> testOk = new ReadOnlyObjectWrapper<>();
    private final Latest testAsked = new Latest();
    private TaskHandle testTask = TaskHandle.NONE;

    private final LiveReply tryReply;
    private final EndpointFormModel form;

    public EndpointsViewModel(
            EndpointService service, ModelGateway gateway, TaskExecutor tasks, DialogService dialogs) {
        this.service = service;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.writes = tasks.serial();
        this.tryReply = new LiveReply(
                tasks,
                gateway,
                new LiveReply.Wording(
                        "Esc cancels",
                        "Cancelled before the model answered",
                        "Cancelled; the reply so far stays above"));
        this.form = new EndpointFormModel(
                () -> endpoints.stream().map(Endpoint::name).toList(), prices);
        form.onServerChanged(this::clearModels);
        endpoints.addListener((ListChangeListener<Endpoint>) c -> form.recheck());
        discoveredModels.addListener((ListChangeListener<String>) c -> {
            if (!discoveredModels.isEmpty()) {
                form.offerModel(discoveredModels.get(0));
            }
        });
    }

    // ------------------------------------------------------------------------------------------- the form

    /** The endpoint form being edited. */
    public EndpointFormModel form() {
        return form;
    }

    /** Fills the form for a new endpoint (Ollama on this machine suggested). */
    public void newEndpoint() {
        beforeFill();
        form.loadNew(EndpointService.PRESETS.get(0));
        describeKeySource(form.probe());
    }

    /** Fills the form from an endpoint to edit it. */
    public void edit(Endpoint endpoint) {
        beforeFill();
        form.load(endpoint);
        describeKeySource(form.probe());
    }

    /** Forgets what belonged to the previous endpoint; before filling, as emptying the list may clear its pick. */
    private void beforeFill() {
        clearModels();
        clearTestResult();
    }

    /** True when the form has no unsaved changes or the curator agrees to drop them. */
    public boolean confirmDiscard() {
        if (!form.dirty().get()) {
            return true;
        }
        String editing = form.editingName().get();
        String what = editing == null ? "the new endpoint" : "endpoint " + editing;
        return dialogs.confirm("Discard changes?", "The changes to " + what + " are not saved.", "Discard changes");
    }

    /**
     * Saves the form: {@code saved} gets the endpoint once stored (the form then shows it); {@code refused}
     * gets the problem shown instead, so the view can point at its field.
     */
    public void saveForm(Consumer<Endpoint> saved, Consumer<EndpointForm.Problem> refused) {
        Optional<EndpointForm.Parsed> parsed = form.attempt();
        if (parsed.isEmpty()) {
            refused.accept(form.shownProblem().get());
            return;
        }
        write(
                parsed.get(),
                form.editingName().get(),
                e -> {
                    edit(e);
                    saved.accept(e);
                },
                p -> {
                    form.report(p);
                    refused.accept(p);
                });
    }

    /** Tests the connection of the endpoint as filled in, saved or not. */
    public void testForm(Consumer<EndpointForm.Problem> refused) {
        form.attempt()
                .ifPresentOrElse(
                        p -> testConnection(p.endpoint()),
                        () -> refused.accept(form.shownProblem().get()));
    }

    /** Sends the prompt to the endpoint as filled in, saved or not. */
    public void sendForm(String prompt, boolean fresh, Consumer<EndpointForm.Problem> refused) {
        if (streamState().get() == LiveReply.State.STREAMING || prompt == null || prompt.isBlank()) {
            return;
        }
        form.attempt()
                .ifPresentOrElse(
                        p -> send(p.endpoint(), prompt, fresh),
                        () -> refused.accept(form.shownProblem().get()));
    }

    /** Asks the server of the form for its models. */
    public void findFormModels(Consumer<EndpointForm.Problem> refused) {
        EndpointForm.Problem p = form.findModelsProblem();
        if (p != null) {
            refused.accept(p);
            return;
        }
        findModels(
                form.provider().get(),
                form.baseUrl().get().strip(),
                form.keyEnv().get());
    }

    // ------------------------------------------------------------------------------------ list and prices

    /** Reloads endpoints and prices; {@code then} gets the endpoint named {@code select}, if it exists. */
    public void load(String select, Consumer<Optional<Endpoint>> then) {
        loading.set(true);
        tasks.wrap(() -> new Listing(service.list(), service.prices()))
                .onSuccess(listing -> {
                    endpoints.setAll(listing.endpoints());
                    prices.clear();
                    prices.putAll(listing.prices());
                    loading.set(false);
                    then.accept(listing.endpoints().stream()
                            .filter(e -> e.name().equals(select))
                            .findFirst());
                })
                .onFailure(e -> {
                    loading.set(false);
                    dialogs.showError("Cannot list the endpoints", e.getMessage());
                })
                .start();
    }

    private record Listing(List<Endpoint> endpoints, Map<String, ModelPrice> prices) {}

    public boolean exists(String name) {
        return endpoints.stream().anyMatch(e -> e.name().equals(name));
    }

    /**
     * Saves the endpoint (and its model's price). {@code originalName} is the name it was loaded with (null
     * for a new one): a changed name renames it. A name that another endpoint has is refused via
     * {@code problem}; {@code saved} runs once the store has it.
     */
    public void save(
            EndpointForm.Parsed parsed, String originalName, Consumer<Endpoint> saved, Consumer<String> problem) {
        write(parsed, originalName, saved, p -> problem.accept(p.text()));
    }

    private void write(
            EndpointForm.Parsed parsed,
            String originalName,
            Consumer<Endpoint> saved,
            Consumer<EndpointForm.Problem> problem) {
        Endpoint endpoint = parsed.endpoint();
        boolean renamed = originalName != null && !originalName.equals(endpoint.name());
        if ((originalName == null || renamed) && exists(endpoint.name())) {
            problem.accept(EndpointForm.nameTaken(endpoint.name()));
            return;
        }
        writes.wrap(() -> {
                    if (parsed.price() != null) {
                        service.setPrice(parsed.price());
                    } else {
                        service.removePrice(endpoint.model()); // both price fields emptied: no cost figures
                    }
                    service.save(endpoint);
                    if (renamed) {
                        service.remove(originalName);
                    }
                    return endpoint;
                })
                .onSuccess(e -> {
                    notice.set("Saved endpoint " + endpoint.name()
                            + (renamed ? " (renamed from " + originalName + ")" : ""));
                    load(endpoint.name(), found -> saved.accept(found.orElse(endpoint)));
                })
                .onFailure(e -> dialogs.showError("Cannot save the endpoint", e.getMessage()))
                .start();
    }

    /** Deletes the endpoint once the curator agrees. */
    public void confirmDelete(Endpoint endpoint) {
        if (dialogs.confirm(
                "Delete endpoint " + endpoint.name() + "?",
                "The endpoint " + endpoint.name() + " (" + endpoint.model()
                        + ") is removed. Its calls stay in the call ledger.",
                "Delete")) {
            delete(endpoint.name(), () -> {});
        }
    }

    /** Deletes the endpoint; its calls stay in the ledger. The form starts a new one if it showed this one. */
    public void delete(String name, Runnable deleted) {
        writes.wrap(() -> {
                    service.remove(name);
                    return name;
                })
                .onSuccess(n -> {
                    notice.set("Deleted endpoint " + name + "; its calls stay in the call ledger");
                    load(null, found -> {
                        if (name.equals(form.editingName().get())) {
                            newEndpoint();
                        }
                        deleted.run();
                    });
                })
                .onFailure(e -> dialogs.showError("Cannot delete the endpoint", e.getMessage()))
                .start();
    }

    // -------------------------------------------------------------------------------------- find models

    /** Asks the server which models it has, for the model drop-down; a failure's reason shows inline. */
    public void findModels(Provider provider, String baseUrl, String apiKeyEnv) {
        findingModels.set(true);
        modelsFailed.set(false);
        modelsStatus.set("Asking " + baseUrl + " for its models…");
        String env = apiKeyEnv == null || apiKeyEnv.isBlank() ? null : apiKeyEnv.strip();
        tasks.wrap("Finding models", (progress, cancel) -> {
                    progress.progress(-1, -1, "asking " + baseUrl);
                    try {
                        return CancellableCall.await(
                                tasks.executor(), () -> service.discoverModels(provider, baseUrl, env), cancel);
                    } catch (CancellationException e) {
                        return null;
                    }
                })
                .onSuccess(found -> {
                    findingModels.set(false);
                    if (found == null) {
                        modelsStatus.set("Stopped asking for models");
                    } else {
                        discoveredModels.setAll(found);
                        modelsStatus.set(
                                found.isEmpty()
                                        ? "The server lists no models; type the model's name"
                                        : found.size() == 1 ? "1 model found" : found.size() + " models found");
                    }
                })
                .onFailure(error -> {
                    findingModels.set(false);
                    modelsFailed.set(true);
                    modelsStatus.set("Cannot list models: " + error.getMessage());
                })
                .latestOnly(modelsAsked)
                .start();
    }

    /** Forgets the models found for another server. */
    public void clearModels() {
        modelsAsked.invalidate();
        findingModels.set(false);
        modelsFailed.set(false);
        modelsStatus.set("");
        discoveredModels.clear();
    }

    // -------------------------------------------------------------------------------------- key source

    /** Where the key of this endpoint would come from, in words, never the key (null: the form is unfinished). */
    public void describeKeySource(Endpoint probe) {
        if (probe == null) {
            keyAsked.invalidate();
            keySource.set("API key: fill in the name and the address to see where the key comes from");
            return;
        }
        tasks.wrap(() -> service.keys().describeSource(probe))
                .onSuccess(source -> {
                    String text = "API key: " + source;
                    if (probe.apiKeyEnv() != null && !source.startsWith("environment variable")) {
                        text += " (" + probe.apiKeyEnv() + " is not set for this app)";
                    }
                    if (source.startsWith("none") && probe.requiresKey()) {
                        text += "; this provider needs one";
                    }
                    keySource.set(text);
                })
                .onFailure(e -> keySource.set("API key: cannot tell (" + e.getMessage() + ")"))
                .latestOnly(keyAsked)
                .start();
    }

    // --------------------------------------------------------------------------------- test connection

    /** Sends a tiny prompt (never from the cache) and shows the latency and reply, or why it failed. */
    public void testConnection(Endpoint endpoint) {
        if (testing.get()) {
            return;
        }
        testing.set(true);
        testOk.set(null);
        testResult.set("Testing the connection to " + endpoint.name() + "…");
        testTask = tasks.wrap("Testing " + endpoint.name(), (progress, cancel) -> {
                    progress.progress(-1, -1, "waiting for " + endpoint.model());
                    try {
                        return CancellableCall.await(tasks.executor(), () -> service.test(endpoint, cancel), cancel);
                    } catch (CancellationException e) {
                        return null;
                    }
                })
                .onSuccess(result -> {
                    testing.set(false);
                    if (result == null) {
                        testOk.set(null);
                        testResult.set("Test cancelled");
                    } else if (result.ok()) {
                        testOk.set(true);
                        testResult.set("Connected: answered in "
                                + result.latency().toMillis() + " ms. The model replied: " + oneLine(result.reply()));
                    } else {
                        testOk.set(false);
                        testResult.set("Not connected (" + result.errorClass().label() + "): " + result.message());
                    }
                })
                .onFailure(error -> {
                    testing.set(false);
                    testOk.set(false);
                    testResult.set("Not connected: " + error.getMessage());
                })
                .latestOnly(testAsked)
                .start();
    }

    public void clearTestResult() {
        if (!testing.get()) {
            testOk.set(null);
            testResult.set("");
        }
    }

    // ----------------------------------------------------------------------------------- try a prompt

    /** Streams the model's reply to the prompt into {@link #reply()}, batched onto the FX thread. */
    public void send(Endpoint endpoint, String prompt, boolean fresh) {
        if (prompt == null || prompt.isBlank()) {
            return;
        }
        ModelRequest request = ModelRequest.ofUser(prompt).withProvenance(null, TRY_STEP);
        ModelRequest sent = fresh ? request.asFresh() : request;
        tryReply.start(
                "Trying a prompt on " + endpoint.name(),
                endpoint,
                "Waiting for " + endpoint.model(),
                () -> sent,
                r -> {},
                EndpointsViewModel::describe);
    }

    /** Stops the streaming reply at once; what arrived stays shown, the call is recorded as cancelled. */
    public void cancelStream() {
        tryReply.cancel();
    }

    /** "Done: 42 tokens in, 120 out, 830 ms, 2 attempts · from cache". */
    static String describe(ModelReply r) {
        StringBuilder s =
                new StringBuilder(r.dryRun() ? "Dry run: no model was asked; above is what would be sent" : "Done");
        if (!r.dryRun()) {
            s.append(": ")
                    .append(r.tokensIn())
                    .append(" tokens in, ")
                    .append(r.tokensOut())
                    .append(" out, ")
                    .append(millis(r.latency()))
                    .append(" ms");
            if (r.attempts() > 1) {
                s.append(", ").append(r.attempts()).append(" attempts");
            }
        }
        if (r.fromCache()) {
            s.append(" · from cache (asked before; tick \"Skip the cache\" to ask the model again)");
        }
        return s.toString();
    }

    private static long millis(Duration d) {
        return d == null ? 0 : d.toMillis();
    }

    private static String oneLine(String text) {
        String t = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }

    /** Cancels a streaming prompt and lets pending writes finish before the store closes. */
    public void close() {
        cancelStream();
        if (testing.get()) {
            testTask.cancel();
        }
        writes.awaitIdle(10, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------------------------- properties

    public ObservableList<Endpoint> endpoints() {
        return endpoints;
    }

    public ObservableMap<String, ModelPrice> prices() {
        return prices;
    }

    public ReadOnlyBooleanProperty loading() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty notice() {
        return notice.getReadOnlyProperty();
    }

    public ObservableList<String> discoveredModels() {
        return discoveredModels;
    }

    public ReadOnlyBooleanProperty findingModels() {
        return findingModels.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty modelsStatus() {
        return modelsStatus.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty modelsFailed() {
        return modelsFailed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty keySource() {
        return keySource.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty testing() {
        return testing.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty testResult() {
        return testResult.getReadOnlyProperty();
    }

    /** True: connected; false: failed; null: no result. */
    public ReadOnlyObjectProperty<Boolean> testOk() {
        return testOk.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LiveReply.State> streamState() {
        return tryReply.state();
    }

    public ReadOnlyStringProperty reply() {
        return tryReply.text();
    }

    public ReadOnlyStringProperty streamStatus() {
        return tryReply.status();
    }
}
