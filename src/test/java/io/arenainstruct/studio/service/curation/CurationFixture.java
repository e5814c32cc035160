package io.arenainstruct.studio.service.curation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.task.ProgressListener;
import io.arenainstruct.studio.service.workspace.Workspace;

/**
 * A store with four arena prompts (ids {@link StoreItems#ARENA_OFFSET} + 1 to 4): the poem, the poem again in
 * other case and punctuation (an exact duplicate), a prompt holding Arena-Hard's ABC question (contaminated against
 * the sample's question.jsonl) and the water cycle (unrelated).
 */
public final class CurationFixture {
    public static final Path QUESTIONS = Path.of("src/test/resources/arena-hard-sample/question.jsonl");
    public static final String ABC_UID = "328c149ed45a41c0b9d6f14659e63599";
    public static final long POEM = StoreItems.ARENA_OFFSET + 1;
    public static final long POEM_AGAIN = StoreItems.ARENA_OFFSET + 2;
    public static final long ABC = StoreItems.ARENA_OFFSET + 3;
    public static final long WATER = StoreItems.ARENA_OFFSET + 4;

    public static final List<String> PROMPTS = List.of(
            "Write a short poem about the sea at night, and make every line of it rhyme with the one before it.",
            "write a short poem about the SEA at night; and make every line of it rhyme with the one before it!",
            "Please help me out: Use ABC notation to write a melody in the style of a folk tune. Thanks!",
            "Describe the water cycle for a ten year old in three short paragraphs.");

    private CurationFixture() {}

    /** Imports the four prompts into the workspace's arena, through a prompts file written in {@code dir}. */
    public static void plant(Workspace ws, Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = new ArrayList<>();
        for (String p : PROMPTS) {
            lines.add(json.createObjectNode().put("prompt", p).toString());
        }
        Path file = Files.write(dir.resolve("prompts.jsonl"), lines, StandardCharsets.UTF_8);
        ws.datasets().importFiles(List.of(file), null, null, null, ProgressListener.NONE, Cancellation.NEVER);
    }
}
