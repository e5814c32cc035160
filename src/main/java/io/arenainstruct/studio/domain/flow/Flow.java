package io.arenainstruct.studio.domain.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The agents of one skill, in order: content transformation (one agent per seed picked at random, or all),
 * instruction generation (agents bound to taxonomy categories), refinement (rounds of a suggester and an
 * editor working towards the goals), and the answerer that writes the response to the final instruction.
 */
public record Flow(
        String skill,
        String name,
        Pick pick,
        List<Agent> transformers,
        List<Agent> generators,
        int rounds,
        List<String> goals,
        Agent suggester,
        Agent editor,
        Agent answerer) {

    /** How transformation agents are chosen per seed. */
    public enum Pick {
        RANDOM,
        ALL
    }

    public Flow {
        Objects.requireNonNull(skill, "skill");
        transformers = List.copyOf(transformers);
        generators = List.copyOf(generators);
        goals = List.copyOf(goals);
        Objects.requireNonNull(suggester, "suggester");
        Objects.requireNonNull(editor, "editor");
        Objects.requireNonNull(answerer, "answerer");
    }

    /** Every agent, in flow order. */
    public List<Agent> agents() {
        List<Agent> all = new ArrayList<>(transformers);
        all.addAll(generators);
        all.add(suggester);
        all.add(editor);
        all.add(answerer);
        return all;
    }

    public Optional<Agent> agent(String id) {
        return agents().stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /** A copy with one agent replaced (matched by id). */
    public Flow with(Agent changed) {
        UnaryOperator<Agent> swap = a -> a.id().equals(changed.id()) ? changed : a;
        return new Flow(
                skill,
                name,
                pick,
                transformers.stream().map(swap).toList(),
                generators.stream().map(swap).toList(),
                rounds,
                goals,
                swap.apply(suggester),
                swap.apply(editor),
                swap.apply(answerer));
    }

    public Flow withRounds(int newRounds) {
        return new Flow(skill, name, pick, transformers, generators, newRounds, goals, suggester, editor, answerer);
    }
}
