package io.arenainstruct.studio.service.flow;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.flow.Flow;
import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.domain.flow.PromptVersion;
import io.arenainstruct.studio.service.files.TextFiles;
import io.arenainstruct.studio.store.FlowRepository;

/**
 * The flows of a workspace: shipped flow files copied into the store once, prompts edited in versions, agents'
 * endpoint and generation settings. A flow as returned here always carries each agent's latest prompt.
 */
public final class FlowService {
    private final FlowRepository repository;

    public FlowService(FlowRepository repository) {
        this.repository = repository;
    }

    /** A flow file's name and text. */
    public record FlowFile(String name, String text) {
        /** Reads a flow file; one that is not UTF-8 is a problem on its line 1. */
        public static FlowFile read(Path file) throws IOException, FlowFileException {
            try {
                return new FlowFile(file.toString(), TextFiles.readUtf8(file, TextFiles.DEFINITION_LIMIT));
            } catch (TextFiles.TooLarge e) {
                throw new FlowFileException(List.of(FlowYaml.tooLarge(file.toString(), e.shown())));
            } catch (CharacterCodingException e) {
                throw new FlowFileException(
                        List.of(new FlowProblem(file.toString(), 1, "the file is not valid UTF-8; save it as UTF-8")));
            }
        }
    }

    /**
     * Copies shipped flows of skills that have none into the store (an edited flow is never overwritten).
     * Returns the skills added.
     */
    public List<String> installMissing(List<FlowFile> files) throws FlowFileException {
        List<String> added = new ArrayList<>();
        List<FlowProblem> problems = new ArrayList<>();
        for (FlowFile f : files) {
            Flow flow;
            try {
                flow = FlowYaml.parse(f.name(), f.text());
            } catch (FlowFileException e) {
                problems.addAll(e.problems());
                continue;
            }
            Map<String, Prompt> prompts = prompts(flow);
            if (repository.install(flow.skill(), f.text(), prompts)) {
                added.add(flow.skill());
            }
        }
        if (!problems.isEmpty()) {
            throw new FlowFileException(problems);
        }
        return added;
    }

    /** What importing one flow file did. */
    public record ImportResult(String skill, boolean added, int newVersions) {}

    /**
     * Imports flow files: a skill without a flow gets it; a stored flow is replaced by the file (structure,
     * rounds, goals, agents' settings), and each prompt that differs from the agent's latest version becomes a
     * new version, so history only grows. All files are checked first: with any problem nothing is stored.
     */
    public List<ImportResult> importFiles(List<FlowFile> files) throws FlowFileException {
        List<FlowProblem> problems = new ArrayList<>();
        List<Flow> parsed = new ArrayList<>();
        for (FlowFile f : files) {
            try {
                parsed.add(FlowYaml.parse(f.name(), f.text()));
            } catch (FlowFileException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new FlowFileException(problems);
        }
        List<ImportResult> out = new ArrayList<>();
        for (int k = 0; k < files.size(); k++) {
            Flow flow = parsed.get(k);
            Map<String, Prompt> prompts = prompts(flow);
            String text = files.get(k).text();
            if (repository.install(flow.skill(), text, prompts)) {
                out.add(new ImportResult(flow.skill(), true, prompts.size()));
            } else {
                String name = Path.of(files.get(k).name()).getFileName().toString();
                out.add(new ImportResult(
                        flow.skill(), false, repository.replace(flow.skill(), text, prompts, "imported from " + name)));
            }
        }
        return out;
    }

    /** The flow of a skill as a file, with its current prompts and settings: what export writes and the app edits. */
    public Optional<String> text(String skill) {
        return find(skill).map(FlowYaml::write);
    }

    /** How problems name a skill's flow edited in the app (in place of a file name). */
    public static String sourceOf(String skill) {
        return "flow of " + skill;
    }

    /** Problems of a skill's flow file as edited in the app, each with its line; empty when it can be saved. */
    public List<FlowProblem> check(String skill, String text) {
        String source = sourceOf(skill);
        try {
            Flow flow = FlowYaml.parse(source, text);
            if (!flow.skill().equals(skill)) {
                return List.of(new FlowProblem(
                        source,
                        skillLine(text),
                        "this is the flow of " + skill + "; it cannot become the flow of " + flow.skill()
                                + " (use flows import for that)"));
            }
            return List.of();
        } catch (FlowFileException e) {
            return e.problems();
        }
    }

    /**
     * Saves a skill's flow edited as a file in the app: like an import of that one file, so the structure, rounds,
     * goals and agents' settings become the file's and each changed prompt a new version with {@code note}.
     * Refused, with nothing stored, when the file has problems or is another skill's.
     */
    public ImportResult saveText(String skill, String text, String note) throws FlowFileException {
        find(skill).orElseThrow(() -> new IllegalArgumentException("no flow for skill " + skill));
        List<FlowProblem> problems = check(skill, text);
        if (!problems.isEmpty()) {
            throw new FlowFileException(problems);
        }
        Flow flow = FlowYaml.parse(sourceOf(skill), text);
        return new ImportResult(skill, false, repository.replace(skill, text, prompts(flow), note));
    }

    private static int skillLine(String text) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("skill:")) {
                return i + 1;
            }
        }
        return 1;
    }

    private static Map<String, Prompt> prompts(Flow flow) {
        Map<String, Prompt> prompts = new LinkedHashMap<>();
        for (Agent a : flow.agents()) {
            prompts.put(Agent.key(flow.skill(), a.id()), a.prompt());
        }
        return prompts;
    }

    /** Every stored flow, by skill id order, with the latest prompts and the curator's agent settings. */
    public List<Flow> all() {
        Map<String, PromptVersion> latest = repository.latestVersions();
        Map<String, FlowRepository.AgentSetting> settings = repository.agentSettings();
        Map<String, FlowRepository.FlowSetting> flowSettings = repository.flowSettings();
        List<Flow> out = new ArrayList<>();
        repository
                .definitions()
                .forEach((skill, text) -> out.add(assemble(skill, text, latest, settings, flowSettings.get(skill))));
        return out;
    }

    public Optional<Flow> find(String skill) {
        return repository
                .definition(skill)
                .map(text -> assemble(
                        skill,
                        text,
                        repository.latestVersions(),
                        repository.agentSettings(),
                        repository.flowSettings().get(skill)));
    }

    private static Flow assemble(
            String skill,
            String text,
            Map<String, PromptVersion> latest,
            Map<String, FlowRepository.AgentSetting> settings,
            FlowRepository.FlowSetting flowSetting) {
        Flow flow;
        try {
            flow = FlowYaml.parseStored("stored flow " + skill, text);
        } catch (FlowFileException e) {
            // Only validated files are stored; a broken one means the store was edited by hand.
            throw new IllegalStateException("the stored flow of " + skill + " is broken: " + e.getMessage(), e);
        }
        for (Agent a : flow.agents()) {
            String key = Agent.key(skill, a.id());
            Agent changed = a;
            PromptVersion v = latest.get(key);
            if (v != null) {
                changed = changed.withPrompt(v.prompt(), v.version());
            }
            FlowRepository.AgentSetting s = settings.get(key);
            if (s != null) {
                changed = changed.withSettings(
                        s.endpoint(),
                        s.temperature() != null ? s.temperature() : a.temperature(),
                        s.maxTokens() != null ? s.maxTokens() : a.maxTokens());
            }
            flow = flow.with(changed);
        }
        if (flowSetting != null) {
            flow = new Flow(
                    flow.skill(),
                    flow.name(),
                    flow.pick(),
                    flow.transformers(),
                    flow.generators(),
                    flowSetting.rounds() != null ? flowSetting.rounds() : flow.rounds(),
                    flowSetting.goals() != null ? flowSetting.goals() : flow.goals(),
                    flow.suggester(),
                    flow.editor(),
                    flow.answerer());
        }
        return flow;
    }

    /**
     * Sets a flow's refinement: the rounds a run does unless it asks for another number, and the goals the
     * suggester works towards (one line each; blank lines are dropped). Runs started before keep what they froze.
     */
    public void saveRefinement(String skill, int rounds, List<String> goals) {
        find(skill).orElseThrow(() -> new IllegalArgumentException("no flow for skill " + skill));
        if (rounds < 0 || rounds > FlowYaml.MAX_ROUNDS) {
            throw new IllegalArgumentException("rounds is a whole number from 0 to " + FlowYaml.MAX_ROUNDS);
        }
        List<String> lines =
                goals.stream().map(String::strip).filter(g -> !g.isEmpty()).toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("give at least one goal for the suggester, one per line");
        }
        repository.saveFlowSetting(skill, new FlowRepository.FlowSetting(rounds, lines));
    }

    /** The versions of an agent's prompt, oldest first. */
    public List<PromptVersion> history(String skill, String agentId) {
        return repository.history(Agent.key(skill, agentId));
    }

    /**
     * Saves an edited prompt as the agent's next version. Refused (nothing saved) when a template uses a
     * variable the agent's role does not have.
     */
    public PromptVersion savePrompt(String skill, String agentId, Prompt prompt, String note) {
        Agent agent = agent(skill, agentId);
        List<String> problems = new ArrayList<>();
        FlowYaml.templateProblems(prompt.system(), agent.role()).forEach(p -> problems.add("system prompt: " + p));
        FlowYaml.templateProblems(prompt.user(), agent.role()).forEach(p -> problems.add("user message: " + p));
        if (prompt.system().isBlank() || prompt.user().isBlank()) {
            problems.add("neither the system prompt nor the user message may be empty");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        if (agent.prompt().equals(prompt)) {
            return repository.history(Agent.key(skill, agentId)).stream()
                    .reduce((a, b) -> b)
                    .orElseThrow(); // unchanged: no new version
        }
        return repository.addVersion(Agent.key(skill, agentId), prompt, note);
    }

    /** Makes an old version the newest again (as a new version, so history only grows). */
    public PromptVersion revert(String skill, String agentId, int version) {
        return revert(skill, agentId, version, null);
    }

    /** As {@link #revert(String, String, int)}, with why in the new version's note when not null. */
    public PromptVersion revert(String skill, String agentId, int version, String why) {
        PromptVersion old = history(skill, agentId).stream()
                .filter(v -> v.version() == version)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(agentId + " has no version " + version));
        return repository.addVersion(
                Agent.key(skill, agentId),
                old.prompt(),
                "reverted to version " + version + (why == null ? "" : ": " + why));
    }

    /** Sets an agent's endpoint (null: the run's), temperature and max tokens (null: the file's). */
    public void saveSettings(String skill, String agentId, String endpoint, Double temperature, Integer maxTokens) {
        agent(skill, agentId);
        repository.saveAgentSetting(
                Agent.key(skill, agentId),
                new FlowRepository.AgentSetting(
                        endpoint == null || endpoint.isBlank() ? null : endpoint, temperature, maxTokens));
    }

    private Agent agent(String skill, String agentId) {
        Flow flow = find(skill).orElseThrow(() -> new IllegalArgumentException("no flow for skill " + skill));
        return flow.agent(agentId).orElseThrow(() -> new IllegalArgumentException(skill + " has no agent " + agentId));
    }
}
