package io.arenainstruct.studio.service.export;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of an export, before it takes a format's shape. Constructors only copy (a null turn is refused there):
 * whether a row is fit for a format (roles, empty texts, chosen = rejected) is {@link RowRules}' to say, so broken
 * rows can be built and reported.
 * {@code metadata} is an ordered map (its order is the order written), or null when the row has none; it is written
 * only when the export asks for it. Its values are what a plain Jackson mapper writes (strings, numbers, booleans,
 * null, lists, maps: nested maps ordered too, for the same bytes; no {@code Instant}s, give them as text).
 */
public sealed interface ExportRow {

    Map<String, Object> metadata();

    /**
     * A supervised fine-tuning row: an optional system turn, then user and assistant turns, ending with the answer.
     *
     * @param input extra input to the first user turn (an AgentInstruct instruction's input), or null: Alpaca writes
     *              it as {@code input}, the chat formats append it to the first user turn after a blank line (as the
     *              arena prompts a model with it)
     */
    record Sft(List<Message> conversation, String input, Map<String, Object> metadata) implements ExportRow {
        public Sft {
            conversation = List.copyOf(conversation);
            metadata = ordered(metadata);
        }

        public Sft(List<Message> conversation) {
            this(conversation, null, null);
        }
    }

    /** A preference pair (TRL's preference type): the conversation so far, ending with the user, and two answers. */
    record Preference(List<Message> prompt, String chosen, String rejected, Map<String, Object> metadata)
            implements ExportRow {
        public Preference {
            prompt = List.copyOf(prompt);
            metadata = ordered(metadata);
        }
    }

    /** An unpaired preference row (TRL's unpaired preference type, for KTO): one answer labelled good or bad. */
    record Unpaired(List<Message> prompt, String completion, boolean label, Map<String, Object> metadata)
            implements ExportRow {
        public Unpaired {
            prompt = List.copyOf(prompt);
            metadata = ordered(metadata);
        }
    }

    private static Map<String, Object> ordered(Map<String, Object> metadata) {
        // Values may be null (a verdict without a score): LinkedHashMap takes them and keeps the caller's order.
        return metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
