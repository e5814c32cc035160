package io.arenainstruct.studio.domain.flow;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an agent does in a flow. Each role reads a fixed set of template variables and must answer with a JSON
 * object that has its output field (the rest of the object is kept but not used).
 */
public enum AgentRole {
    TRANSFORMER("passage", Set.of()),
    GENERATOR(
            "instruction",
            Set.of(
                    "passage",
                    "category",
                    "category_description",
                    "subcategory",
                    "subcategory_description",
                    "instruction_type",
                    "instruction_type_description")),
    SUGGESTER(
            "suggestions",
            Set.of(
                    "passage",
                    "category",
                    "category_description",
                    "subcategory",
                    "subcategory_description",
                    "instruction_type",
                    "instruction_type_description",
                    "instruction",
                    "input",
                    "round",
                    "rounds",
                    "goals")),
    EDITOR(
            "instruction",
            Set.of(
                    "passage",
                    "category",
                    "category_description",
                    "subcategory",
                    "subcategory_description",
                    "instruction_type",
                    "instruction_type_description",
                    "instruction",
                    "input",
                    "suggestions",
                    "round",
                    "rounds",
                    "goals")),
    ANSWERER("response", Set.of("passage", "category", "subcategory", "instruction_type", "instruction", "input"));

    /** Variables every agent can use. */
    public static final Set<String> COMMON =
            Set.of("skill", "skill_name", "skill_description", "seed", "seed_name", "seed_kind", "seed_language");

    private final String outputField;
    private final Set<String> variables;

    AgentRole(String outputField, Set<String> variables) {
        this.outputField = outputField;
        this.variables = variables;
    }

    /** The field of the reply object this role produces. */
    public String outputField() {
        return outputField;
    }

    /** Whether a template of this role may use {@code name}. */
    public boolean knows(String name) {
        return COMMON.contains(name) || variables.contains(name);
    }

    /** All variables this role can use, sorted, for messages and the editor's list. */
    public List<String> variables() {
        TreeSet<String> all = new TreeSet<>(COMMON);
        all.addAll(variables);
        return List.copyOf(all);
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
