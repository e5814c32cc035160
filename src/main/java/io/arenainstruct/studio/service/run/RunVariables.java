package io.arenainstruct.studio.service.run;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.TaxonomyNode;
import io.arenainstruct.studio.domain.flow.Flow;

/** The template variables a run's steps fill the agents' prompts with. */
final class RunVariables {
    private RunVariables() {}

    static Map<String, String> base(Flow flow, Taxonomy taxonomy, Seed seed, String seedText) {
        Map<String, String> vars = new HashMap<>();
        vars.put("skill", flow.skill());
        vars.put("skill_name", taxonomy.name());
        vars.put("skill_description", taxonomy.description());
        if (seed != null) {
            vars.put("seed", seedText);
            vars.put("seed_name", seed.name());
            vars.put("seed_kind", seed.kind().name().toLowerCase(Locale.ROOT));
            vars.put("seed_language", seed.language() == null ? "" : seed.language());
        }
        return vars;
    }

    static void putCategory(Map<String, String> vars, Taxonomy taxonomy, String category, String subcategory) {
        TaxonomyNode c = taxonomy.categories().stream()
                .filter(n -> n.name().equals(category))
                .findFirst()
                .orElse(null);
        TaxonomyNode s = c == null || subcategory == null
                ? null
                : c.children().stream()
                        .filter(n -> n.name().equals(subcategory))
                        .findFirst()
                        .orElse(null);
        vars.put("category", category);
        vars.put("category_description", c == null ? "" : c.description());
        vars.put("subcategory", subcategory == null ? "" : subcategory);
        vars.put("subcategory_description", s == null ? "" : s.description());
        vars.put("instruction_type", subcategory != null ? subcategory : category);
        vars.put("instruction_type_description", s != null ? s.description() : c == null ? "" : c.description());
    }

    static String goals(Flow flow) {
        StringBuilder out = new StringBuilder();
        for (String g : flow.goals()) {
            out.append("- ").append(g).append('\n');
        }
        return out.toString().strip();
    }
}
