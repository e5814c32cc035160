package io.arenainstruct.studio.service.run;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.TaxonomyNode;
import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.flow.Flow;

/**
 * The random choices of a run, made from a seeded generator per item so that a resumed run makes exactly the
 * same ones: which transformation agent a seed gets, which category (by taxonomy weight) and generator an
 * instruction gets.
 */
final class RunPlanner {
    private RunPlanner() {}

    /** What one instruction is about and who writes it. */
    record Choice(TaxonomyNode category, TaxonomyNode subcategory, Agent generator) {}

    static List<Agent> transformers(Flow flow, long randomSeed, long seedId) {
        if (flow.pick() == Flow.Pick.ALL) {
            return flow.transformers();
        }
        SplittableRandom rng = rng(randomSeed, flow.skill(), seedId, "transformation", 0);
        return List.of(flow.transformers().get(rng.nextInt(flow.transformers().size())));
    }

    /** The categories instructions can be about: enabled, weighted above 0, and covered by some generator. */
    static List<TaxonomyNode> categories(Flow flow, Taxonomy taxonomy) {
        List<TaxonomyNode> out = new ArrayList<>();
        for (TaxonomyNode c : taxonomy.categories()) {
            if (c.enabled() && c.weight() > 0 && flow.generators().stream().anyMatch(g -> g.covers(c.name()))) {
                out.add(c);
            }
        }
        return out;
    }

    static Choice choose(Flow flow, Taxonomy taxonomy, long randomSeed, long seedId, String transformer, int slot) {
        SplittableRandom rng = rng(randomSeed, flow.skill(), seedId, transformer, slot);
        List<TaxonomyNode> categories = categories(flow, taxonomy);
        if (categories.isEmpty()) {
            throw new IllegalStateException("the " + flow.skill() + " taxonomy has no enabled category with a weight"
                    + " above 0 that a generation agent is bound to");
        }
        TaxonomyNode category = weighted(categories, rng);
        List<TaxonomyNode> subs = category.children().stream()
                .filter(s -> s.enabled() && s.weight() > 0)
                .toList();
        TaxonomyNode sub = subs.isEmpty() ? null : weighted(subs, rng);
        List<Agent> generators = flow.generators().stream()
                .filter(g -> g.covers(category.name()))
                .toList();
        return new Choice(category, sub, generators.get(rng.nextInt(generators.size())));
    }

    private static TaxonomyNode weighted(List<TaxonomyNode> nodes, SplittableRandom rng) {
        // Weights are checked on the way in; scaled by the largest so the total stays finite whatever got through.
        double max = 0;
        for (TaxonomyNode n : nodes) {
            if (!Double.isFinite(n.weight()) || n.weight() < 0) {
                throw new IllegalStateException("the weight of '" + n.name() + "' is not a number from 0 to "
                        + TaxonomyNode.MAX_WEIGHT_TEXT + ": " + n.weight());
            }
            max = Math.max(max, n.weight());
        }
        double scale = max;
        double total = nodes.stream().mapToDouble(n -> n.weight() / scale).sum();
        double x = rng.nextDouble() * total;
        for (TaxonomyNode n : nodes) {
            x -= n.weight() / scale;
            if (x < 0) {
                return n;
            }
        }
        return nodes.get(nodes.size() - 1);
    }

    private static SplittableRandom rng(long randomSeed, String skill, long seedId, String what, int slot) {
        long h = randomSeed;
        h = h * 0x9E3779B97F4A7C15L + skill.hashCode();
        h = h * 0x9E3779B97F4A7C15L + seedId;
        h = h * 0x9E3779B97F4A7C15L + what.hashCode();
        h = h * 0x9E3779B97F4A7C15L + slot;
        return new SplittableRandom(h);
    }
}
