package io.arenainstruct.studio.service.flow;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.flow.AgentRole;
import io.arenainstruct.studio.domain.flow.Flow;
import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.domain.flow.Template;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.service.files.TextFiles;
import io.arenainstruct.studio.service.llm.SchemaReferences;

/**
 * The flow file format (one YAML file per skill in {@code resources/flows/}; documented in the README, "Flow
 * files"). Reading checks everything a run relies on (keys, ids, template variables per role, output
 * schemas) and names the line of each problem.
 */
public final class FlowYaml {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOP_KEYS =
            Set.of("skill", "name", "transformation", "generation", "refinement", "answerer");
    private static final Set<String> TRANSFORMATION_KEYS = Set.of("pick", "agents");
    private static final Set<String> GENERATION_KEYS = Set.of("agents");
    private static final Set<String> REFINEMENT_KEYS = Set.of("rounds", "goals", "suggester", "editor");
    private static final Set<String> AGENT_KEYS = Set.of(
            "id",
            "name",
            "description",
            "categories",
            "endpoint",
            "temperature",
            "max_tokens",
            "schema",
            "system",
            "user");
    private static final Pattern AGENT_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    public static final int MAX_ROUNDS = RunConfig.MAX_ROUNDS;

    private FlowYaml() {}

    /** Parses and validates flow YAML; {@code file} only names problems. */
    public static Flow parse(String file, String text) throws FlowFileException {
        return parse(file, text, true);
    }

    /**
     * Reads a flow from the store. A store may hold flows saved before the checks of outside input (schema
     * references, malformed template variables) existed; they still open, so the curator can see and fix them, and a
     * run refuses them at its start ({@link #runProblems}).
     */
    public static Flow parseStored(String file, String text) throws FlowFileException {
        return parse(file, text, false);
    }

    private static Flow parse(String file, String text, boolean checkOutsideInput) throws FlowFileException {
        if (text.length() > TextFiles.DEFINITION_LIMIT) {
            throw new FlowFileException(
                    List.of(tooLarge(file, String.format(Locale.ROOT, "%,d characters", text.length()))));
        }
        Parser p = new Parser(file, checkOutsideInput);
        Flow flow = p.parse(text);
        if (flow == null || !p.problems.isEmpty()) {
            if (p.problems.isEmpty()) {
                p.problem(1, "the file holds no flow");
            }
            throw new FlowFileException(p.problems);
        }
        return flow;
    }

    /** The problem of a file too large to be read. */
    static FlowProblem tooLarge(String file, String size) {
        return new FlowProblem(
                file,
                1,
                "the file is " + size + "; a flow file may be at most " + TextFiles.DEFINITION_LIMIT_TEXT
                        + " (nothing was read)");
    }

    public static final String HEADER =
            "# Flow of one skill (ArenaInstruct Studio). Format: README.md, \"Flows and runs\".";

    /**
     * A flow as file text, prompts as literal blocks; reading it back gives the same flow. Agents' endpoints and
     * generation settings are written when set; a schema only when it is not the role's default.
     */
    public static String write(Flow flow) {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("skill", flow.skill());
        top.put("name", flow.name());
        Map<String, Object> transformation = new LinkedHashMap<>();
        transformation.put("pick", flow.pick().name().toLowerCase(Locale.ROOT));
        transformation.put(
                "agents", flow.transformers().stream().map(FlowYaml::agentMap).toList());
        top.put("transformation", transformation);
        top.put(
                "generation",
                Map.of(
                        "agents",
                        flow.generators().stream().map(FlowYaml::agentMap).toList()));
        Map<String, Object> refinement = new LinkedHashMap<>();
        refinement.put("rounds", flow.rounds());
        refinement.put("goals", flow.goals());
        refinement.put("suggester", agentMap(flow.suggester()));
        refinement.put("editor", agentMap(flow.editor()));
        top.put("refinement", refinement);
        top.put("answerer", agentMap(flow.answerer()));
        try {
            YAMLMapper yaml = YAMLMapper.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .disable(YAMLGenerator.Feature.SPLIT_LINES)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                    .build();
            return HEADER + "\n" + yaml.writeValueAsString(top);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the flow of " + flow.skill(), e);
        }
    }

    private static Map<String, Object> agentMap(Agent a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        if (!a.name().equals(a.id())) {
            m.put("name", a.name());
        }
        if (!a.description().isBlank()) {
            m.put("description", a.description());
        }
        if (!a.categories().isEmpty()) {
            m.put("categories", a.categories());
        }
        if (a.endpoint() != null) {
            m.put("endpoint", a.endpoint());
        }
        if (a.temperature() != null) {
            m.put("temperature", a.temperature());
        }
        if (a.maxTokens() != null) {
            m.put("max_tokens", a.maxTokens());
        }
        if (!sameJson(a.jsonSchema(), defaultSchema(a.role()))) {
            m.put("schema", a.jsonSchema());
        }
        m.put("system", a.prompt().system());
        m.put("user", a.prompt().user());
        return m;
    }

    private static boolean sameJson(String a, String b) {
        try {
            return JSON.readTree(a).equals(JSON.readTree(b));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** The default output schema of a role, shipped in {@code resources/flows/schemas/}. */
    public static String defaultSchema(AgentRole role) {
        String path = "/flows/schemas/" + role.id() + ".json";
        try (var in = FlowYaml.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Problems of a template for a role (malformed <code>{{...}}</code> with line and column, unknown variables), as
     * sentences; empty when it can be used. Shared by the prompt editor, prompt saving and run start.
     */
    public static List<String> templateProblems(String template, AgentRole role) {
        List<String> out = new ArrayList<>();
        for (Template.Malformed m : Template.malformed(template)) {
            out.add("line " + m.line() + ", column " + m.column() + ": " + m.problem());
        }
        for (String v : Template.unknown(template, role)) {
            out.add("unknown variable {{" + v + "}} for a " + role.id() + "; known: "
                    + String.join(", ", role.variables()));
        }
        return out;
    }

    /**
     * What in a flow as it is now (stored file and latest prompts) stops a run from sending it, as sentences naming
     * the agent; empty when it can run: templates, and the file checks a flow stored before them never passed.
     */
    public static List<String> runProblems(Flow flow) {
        List<String> out = new ArrayList<>();
        for (Agent a : flow.agents()) {
            String who = flow.skill() + " / " + a.id() + ": ";
            templateProblems(a.prompt().system(), a.role()).forEach(p -> out.add(who + "system prompt: " + p));
            templateProblems(a.prompt().user(), a.role()).forEach(p -> out.add(who + "user message: " + p));
            for (SchemaReferences.Outside o : SchemaReferences.outside(a.jsonSchema())) {
                out.add(who + "output schema line " + o.line() + ": " + o.message());
            }
        }
        return out;
    }

    /** Problems of an output schema for a role; empty when the schema is usable. */
    public static List<String> schemaProblems(String schema, AgentRole role) {
        List<String> out = new ArrayList<>();
        JsonNode node;
        try {
            node = JSON.readTree(schema);
        } catch (JsonProcessingException e) {
            out.add("the schema is not valid JSON: " + e.getOriginalMessage());
            return out;
        }
        if (node == null
                || !node.isObject()
                || !"object".equals(node.path("type").asText())) {
            out.add("the schema must describe a JSON object (\"type\": \"object\")");
            return out;
        }
        String field = role.outputField();
        if (!"string".equals(node.path("properties").path(field).path("type").asText())) {
            out.add("a " + role.id() + " must answer with a string property \"" + field + "\"");
        }
        boolean required = false;
        for (JsonNode r : node.path("required")) {
            required |= field.equals(r.asText());
        }
        if (!required) {
            out.add("the schema must list \"" + field + "\" under \"required\"");
        }
        return out;
    }

    /** Problems of a flow against its skill's taxonomy: generators bound to categories that do not exist. */
    public static List<String> taxonomyProblems(Flow flow, Taxonomy taxonomy) {
        List<String> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        taxonomy.categories().forEach(c -> names.add(c.name().toLowerCase(Locale.ROOT)));
        for (Agent g : flow.generators()) {
            for (String c : g.categories()) {
                if (!names.contains(c.toLowerCase(Locale.ROOT))) {
                    out.add("generator '" + g.id() + "' is bound to category '" + c + "', which the " + flow.skill()
                            + " taxonomy does not have");
                }
            }
        }
        return out;
    }

    private static final class Parser {
        private final String file;
        private final List<FlowProblem> problems = new ArrayList<>();
        private final Set<String> ids = new HashSet<>();
        private final boolean checkOutsideInput;
        private List<String> lines = List.of();
        private String linesOf;
        private List<String> contentLines = List.of();

        Parser(String file, boolean checkOutsideInput) {
            this.file = file;
            this.checkOutsideInput = checkOutsideInput;
        }

        void problem(int line, String message) {
            problems.add(new FlowProblem(file, line, message));
        }

        void problem(int line, int column, String message) {
            problems.add(new FlowProblem(file, line, column, message));
        }

        Flow parse(String text) {
            lines = text.lines().toList();
            Node root;
            try {
                LoaderOptions options = new LoaderOptions();
                options.setAllowDuplicateKeys(true);
                root = new Yaml(options).compose(new StringReader(text));
            } catch (MarkedYAMLException e) {
                int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
                problem(line, "the YAML structure is broken here (" + e.getProblem() + "); check the indentation");
                return null;
            } catch (YAMLException e) {
                problem(1, "the file is not readable YAML: " + e.getMessage());
                return null;
            }
            if (!(root instanceof MappingNode top)) {
                problem(
                        root == null ? 1 : line(root),
                        "the file must be a mapping with the keys skill, name,"
                                + " transformation, generation, refinement, answerer");
                return null;
            }
            Map<String, Node> keys = keys(top, TOP_KEYS, "at the top level");
            String skill = string(keys, "skill", top, true);
            if (skill != null && !Taxonomy.SKILL_ID.matcher(skill).matches()) {
                problem(
                        line(keys.get("skill")),
                        "skill id '" + skill + "' must be kebab-case, like reading-comprehension");
            }
            String name = string(keys, "name", top, false);

            Flow.Pick pick = Flow.Pick.RANDOM;
            List<Agent> transformers = new ArrayList<>();
            MappingNode transformation = mapping(keys, "transformation", top);
            if (transformation != null) {
                Map<String, Node> t = keys(transformation, TRANSFORMATION_KEYS, "under transformation");
                String p = string(t, "pick", transformation, false);
                if (p != null) {
                    switch (p) {
                        case "random" -> pick = Flow.Pick.RANDOM;
                        case "all" -> pick = Flow.Pick.ALL;
                        default ->
                            problem(
                                    line(t.get("pick")),
                                    "pick is 'random' (one agent per seed) or 'all'," + " not '" + p + "'");
                    }
                }
                transformers = agents(t, "agents", transformation, AgentRole.TRANSFORMER);
            }
            List<Agent> generators = new ArrayList<>();
            MappingNode generation = mapping(keys, "generation", top);
            if (generation != null) {
                generators = agents(
                        keys(generation, GENERATION_KEYS, "under generation"),
                        "agents",
                        generation,
                        AgentRole.GENERATOR);
            }
            int rounds = 0;
            List<String> goals = new ArrayList<>();
            Agent suggester = null;
            Agent editor = null;
            MappingNode refinement = mapping(keys, "refinement", top);
            if (refinement != null) {
                Map<String, Node> r = keys(refinement, REFINEMENT_KEYS, "under refinement");
                String roundsText = string(r, "rounds", refinement, true);
                if (roundsText != null) {
                    try {
                        rounds = Integer.parseInt(roundsText);
                        if (rounds < 0 || rounds > MAX_ROUNDS) {
                            throw new NumberFormatException();
                        }
                    } catch (NumberFormatException e) {
                        problem(
                                line(r.get("rounds")),
                                "rounds is a whole number from 0 to " + MAX_ROUNDS + ", not '" + roundsText + "'");
                    }
                }
                Node goalsNode = r.get("goals");
                if (goalsNode == null) {
                    problem(line(refinement), "refinement needs goals: a list of what the suggester aims for");
                } else if (goalsNode instanceof SequenceNode seq) {
                    for (Node g : seq.getValue()) {
                        if (g instanceof ScalarNode s && !s.getValue().isBlank()) {
                            goals.add(s.getValue().strip());
                        } else {
                            problem(line(g), "each goal is one line of text");
                        }
                    }
                } else {
                    problem(line(goalsNode), "goals is a list (each line starting with '- ')");
                }
                suggester = agent(r, "suggester", refinement, AgentRole.SUGGESTER);
                editor = agent(r, "editor", refinement, AgentRole.EDITOR);
            }
            Agent answerer = agent(keys, "answerer", top, AgentRole.ANSWERER);
            if (transformation != null && transformers.isEmpty()) {
                problem(line(transformation), "transformation needs at least one agent");
            }
            if (generation != null && generators.isEmpty()) {
                problem(line(generation), "generation needs at least one agent");
            }
            if (!problems.isEmpty() || skill == null || suggester == null || editor == null || answerer == null) {
                return null;
            }
            return new Flow(
                    skill,
                    name == null ? skill : name,
                    pick,
                    transformers,
                    generators,
                    rounds,
                    goals,
                    suggester,
                    editor,
                    answerer);
        }

        private List<Agent> agents(Map<String, Node> keys, String key, Node parent, AgentRole role) {
            List<Agent> out = new ArrayList<>();
            Node node = keys.get(key);
            if (node == null) {
                problem(line(parent), "missing '" + key + "'");
                return out;
            }
            if (!(node instanceof SequenceNode seq)) {
                problem(line(node), key + " is a list of agents (each starting with '- id: ...')");
                return out;
            }
            for (Node item : seq.getValue()) {
                Agent a = agentNode(item, role);
                if (a != null) {
                    out.add(a);
                }
            }
            return out;
        }

        private Agent agent(Map<String, Node> keys, String key, Node parent, AgentRole role) {
            Node node = keys.get(key);
            if (node == null) {
                problem(line(parent), "missing '" + key + "'");
                return null;
            }
            return agentNode(node, role);
        }

        private Agent agentNode(Node node, AgentRole role) {
            if (!(node instanceof MappingNode m)) {
                problem(line(node), "an agent is a mapping with id, system and user");
                return null;
            }
            Map<String, Node> k = keys(m, AGENT_KEYS, "in an agent");
            String id = string(k, "id", m, true);
            if (id != null && !AGENT_ID.matcher(id).matches()) {
                problem(line(k.get("id")), "agent id '" + id + "' must be kebab-case");
            } else if (id != null && !ids.add(id)) {
                problem(line(k.get("id")), "agent id '" + id + "' is used twice in this flow");
            }
            List<String> categories = new ArrayList<>();
            Node cats = k.get("categories");
            if (cats != null) {
                if (role != AgentRole.GENERATOR) {
                    problem(line(cats), "only generation agents are bound to categories");
                } else if (cats instanceof SequenceNode seq) {
                    for (Node c : seq.getValue()) {
                        if (c instanceof ScalarNode s && !s.getValue().isBlank()) {
                            categories.add(s.getValue().strip());
                        } else {
                            problem(line(c), "each category is a taxonomy category name");
                        }
                    }
                } else {
                    problem(line(cats), "categories is a list of taxonomy category names");
                }
            }
            Double temperature = null;
            String t = string(k, "temperature", m, false);
            if (t != null) {
                try {
                    temperature = Double.parseDouble(t);
                    if (temperature < 0 || temperature > 2) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    problem(line(k.get("temperature")), "temperature is a number from 0 to 2, not '" + t + "'");
                }
            }
            Integer maxTokens = null;
            String mt = string(k, "max_tokens", m, false);
            if (mt != null) {
                try {
                    maxTokens = Integer.parseInt(mt);
                    if (maxTokens < 1) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    problem(line(k.get("max_tokens")), "max_tokens is a whole number above 0, not '" + mt + "'");
                }
            }
            String schema = string(k, "schema", m, false);
            if (schema == null) {
                schema = defaultSchema(role);
            } else {
                for (String p : schemaProblems(schema, role)) {
                    problem(line(k.get("schema")), p);
                }
                if (checkOutsideInput) {
                    for (SchemaReferences.Outside o : SchemaReferences.outside(schema)) {
                        int fileLine = contentLine(k.get("schema"), o.line() - 1);
                        problem(fileLine, fileColumn(fileLine, schema, o.line() - 1, o.column()), o.message());
                    }
                }
            }
            String system = string(k, "system", m, true);
            String user = string(k, "user", m, true);
            checkTemplate(k.get("system"), system, role);
            checkTemplate(k.get("user"), user, role);
            if (id == null || system == null || user == null) {
                return null;
            }
            return new Agent(
                    id,
                    string(k, "name", m, false),
                    role,
                    string(k, "description", m, false),
                    categories,
                    schema,
                    string(k, "endpoint", m, false),
                    temperature,
                    maxTokens,
                    new Prompt(system, user),
                    0);
        }

        private void checkTemplate(Node node, String template, AgentRole role) {
            if (template == null) {
                return;
            }
            if (checkOutsideInput) {
                for (Template.Malformed m : Template.malformed(template)) {
                    int fileLine = contentLine(node, m.line() - 1);
                    problem(fileLine, fileColumn(fileLine, template, m.line() - 1, m.column()), m.problem());
                }
            }
            for (Template.Occurrence o : Template.occurrences(template)) {
                if (!role.knows(o.name())) {
                    int offsetLines = (int) template.substring(0, o.start())
                            .chars()
                            .filter(ch -> ch == '\n')
                            .count();
                    problem(
                            contentLine(node, offsetLines),
                            "unknown variable {{" + o.name() + "}} for a " + role.id() + "; known: "
                                    + String.join(", ", role.variables()));
                }
            }
        }

        /** The file line of line {@code offsetLines} (0-based) of a scalar's text. */
        private static int contentLine(Node node, int offsetLines) {
            // Block scalars start on the line after the key.
            boolean block = node instanceof ScalarNode s
                    && s.getScalarStyle() != null
                    && s.getScalarStyle().getChar() != null
                    && (s.getScalarStyle().getChar() == '|'
                            || s.getScalarStyle().getChar() == '>');
            return line(node) + (block ? 1 : 0) + offsetLines;
        }

        /**
         * The file column of a column (1-based) of line {@code offsetLines} of a scalar's text: a block scalar's
         * line is the file line less its indentation. Falls back to the column in the text.
         */
        private int fileColumn(int fileLine, String content, int offsetLines, int column) {
            if (content != linesOf) { // one split per scalar, however many problems it has
                linesOf = content;
                contentLines = content.lines().toList();
            }
            if (fileLine < 1 || fileLine > lines.size() || offsetLines >= contentLines.size()) {
                return column;
            }
            String inFile = lines.get(fileLine - 1);
            String inContent = contentLines.get(offsetLines);
            int at = inContent.isEmpty() ? -1 : inFile.lastIndexOf(inContent);
            return at < 0 ? column : at + column;
        }

        private Map<String, Node> keys(MappingNode m, Set<String> allowed, String where) {
            Map<String, Node> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    problem(line(t.getKeyNode()), "keys are plain words");
                    continue;
                }
                String key = k.getValue();
                if (!allowed.contains(key)) {
                    problem(
                            line(k),
                            "unknown key '" + key + "' " + where + "; allowed: "
                                    + String.join(", ", new TreeSet<>(allowed)));
                } else if (out.containsKey(key)) {
                    problem(line(k), "'" + key + "' appears twice");
                } else {
                    out.put(key, t.getValueNode());
                }
            }
            return out;
        }

        private String string(Map<String, Node> keys, String key, Node parent, boolean required) {
            Node n = keys.get(key);
            if (n == null) {
                if (required) {
                    problem(line(parent), "missing '" + key + "'");
                }
                return null;
            }
            if (!(n instanceof ScalarNode s)) {
                problem(line(n), "'" + key + "' must be text, not a list or mapping");
                return null;
            }
            if (required && s.getValue().isBlank()) {
                problem(line(n), "'" + key + "' is empty");
                return null;
            }
            return s.getValue();
        }

        private MappingNode mapping(Map<String, Node> keys, String key, Node parent) {
            Node n = keys.get(key);
            if (n == null) {
                problem(line(parent), "missing '" + key + "'");
                return null;
            }
            if (!(n instanceof MappingNode m)) {
                problem(line(n), "'" + key + "' must be a mapping");
                return null;
            }
            return m;
        }

        private static int line(Node n) {
            return n.getStartMark() == null ? 1 : n.getStartMark().getLine() + 1;
        }
    }
}
