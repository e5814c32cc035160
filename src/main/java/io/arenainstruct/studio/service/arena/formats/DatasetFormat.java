package io.arenainstruct.studio.service.arena.formats;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/** The dataset file formats read, by the name the command line uses. */
public enum DatasetFormat {
    OPENAI("openai", "OpenAI chat: \"messages\"", new OpenAiChat()),
    SHAREGPT("sharegpt", "ShareGPT: \"conversations\" with \"from\" and \"value\"", new ShareGpt()),
    ALPACA("alpaca", "Alpaca: \"instruction\", \"input\", \"output\"", new Alpaca()),
    PROMPTS("prompts", "plain prompts: \"prompt\" or \"text\"", new PlainPrompts()),
    ARENA_HARD(
            "arena-hard",
            "Arena-Hard: questions with \"uid\" and \"prompt\", answers with \"uid\", \"model\" and \"messages\"",
            new ArenaHard());

    private final String id;
    private final String description;
    private final LineFormat reader;

    DatasetFormat(String id, String description, LineFormat reader) {
        this.id = id;
        this.description = description;
        this.reader = reader;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** Reads one line of this format. */
    public Row read(JsonNode line, String defaultModel) throws BadLine {
        return reader.read(line, defaultModel);
    }

    public static Optional<DatasetFormat> of(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    /** The supported formats with the fields that tell them apart, for a message. */
    public static String supported() {
        return Arrays.stream(values())
                .map(f -> f.id + " (" + f.description + ")")
                .collect(Collectors.joining("; "));
    }

    /** The names, for a command line's help: openai, sharegpt, … */
    public static String names() {
        return Arrays.stream(values()).map(DatasetFormat::id).collect(Collectors.joining(", "));
    }

    /** The benchmark an Arena-Hard question line names (the default dataset name), or null. */
    public static String benchmark(JsonNode line) {
        return ArenaHard.benchmark(line);
    }
}
