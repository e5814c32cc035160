package io.arenainstruct.studio.service.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.provenance.AgentCall;
import io.arenainstruct.studio.domain.run.FinalText;
import io.arenainstruct.studio.domain.run.HumanEdit;
import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.Round;
import io.arenainstruct.studio.store.SeedRepository;

/**
 * The metadata every row of a run instruction carries (issue 13, "Formats"): seed, skill and category, run, the
 * agents with their prompt versions, endpoints, models and ledger calls, the round taken and the hand edits. Values
 * are strings, numbers, booleans, lists and ordered maps, so the same store writes the same bytes. Texts are left
 * out (they are the row); so are judgments and keys of any kind.
 */
final class Provenance {
    private final SeedRepository seeds;
    /** Seeds are few and rows many: each is read once per export. */
    private final Map<Long, Optional<Seed>> seedCache = new HashMap<>();

    Provenance(SeedRepository seeds) {
        this.seeds = seeds;
    }

    /** A run instruction's provenance, with the texts the export takes from it. */
    Map<String, Object> instruction(Instruction i, FinalText text, List<HumanEdit> edits) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instruction", i.id());
        m.put("run", i.runId());
        m.put("seed", seed(i.seedId()));
        m.put("passage", i.passageId());
        m.put("skill", i.skill());
        m.put("category", i.category());
        m.put("subcategory", i.subcategory());
        m.put("round", text.round());
        m.put("accepted", text.accepted());
        m.put("review", i.review().decision().name().toLowerCase(Locale.ROOT));
        m.put("reviewed_by", i.review().by());
        List<Map<String, Object>> agents = new ArrayList<>();
        agents.add(call("generator", null, i.generator()));
        for (Round r : i.rounds()) {
            if (r.suggester() != null && r.suggester().present()) {
                agents.add(call("suggester", r.round(), r.suggester()));
            }
            if (r.editor().present()) {
                agents.add(call("editor", r.round(), r.editor()));
            }
        }
        if (i.answerer().present()) {
            agents.add(call("answerer", null, i.answerer()));
        }
        m.put("agents", agents);
        List<Map<String, Object>> hand = new ArrayList<>();
        for (HumanEdit e : edits) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("target", e.target());
            em.put("author", e.author());
            em.put("at", e.editedAt() == null ? null : e.editedAt().toString());
            hand.add(em);
        }
        m.put("hand_edits", hand);
        return m;
    }

    /** The seed's id, name and SHA-256; only its id when it has been deleted since. */
    Map<String, Object> seed(long id) {
        Optional<Seed> seed = seedCache.computeIfAbsent(id, seeds::find);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", seed.map(Seed::name).orElse(null));
        m.put("sha256", seed.map(Seed::sha256).orElse(null));
        return m;
    }

    /** One agent's call: role, round (null outside refinement), agent, prompt version, ledger call, endpoint, model. */
    static Map<String, Object> call(String role, Integer round, AgentCall c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        if (round != null) {
            m.put("round", round);
        }
        m.put("agent", c.agent());
        m.put("prompt_version", c.promptVersion());
        m.put("call", c.called() ? c.callId() : null);
        m.put("endpoint", c.endpoint());
        m.put("model", c.model());
        return m;
    }
}
