package io.arenainstruct.studio.service.run;

import java.util.Map;

import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.flow.Flow;
import io.arenainstruct.studio.domain.run.Passage;

/** One (skill, seed, transformation agent) of a run: the item its transformation stage works on. */
final class ChainWork {
    final Flow flow;
    final Taxonomy taxonomy;
    final int rounds;
    final long seedId;
    final Agent transformer;
    /** Null when the seed was deleted after the run started. */
    final Seed seed;

    final String seedText;
    final Map<String, String> vars;
    /** What the store holds; null before the transformation. */
    Passage passage;

    ChainWork(
            Flow flow,
            Taxonomy taxonomy,
            int rounds,
            long seedId,
            Agent transformer,
            Seed seed,
            String seedText,
            Passage passage) {
        this.flow = flow;
        this.taxonomy = taxonomy;
        this.rounds = rounds;
        this.seedId = seedId;
        this.transformer = transformer;
        this.seed = seed;
        this.seedText = seedText;
        this.vars = RunVariables.base(flow, taxonomy, seed, seedText);
        this.passage = passage;
    }
}
