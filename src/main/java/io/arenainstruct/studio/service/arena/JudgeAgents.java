package io.arenainstruct.studio.service.arena;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.arenainstruct.studio.domain.arena.JudgeAgent;
import io.arenainstruct.studio.domain.arena.JudgeStyle;
import io.arenainstruct.studio.domain.arena.StructuredOutput;
import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.domain.flow.PromptVersion;
import io.arenainstruct.studio.store.FlowRepository;

/**
 * The arena's judges: their definitions shipped in {@code arena/judges.yaml}, their prompts versioned in the store
 * like every agent's (version 1 is the shipped text; edits add versions), so a verdict names the exact prompt
 * version that gave it.
 */
public final class JudgeAgents {
    static final String RESOURCE = "/arena/judges.yaml";
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final FlowRepository prompts;
    private final List<JudgeAgent> shipped;

    public JudgeAgents(FlowRepository prompts) {
        this(prompts, readShipped());
    }

    JudgeAgents(FlowRepository prompts, List<JudgeAgent> shipped) {
        this.prompts = prompts;
        this.shipped = List.copyOf(shipped);
        Map<String, PromptVersion> latest = prompts.latestVersions();
        for (JudgeAgent j : shipped) {
            if (!latest.containsKey(j.key())) {
                prompts.addVersion(j.key(), j.prompt(), "as shipped");
            }
        }
    }

    /** Every judge with its latest prompt version, in the order shipped. */
    public List<JudgeAgent> all() {
        Map<String, PromptVersion> latest = prompts.latestVersions();
        List<JudgeAgent> out = new ArrayList<>();
        for (JudgeAgent j : shipped) {
            PromptVersion v = latest.get(j.key());
            out.add(v == null ? j : j.withPrompt(v.prompt(), v.version()));
        }
        return out;
    }

    public Optional<JudgeAgent> find(String id) {
        return all().stream().filter(j -> j.id().equals(id)).findFirst();
    }

    /** The judge with the prompt of one of its versions (a job resumes with the version it started with). */
    public Optional<JudgeAgent> at(String id, int version) {
        Optional<JudgeAgent> judge =
                shipped.stream().filter(j -> j.id().equals(id)).findFirst();
        if (judge.isEmpty()) {
            return Optional.empty();
        }
        return prompts.history(judge.get().key()).stream()
                .filter(v -> v.version() == version)
                .findFirst()
                .map(v -> judge.get().withPrompt(v.prompt(), v.version()));
    }

    /** Every version of a judge's prompt, oldest first. */
    public List<PromptVersion> history(String id) {
        return prompts.history(JudgeAgent.GROUP + "/" + id);
    }

    /** Saves an edited prompt as the judge's next version; a prompt without both answers is refused. */
    public PromptVersion save(String id, Prompt prompt, String note) {
        JudgeAgent judge = find(id).orElseThrow(() -> new IllegalArgumentException("there is no judge " + id));
        List<String> problems = problems(prompt);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return prompts.addVersion(judge.key(), prompt, note);
    }

    /** What makes a judge prompt unusable, in words. */
    public static List<String> problems(Prompt prompt) {
        List<String> out = new ArrayList<>();
        String both = prompt.system() + "\n" + prompt.user();
        for (String v : List.of("answer_a", "answer_b", "question")) {
            if (!both.contains("{{" + v + "}}")) {
                out.add("the prompt must show {{" + v + "}}");
            }
        }
        return out;
    }

    static List<JudgeAgent> readShipped() {
        try (InputStream in = JudgeAgents.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the shipped judges (" + RESOURCE + ") are missing from the build");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "arena/judges.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a judges file; a problem names the file and the judge. */
    static List<JudgeAgent> parse(String yaml, String file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not YAML: " + e.getMessage(), e);
        }
        List<JudgeAgent> out = new ArrayList<>();
        JsonNode judges = root == null ? null : root.get("judges");
        if (judges == null || !judges.isArray() || judges.isEmpty()) {
            throw new IllegalArgumentException(file + ": a list of judges under \"judges\" is missing");
        }
        for (JsonNode j : judges) {
            String id = j.path("id").asText("");
            String where = file + ", judge '" + id + "'";
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException(where + ": the id must be lower-case letters, digits and '-'");
            }
            JudgeStyle style;
            try {
                style = JudgeStyle.of(j.path("style").asText(""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": style must be graded or score", e);
            }
            String reference = j.path("reference").asText("given");
            if (!reference.equals("given") && !reference.equals("none")) {
                throw new IllegalArgumentException(where + ": reference must be given or none");
            }
            StructuredOutput structured;
            try {
                // YAML reads an old `structured: true` as a boolean; asText gives "true" for the parse.
                structured = StructuredOutput.of(j.path("structured").asText("auto"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": structured must be auto, always or never", e);
            }
            Prompt prompt =
                    new Prompt(j.path("system").asText(""), j.path("user").asText(""));
            List<String> problems = problems(prompt);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(where + ": " + String.join("; ", problems));
            }
            out.add(new JudgeAgent(
                    id,
                    j.path("name").asText(id),
                    j.path("description").asText(""),
                    style,
                    reference.equals("given"),
                    structured,
                    j.hasNonNull("temperature") ? j.get("temperature").asDouble() : null,
                    j.hasNonNull("max_tokens") ? j.get("max_tokens").asInt() : null,
                    prompt,
                    1));
        }
        return out;
    }
}
