package io.arenainstruct.studio.domain.flow;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt template: text with {@code {{name}}} variables (letters, digits, underscores). Nothing else is
 * special, so prompts can show JSON braces freely.
 */
public final class Template {
    public static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    private Template() {
    }

    /** One variable occurrence: its name and where it is (character offsets, end exclusive). */
    public record Occurrence(String name, int start, int end) {
    }

    public static List<Occurrence> occurrences(String template) {
        List<Occurrence> out = new ArrayList<>();
        Matcher m = VARIABLE.matcher(template);
        while (m.find()) {
            out.add(new Occurrence(m.group(1), m.start(), m.end()));
        }
        return out;
    }

    public static Set<String> variables(String template) {
        Set<String> names = new LinkedHashSet<>();
        occurrences(template).forEach(o -> names.add(o.name()));
        return names;
    }

    /** The variables a role does not know, in order of first use. */
    public static List<String> unknown(String template, AgentRole role) {
        return variables(template).stream().filter(v -> !role.knows(v)).toList();
    }

    /** Fills in every variable; one the map lacks becomes empty (templates are validated before a run). */
    public static String render(String template, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 256);
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : v));
        }
        m.appendTail(out);
        return out.toString();
    }
}
