package io.arenainstruct.studio.service.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.arenainstruct.studio.domain.flow.Prompt;

/**
 * Harder goals per category in a suggester's system prompt (decision 0016, goal proposals). The goals a flow file
 * lists are the whole skill's; a goal for one category lives in the prompt, in one section the loop keeps at its end:
 * a header line that names the instruction's category through {@code {{category}}} (filled per instruction), then
 * one line per category, {@code - CATEGORY: GOAL}. Accepting a goal proposal saves the prompt with its line added,
 * as a new prompt version, so runs started after it send it to the suggester.
 */
public final class SuggesterGoals {
    /** The header's fixed start, by which the section is found. */
    static final String HEADER_START = "Harder goals for some categories, set by the loop";

    static final String HEADER = HEADER_START + " (this instruction's category is {{category}}; when a line below"
            + " names it, work towards that goal first):";

    private SuggesterGoals() {}

    /** The harder goal in plain words for a category whose instructions look too easy. */
    static String harderGoal(boolean ties) {
        return ties
                ? "make the instruction need a careful answer: add a constraint, a subtle detail or a second step"
                        + " that a quick answer misses, so that a good answer and a weak one no longer come out even"
                : "make the instruction clearly harder than now: more steps to reason through, less obvious"
                        + " information, closer distractors, so that even a strong model has to work for a good answer";
    }

    /** The goal the prompt holds for {@code category}, if any (names compared ignoring case). */
    public static Optional<String> goal(Prompt prompt, String category) {
        List<String> lines = prompt.system().lines().toList();
        int header = header(lines);
        if (header < 0) {
            return Optional.empty();
        }
        String prefix = "- " + category.toLowerCase(Locale.ROOT) + ": ";
        for (int i = header + 1; i < lines.size() && lines.get(i).startsWith("- "); i++) {
            if (lines.get(i).toLowerCase(Locale.ROOT).startsWith(prefix)) {
                return Optional.of(lines.get(i).substring(prefix.length()));
            }
        }
        return Optional.empty();
    }

    /** The prompt with {@code goal} for {@code category} in its section (added at the end when it has none). */
    public static Prompt with(Prompt prompt, String category, String goal) {
        String line = "- " + category + ": " + goal;
        List<String> lines = new ArrayList<>(prompt.system().lines().toList());
        int header = header(lines);
        if (header < 0) {
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
                lines.remove(lines.size() - 1);
            }
            lines.add("");
            lines.add(HEADER);
            lines.add(line);
        } else {
            int end = header + 1;
            String prefix = "- " + category.toLowerCase(Locale.ROOT) + ": ";
            while (end < lines.size() && lines.get(end).startsWith("- ")) {
                if (lines.get(end).toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    lines.set(end, line); // a category has one goal: the newer replaces it
                    return new Prompt(String.join("\n", lines) + "\n", prompt.user());
                }
                end++;
            }
            lines.add(end, line);
        }
        return new Prompt(String.join("\n", lines) + "\n", prompt.user());
    }

    private static int header(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(HEADER_START)) {
                return i;
            }
        }
        return -1;
    }
}
