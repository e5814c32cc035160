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
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern NAME_START = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)");

    private Template() {}

    /** One variable occurrence: its name and where it is (character offsets, end exclusive). */
    public record Occurrence(String name, int start, int end) {}

    public static List<Occurrence> occurrences(String template) {
        List<Occurrence> out = new ArrayList<>();
        Matcher m = VARIABLE.matcher(template);
        while (m.find()) {
            out.add(new Occurrence(m.group(1), m.start(), m.end()));
        }
        return out;
    }

    /**
     * A <code>{{</code> that does not make a variable: where it starts (character offset; line and column 1-based)
     * and what is wrong, as a sentence.
     */
    public record Malformed(int start, int line, int column, String problem) {}

    /**
     * Every <code>{{</code> that does not open a well-formed <code>{{name}}</code> on its line: unclosed, empty, or
     * with more than a name inside. Such text would be sent to the model literally, without the value. A run of more
     * than two braces is literal braces before a variable, as when it is filled in.
     */
    public static List<Malformed> malformed(String template) {
        List<Malformed> out = new ArrayList<>();
        // One pass: the line, the line's end and the next "}}" only move forward (a prompt the editor checks on
        // every key can be long).
        int line = 1;
        int lineStart = 0;
        int counted = 0;
        int lineEnd = -1;
        int nextClose = -1;
        int at = template.indexOf("{{");
        while (at >= 0) {
            int start = at;
            while (start + 2 < template.length() && template.charAt(start + 2) == '{') {
                start++;
            }
            for (; counted < start; counted++) {
                if (template.charAt(counted) == '\n') {
                    line++;
                    lineStart = counted + 1;
                }
            }
            if (lineEnd < start) {
                lineEnd = template.indexOf('\n', start);
                lineEnd = lineEnd < 0 ? template.length() : lineEnd;
            }
            if (nextClose != Integer.MAX_VALUE && nextClose < start + 2) {
                nextClose = template.indexOf("}}", start + 2);
                nextClose = nextClose < 0 ? Integer.MAX_VALUE : nextClose;
            }
            String problem = null;
            int next;
            if (nextClose > lineEnd) {
                Matcher name = NAME_START.matcher(template).region(start + 2, lineEnd);
                problem = name.lookingAt()
                        ? "{{" + name.group(1) + " is not closed; write {{" + name.group(1) + "}}"
                        : "{{ is not closed with }} on its line";
                next = start + 2;
            } else {
                String inner = template.substring(start + 2, nextClose);
                String name = inner.strip();
                if (name.isEmpty()) {
                    problem = "{{" + inner + "}} names no variable";
                } else if (!NAME.matcher(name).matches()) {
                    problem = "{{" + inner + "}} is not a variable: a variable is one name of letters, digits and"
                            + " underscores, like {{seed_name}}";
                }
                next = nextClose + 2;
            }
            if (problem != null) {
                out.add(new Malformed(start, line, start - lineStart + 1, problem));
            }
            at = template.indexOf("{{", next);
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
