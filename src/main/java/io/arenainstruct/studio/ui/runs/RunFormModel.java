package io.arenainstruct.studio.ui.runs;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.arenainstruct.studio.domain.flow.AgentRole;
import io.arenainstruct.studio.domain.flow.Flow;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunEstimate;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.service.run.RunService;

/**
 * The New run form: its fields, their choices, and what is wrong with them. Checking against the store (and the
 * estimate) is the {@link RunsViewModel}'s; it is told of every edit through the runnable given here, and hands
 * back what it found with {@link #showChecked}.
 */
public final class RunFormModel {
    /** How the form picks seeds. */
    public enum SeedMode {
        ALL,
        TAG,
        IDS
    }

    /** The role groups that can have their own endpoint, in the order the form shows them. */
    public enum RoleGroup {
        TRANSFORMATION("Transformation", AgentRole.TRANSFORMER),
        GENERATION("Generation", AgentRole.GENERATOR),
        REFINEMENT("Refinement (suggester and editor)", AgentRole.SUGGESTER, AgentRole.EDITOR),
        ANSWER("Answer", AgentRole.ANSWERER);

        private final String label;
        private final List<AgentRole> roles;

        RoleGroup(String label, AgentRole... roles) {
            this.label = label;
            this.roles = List.of(roles);
        }

        public String label() {
            return label;
        }
    }

    /** A skill of the form's list (its id and its name) with whether it is ticked. */
    public record SkillChoice(String skill, String name, BooleanProperty chosen) {}

    /** The configuration the form describes, or the reasons it describes none. */
    public record Result(RunConfig config, List<String> problems) {}

    private final Runnable edited;

    private final ObservableList<SkillChoice> skills = FXCollections.observableArrayList();
    private final ObservableList<String> tags = FXCollections.observableArrayList();
    private final ObservableList<String> endpointNames = FXCollections.observableArrayList();
    private final ObjectProperty<SeedMode> seedMode = new SimpleObjectProperty<>(SeedMode.ALL);
    private final StringProperty seedTag = new SimpleStringProperty();
    private final StringProperty seedIds = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper chosenSeeds = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper chosenSeedIds = new ReadOnlyStringWrapper("");
    /** Skill names by id, from the flows. */
    private final Map<String, String> skillNames = new HashMap<>();

    private final StringProperty endpoint = new SimpleStringProperty();
    private final Map<RoleGroup, StringProperty> roleEndpoints = new EnumMap<>(RoleGroup.class);
    private final BooleanProperty flowRounds = new SimpleBooleanProperty(true);
    private final IntegerProperty rounds = new SimpleIntegerProperty(2);
    private final IntegerProperty perSeed = new SimpleIntegerProperty(1);
    private final BooleanProperty freshSamples = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper estimate = new ReadOnlyStringWrapper("");
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ObservableList<String> problemsView = FXCollections.unmodifiableObservableList(problems);
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper(false);
    /** The completed run the checked form would repeat call for call, or null; set with the estimate. */
    private Long repeatsRun;

    /** @param edited runs after every edit, once the form says it is being checked */
    public RunFormModel(Runnable edited) {
        this.edited = edited;
        for (RoleGroup g : RoleGroup.values()) {
            StringProperty p = new SimpleStringProperty();
            roleEndpoints.put(g, p);
            p.addListener((obs, o, n) -> changed());
        }
        for (Observable o :
                List.<Observable>of(seedMode, seedTag, seedIds, endpoint, flowRounds, rounds, perSeed, freshSamples)) {
            o.addListener(x -> changed());
        }
    }

    /** Something changed: the form is checked again; it cannot start until then. */
    void changed() {
        checking.set(true);
        canStart.set(false);
        edited.run();
    }

    /** Takes the store's choices; the ticks and picks made so far stay. */
    void setChoices(RunService.FormChoices choices) {
        choices.flows()
                .forEach(f ->
                        skillNames.put(f.skill(), f.name() == null || f.name().isBlank() ? f.skill() : f.name()));
        setSkills(choices.flows().stream().map(Flow::skill).sorted().toList());
        if (!tags.equals(choices.seedTags())) {
            tags.setAll(choices.seedTags());
        }
        List<String> names = choices.endpointNames();
        if (!endpointNames.equals(names)) {
            endpointNames.setAll(names);
        }
        if (endpoint.get() == null && names.size() == 1) {
            endpoint.set(names.get(0));
        }
        changed();
    }

    private void setSkills(List<String> names) {
        List<String> now = skills.stream().map(SkillChoice::skill).toList();
        if (now.equals(names)) {
            return;
        }
        Set<String> ticked = new HashSet<>();
        skills.stream().filter(c -> c.chosen().get()).forEach(c -> ticked.add(c.skill()));
        List<SkillChoice> choices = new ArrayList<>();
        for (String name : names) {
            SkillChoice c = new SkillChoice(name, skillName(name), new SimpleBooleanProperty(ticked.contains(name)));
            c.chosen().addListener((obs, o, n) -> changed());
            choices.add(c);
        }
        skills.setAll(choices);
    }

    /** Runs on exactly these seeds; returns their ids as the form holds them ("3,7"). */
    String useSeeds(List<Long> ids) {
        String idText = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        seedIds.set(idText);
        seedMode.set(SeedMode.IDS);
        chosenSeedIds.set(ids.isEmpty() ? "" : "Seed ids " + idText.replace(",", ", "));
        chosenSeeds.set(ids.size() == 1 ? "1 seed" : ids.size() + " seeds");
        return idText;
    }

    /** Names the seeds chosen, unless other seeds were chosen since ({@code idText} is what useSeeds returned). */
    void nameSeeds(String idText, String names) {
        if (idText.equals(seedIds.get())) {
            chosenSeeds.set(names);
        }
    }

    /** A skill's name (its flow's), or the id when no flow names it. */
    public String skillName(String skill) {
        return skillNames.getOrDefault(skill, skill);
    }

    /** Skills by name, as lists show them. */
    public String skillsText(List<String> skillIds) {
        return skillIds.stream().map(this::skillName).collect(Collectors.joining(", "));
    }

    /** Ticks or unticks a skill by id (for the keyboard and tests). */
    public void choose(String skill, boolean chosen) {
        skills.stream()
                .filter(c -> c.skill().equals(skill))
                .forEach(c -> c.chosen().set(chosen));
    }

    /** The configuration the form describes, or what is missing or wrong in it (checked without the store). */
    public Result result() {
        List<String> found = new ArrayList<>();
        List<String> chosen = skills.stream()
                .filter(c -> c.chosen().get())
                .map(SkillChoice::skill)
                .toList();
        if (chosen.isEmpty()) {
            found.add("Tick at least one skill to generate instructions for.");
        }
        SeedSelection seeds = null;
        switch (seedMode.get() == null ? SeedMode.ALL : seedMode.get()) {
            case ALL -> seeds = SeedSelection.all();
            case TAG -> {
                if (blank(seedTag.get())) {
                    found.add("Choose the tag of the seeds to use.");
                } else {
                    seeds = SeedSelection.tag(seedTag.get());
                }
            }
            case IDS -> {
                String text = seedIds.get() == null ? "" : seedIds.get().strip();
                if (text.isEmpty()) {
                    found.add("Choose the seeds in the Seeds area: select them there and press Run on these…"
                            + " (Ctrl+R).");
                } else {
                    try {
                        seeds = SeedSelection.parse(text);
                    } catch (IllegalArgumentException e) {
                        found.add("Seed ids are whole numbers separated by commas, like 3,7,12.");
                    }
                }
            }
        }
        if (blank(endpoint.get())) {
            found.add("Choose the endpoint the run asks (add one in Endpoints if there is none).");
        }
        if (!found.isEmpty()) {
            return new Result(null, found);
        }
        Map<AgentRole, String> perRole = new EnumMap<>(AgentRole.class);
        for (RoleGroup g : RoleGroup.values()) {
            String name = roleEndpoints.get(g).get();
            if (!blank(name)) {
                g.roles.forEach(r -> perRole.put(r, name));
            }
        }
        boolean fresh = freshSamples.get();
        RunConfig config = new RunConfig(
                chosen,
                seeds,
                endpoint.get(),
                perRole,
                flowRounds.get() ? null : rounds.get(),
                Math.max(1, perSeed.get()),
                fresh,
                fresh ? System.nanoTime() : 1L);
        return new Result(config, List.of());
    }

    /** Shows what makes the form unusable; no estimate, no start. */
    void showProblems(List<String> found) {
        problems.setAll(found.stream().map(RunFormModel::sentence).toList());
        estimate.set("");
        repeatsRun = null;
        checking.set(false);
        canStart.set(false);
    }

    /** Shows the store's check of the form: the run can start when it found no problem. */
    void showChecked(List<String> found, RunEstimate e) {
        problems.setAll(found.stream().map(RunFormModel::sentence).toList());
        estimate.set(e == null ? "" : estimateText(e));
        repeatsRun = e == null ? null : e.repeatsRun();
        checking.set(false);
        canStart.set(found.isEmpty());
    }

    /** Shows why the run could not start, as the service said; the form stays as it was. */
    void refused(List<String> found) {
        problems.setAll(found.stream().map(RunFormModel::sentence).toList());
    }

    /** Starting: no second start until the form is checked again. */
    void starting() {
        canStart.set(false);
    }

    /** The completed run the checked form would repeat call for call, or null. */
    Long repeatsRun() {
        return repeatsRun;
    }

    static String estimateText(RunEstimate e) {
        String cost;
        if (e.cost() == null) {
            cost = "no price set";
        } else {
            cost = "cost " + e.cost().setScale(2, RoundingMode.HALF_UP).toPlainString()
                    + (e.costComplete() ? "" : " (some models have no price)");
        }
        String ledger = "";
        if (e.repeatsRun() != null) {
            ledger = String.format(" (all answered by the call ledger: this repeats run %d)", e.repeatsRun());
        } else if (e.ledgerCalls() > 0) {
            ledger = String.format(" (%,d answered by the call ledger)", e.ledgerCalls());
        }
        return String.format(
                "%,d %s → %,d %s → %,d %s; about %,d calls%s, %,d tokens in, %,d out, %s",
                e.seeds(),
                e.seeds() == 1 ? "seed" : "seeds",
                e.passages(),
                e.passages() == 1 ? "passage" : "passages",
                e.instructions(),
                e.instructions() == 1 ? "instruction" : "instructions",
                e.calls(),
                ledger,
                e.tokensIn(),
                e.tokensOut(),
                cost);
    }

    static String sentence(String problem) {
        if (problem == null || problem.isEmpty()) {
            return "";
        }
        String s = Character.toUpperCase(problem.charAt(0)) + problem.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    // ---- properties ----

    public ObservableList<SkillChoice> skills() {
        return skills;
    }

    public ObservableList<String> tags() {
        return tags;
    }

    public ObservableList<String> endpointNames() {
        return endpointNames;
    }

    public ObjectProperty<SeedMode> seedMode() {
        return seedMode;
    }

    public StringProperty seedTag() {
        return seedTag;
    }

    public StringProperty seedIds() {
        return seedIds;
    }

    /** The seeds taken from the Seeds area, by name ("2 seeds: a.txt, b.txt"). */
    public ReadOnlyStringProperty chosenSeeds() {
        return chosenSeeds.getReadOnlyProperty();
    }

    /** Their ids, for a tooltip. */
    public ReadOnlyStringProperty chosenSeedIds() {
        return chosenSeedIds.getReadOnlyProperty();
    }

    public StringProperty endpoint() {
        return endpoint;
    }

    public StringProperty roleEndpoint(RoleGroup group) {
        return roleEndpoints.get(group);
    }

    public BooleanProperty flowRounds() {
        return flowRounds;
    }

    public IntegerProperty rounds() {
        return rounds;
    }

    public IntegerProperty perSeed() {
        return perSeed;
    }

    public BooleanProperty freshSamples() {
        return freshSamples;
    }

    public ReadOnlyStringProperty estimate() {
        return estimate.getReadOnlyProperty();
    }

    public ObservableList<String> problems() {
        return problemsView;
    }

    public ReadOnlyBooleanProperty checking() {
        return checking.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStart() {
        return canStart.getReadOnlyProperty();
    }
}
