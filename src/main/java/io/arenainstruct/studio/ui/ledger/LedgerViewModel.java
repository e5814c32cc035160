package io.arenainstruct.studio.ui.ledger;

import java.util.List;
import java.util.Map;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.domain.llm.ErrorClass;
import io.arenainstruct.studio.domain.llm.LedgerEntry;
import io.arenainstruct.studio.domain.llm.LedgerFilter;
import io.arenainstruct.studio.domain.llm.LedgerOutcome;
import io.arenainstruct.studio.domain.llm.ModelPrice;
import io.arenainstruct.studio.service.llm.CallLedgerService;
import io.arenainstruct.studio.service.llm.EndpointService;
import io.arenainstruct.studio.service.llm.LedgerStats;
import io.arenainstruct.studio.ui.common.DialogService;
import io.arenainstruct.studio.ui.task.Latest;
import io.arenainstruct.studio.ui.task.TaskExecutor;

/**
 * State and actions of the Call ledger area: totals, filters, one page of calls (newest first, read from
 * the store page by page, never the whole ledger), and the selected call in full. All reads run in the
 * background; results land on the FX thread.
 */
public final class LedgerViewModel {
    /** Calls per page. */
    public static final int PAGE_SIZE = 200;

    /** The selected call in full: its request as indented JSON and its reply or error. */
    public record Detail(LedgerEntry entry, String requestJson, String reply) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CallLedgerService ledger;
    private final EndpointService endpoints;
    private final TaskExecutor tasks;
    private final DialogService dialogs;

    private final StringProperty endpoint = new SimpleStringProperty();
    private final StringProperty outcome = new SimpleStringProperty();
    private final ObjectProperty<ErrorClass> errorClass = new SimpleObjectProperty<>();
    private final ObjectProperty<Long> runId = new SimpleObjectProperty<>();

    private final ObservableList<LedgerEntry> calls = FXCollections.observableArrayList();
    private final ObservableList<String> endpointNames = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper offset = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyStringWrapper totals = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<LedgerStats> stats = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Detail> detail = new ReadOnlyObjectWrapper<>();
    private final Latest listing = new Latest();
    private final Latest detailAsked = new Latest();

    /** Prices as of the last refresh, for the cost of each call. */
    private volatile Map<String, ModelPrice> prices = Map.of();

    /** What a call cost at its model's price ("" without a price or without tokens sent). */
    public String costOf(LedgerEntry e) {
        ModelPrice price = prices.get(e.model());
        if (price == null || !e.ok() || e.tokensIn() + e.tokensOut() == 0) {
            return "";
        }
        return LedgerStats.formatCost(LedgerStats.cost(e.tokensIn(), e.tokensOut(), price));
    }

    public LedgerViewModel(
            CallLedgerService ledger, EndpointService endpoints, TaskExecutor tasks, DialogService dialogs) {
        this.ledger = ledger;
        this.endpoints = endpoints;
        this.tasks = tasks;
        this.dialogs = dialogs;
        endpoint.addListener((obs, o, n) -> firstPage());
        outcome.addListener((obs, o, n) -> firstPage());
        errorClass.addListener((obs, o, n) -> firstPage());
        runId.addListener((obs, o, n) -> firstPage());
    }

    public LedgerFilter filter() {
        return new LedgerFilter(blankToNull(endpoint.get()), blankToNull(outcome.get()), errorClass.get(), runId.get());
    }

    /** Reads the current page, the count, the totals and the endpoint names again. */
    public void refresh() {
        LedgerFilter filter = filter();
        int from = offset.get();
        Long run = runId.get();
        loading.set(true);
        tasks.wrap(() -> {
                    List<LedgerEntry> page = ledger.list(filter, from, PAGE_SIZE);
                    int count = ledger.count(filter);
                    Map<String, ModelPrice> priceList = endpoints.prices();
                    prices = priceList;
                    return new Page(page, count, ledger.stats(priceList, run), ledger.endpointNames());
                })
                .onSuccess(read -> {
                    calls.setAll(read.calls());
                    total.set(read.count());
                    stats.set(read.stats());
                    totals.set((run == null ? "All calls: " : "Run " + run + ": ")
                            + read.stats().summary());
                    if (!endpointNames.equals(read.endpointNames())) {
                        endpointNames.setAll(read.endpointNames());
                    }
                    loading.set(false);
                })
                .onFailure(e -> {
                    loading.set(false);
                    dialogs.showError("Cannot read the call ledger", e.getMessage());
                })
                .latestOnly(listing)
                .start();
    }

    private record Page(List<LedgerEntry> calls, int count, LedgerStats stats, List<String> endpointNames) {}

    public void firstPage() {
        offset.set(0);
        refresh();
    }

    public boolean hasNextPage() {
        return offset.get() + PAGE_SIZE < total.get();
    }

    public boolean hasPreviousPage() {
        return offset.get() > 0;
    }

    public void nextPage() {
        if (hasNextPage()) {
            offset.set(offset.get() + PAGE_SIZE);
            refresh();
        }
    }

    public void previousPage() {
        if (hasPreviousPage()) {
            offset.set(Math.max(0, offset.get() - PAGE_SIZE));
            refresh();
        }
    }

    /** Loads the call in full (request pretty-printed) for the detail pane; null clears it. */
    public void select(LedgerEntry entry) {
        if (entry == null) {
            detailAsked.invalidate();
            detail.set(null);
            return;
        }
        tasks.wrap(() -> {
                    LedgerEntry full = ledger.find(entry.id()).orElse(entry);
                    return new Detail(full, prettyJson(full.requestJson()), replyText(full));
                })
                .onSuccess(detail::set)
                .onFailure(e -> dialogs.showError("Cannot read the call", e.getMessage()))
                .latestOnly(detailAsked)
                .start();
    }

    static String prettyJson(String json) {
        if (json == null || json.isBlank()) {
            return "";
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (Exception e) {
            return json;
        }
    }

    /** The reply, or for a failed call what went wrong, in words and in the server's detail. */
    static String replyText(LedgerEntry e) {
        if (LedgerOutcome.FAILED.equals(e.outcome())) {
            StringBuilder s = new StringBuilder("Failed");
            if (e.errorClass() != null) {
                s.append(" (")
                        .append(e.errorClass().label())
                        .append("): ")
                        .append(e.errorClass().explanation());
            }
            if (e.errorDetail() != null && !e.errorDetail().isBlank()) {
                s.append("\n\nDetail: ").append(e.errorDetail());
            }
            s.append("\n\nAttempts: ").append(e.attempts());
            return s.toString();
        }
        String reply = e.reply() == null ? "" : e.reply();
        if (LedgerOutcome.CACHED.equals(e.outcome())) {
            return reply + "\n\n(answered from the call ledger: an earlier call with the same request)";
        }
        return reply;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public StringProperty endpoint() {
        return endpoint;
    }

    public StringProperty outcome() {
        return outcome;
    }

    public ObjectProperty<ErrorClass> errorClass() {
        return errorClass;
    }

    public ObjectProperty<Long> runId() {
        return runId;
    }

    public ObservableList<LedgerEntry> calls() {
        return calls;
    }

    public ObservableList<String> endpointNames() {
        return endpointNames;
    }

    public ReadOnlyIntegerProperty offset() {
        return offset.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty total() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty totals() {
        return totals.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LedgerStats> stats() {
        return stats.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loading() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Detail> detail() {
        return detail.getReadOnlyProperty();
    }
}
