package io.arenainstruct.studio.ui.arena;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.service.arena.ArenaJobService.Estimate;

/**
 * What the Answers and Judge forms share: the endpoints to tick, the problems that keep Start disabled, the
 * estimate of the job the form describes, and whether it is being checked. The view models own the rest of their
 * fields and decide what the problems are.
 */
public final class AnswersJudgeForm {
    /** An endpoint the curator can tick; its model shown beside its name. */
    public static final class EndpointChoice {
        private final String name;
        private final String model;
        private final BooleanProperty chosen = new SimpleBooleanProperty();

        EndpointChoice(String name, String model, boolean chosen) {
            this.name = name;
            this.model = model;
            this.chosen.set(chosen);
        }

        public String name() {
            return name;
        }

        public String model() {
            return model;
        }

        public BooleanProperty chosen() {
            return chosen;
        }

        @Override
        public String toString() {
            return name + " (" + model + ")";
        }
    }

    private final ObservableList<EndpointChoice> endpoints =
            FXCollections.observableArrayList(c -> new Observable[] {c.chosen()});
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper estimate = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper starting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper estimated = new ReadOnlyBooleanWrapper();
    private final BooleanBinding canStart;

    AnswersJudgeForm(Runnable edited) {
        endpoints.addListener((ListChangeListener<EndpointChoice>) c -> {
            while (c.next()) {
                if (c.wasUpdated()) {
                    edited.run();
                    return;
                }
            }
        });
        canStart = Bindings.createBooleanBinding(
                () -> problems.isEmpty() && estimated.get() && !checking.get() && !starting.get(),
                problems,
                estimated,
                checking,
                starting);
    }

    /** Offers the store's endpoints, keeping the ticks of those still there; true when the list changed. */
    boolean setEndpoints(List<Endpoint> list) {
        Set<String> ticked = new HashSet<>(chosen());
        List<String> before = endpoints.stream().map(EndpointChoice::name).toList();
        List<String> after = list.stream().map(Endpoint::name).toList();
        if (before.equals(after)) {
            return false;
        }
        endpoints.setAll(list.stream()
                .map(e -> new EndpointChoice(e.name(), e.model(), ticked.contains(e.name())))
                .toList());
        return true;
    }

    /** Ticks exactly the named endpoints. */
    public void choose(String name, boolean chosen) {
        endpoints.stream()
                .filter(c -> c.name().equals(name))
                .forEach(c -> c.chosen().set(chosen));
    }

    /** The ticked endpoints' names, in the list's order. */
    public List<String> chosen() {
        return endpoints.stream()
                .filter(c -> c.chosen().get())
                .map(EndpointChoice::name)
                .toList();
    }

    /** The form is being checked (a burst of edits has not settled, or the store is being asked). */
    void checking() {
        checking.set(true);
    }

    void showProblems(List<String> found) {
        problems.setAll(found);
        estimate.set("");
        estimated.set(false);
        checking.set(false);
    }

    void showEstimate(String text) {
        problems.clear();
        estimate.set(text);
        estimated.set(true);
        checking.set(false);
    }

    void starting(boolean now) {
        starting.set(now);
    }

    /**
     * "about 12,000 tokens in and 48,000 out; cost 0.0312" (or "no price set", or "cost at least …" when some model
     * has a price and another has none).
     */
    static String tokensAndCost(Estimate e) {
        String tokens = String.format("about %,d tokens in and %,d out", e.tokensIn(), e.tokensOut());
        if (e.calls() == 0) {
            return "nothing to ask";
        }
        if (e.cost() == null) {
            return tokens + "; no price set";
        }
        return tokens + "; cost " + (e.costComplete() ? "about " : "at least ") + AnswersJudgeJobs.money(e.cost())
                + (e.costComplete() ? "" : " (a model has no price)");
    }

    // ---- properties ----

    public ObservableList<EndpointChoice> endpoints() {
        return endpoints;
    }

    public ObservableList<String> problems() {
        return FXCollections.unmodifiableObservableList(problems);
    }

    public ReadOnlyStringProperty estimate() {
        return estimate.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty checkingNow() {
        return checking.getReadOnlyProperty();
    }

    public BooleanBinding canStart() {
        return canStart;
    }
}
