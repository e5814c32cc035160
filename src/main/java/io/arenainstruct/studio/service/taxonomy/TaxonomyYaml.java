package io.arenainstruct.studio.service.taxonomy;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.TaxonomyNode;
import io.arenainstruct.studio.service.files.TextFiles;

/**
 * The human-editable taxonomy file format (one YAML file per skill; documented in the README). Reading
 * validates everything and names the line of each problem; writing is canonical, so a file written by
 * us reads back to the same taxonomy and writes again to the same bytes.
 */
public final class TaxonomyYaml {
    public static final String HEADER =
            "# Taxonomy of instruction types for one skill (ArenaInstruct Studio). Format: README.md, \"Taxonomy "
                    + "files\".";

    private static final Set<String> TOP_KEYS = Set.of("skill", "name", "description", "categories");
    private static final Set<String> CATEGORY_KEYS =
            Set.of("name", "description", "weight", "enabled", "subcategories");
    private static final Set<String> SUBCATEGORY_KEYS = Set.of("name", "description", "weight", "enabled");
    private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z(][A-Za-z0-9 ()',.;/+?=&$%*~-]*");
    private static final Set<String> YAML_WORDS = Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n");

    private TaxonomyYaml() {}

    /** Reads and validates a taxonomy file. */
    public static Taxonomy read(Path file) throws TaxonomyFileException, IOException {
        String text;
        try {
            text = TextFiles.readUtf8(file, TextFiles.DEFINITION_LIMIT);
        } catch (TextFiles.TooLarge e) {
            throw new TaxonomyFileException(List.of(tooLarge(file.toString(), e.shown())));
        } catch (CharacterCodingException e) {
            throw new TaxonomyFileException(
                    List.of(new TaxonomyProblem(file.toString(), 1, "the file is not valid UTF-8; save it as UTF-8")));
        }
        return parse(file.toString(), text);
    }

    /** Parses taxonomy YAML; {@code file} is only used to name problems. */
    public static Taxonomy parse(String file, String text) throws TaxonomyFileException {
        if (text.length() > TextFiles.DEFINITION_LIMIT) {
            throw new TaxonomyFileException(
                    List.of(tooLarge(file, String.format(Locale.ROOT, "%,d characters", text.length()))));
        }
        Parser parser = new Parser(file);
        Taxonomy taxonomy = parser.parse(text);
        if (!parser.problems.isEmpty() || taxonomy == null) {
            if (parser.problems.isEmpty()) {
                parser.problem(1, "the file holds no taxonomy");
            }
            throw new TaxonomyFileException(parser.problems);
        }
        return taxonomy;
    }

    private static TaxonomyProblem tooLarge(String file, String size) {
        return new TaxonomyProblem(
                file,
                1,
                "the file is " + size + "; a taxonomy file may be at most " + TextFiles.DEFINITION_LIMIT_TEXT
                        + " (nothing was read)");
    }

    /** The canonical file text of a taxonomy. */
    public static String write(Taxonomy taxonomy) {
        StringBuilder out = new StringBuilder();
        out.append(HEADER).append('\n');
        out.append("skill: ").append(taxonomy.skillId()).append('\n');
        out.append("name: ").append(scalar(taxonomy.name())).append('\n');
        out.append("description: ").append(scalar(taxonomy.description())).append('\n');
        if (taxonomy.categories().isEmpty()) {
            out.append("categories: []\n");
            return out.toString();
        }
        out.append("categories:\n");
        for (TaxonomyNode category : taxonomy.categories()) {
            writeNode(out, category, "  ");
            if (!category.children().isEmpty()) {
                out.append("    subcategories:\n");
                for (TaxonomyNode sub : category.children()) {
                    writeNode(out, sub, "      ");
                }
            }
        }
        return out.toString();
    }

    public static void write(Taxonomy taxonomy, Path file) throws IOException {
        TextFiles.writeAtomically(file, write(taxonomy));
    }

    private static void writeNode(StringBuilder out, TaxonomyNode node, String indent) {
        out.append(indent).append("- name: ").append(scalar(node.name())).append('\n');
        String inner = indent + "  ";
        out.append(inner)
                .append("description: ")
                .append(scalar(node.description()))
                .append('\n');
        out.append(inner).append("weight: ").append(formatWeight(node.weight())).append('\n');
        out.append(inner).append("enabled: ").append(node.enabled()).append('\n');
    }

    /** The weight as the file and the editor show it: 1.0, 0.25, 12.0. */
    public static String formatWeight(double weight) {
        String s = BigDecimal.valueOf(weight).stripTrailingZeros().toPlainString();
        return s.contains(".") ? s : s + ".0";
    }

    /** Plain when YAML reads it back as the same string, double-quoted otherwise. */
    static String scalar(String value) {
        if (PLAIN_SAFE.matcher(value).matches()
                && !value.endsWith(" ")
                && !YAML_WORDS.contains(value.toLowerCase(Locale.ROOT))) {
            return value;
        }
        StringBuilder q = new StringBuilder("\"");
        for (char ch : value.toCharArray()) {
            switch (ch) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (ch < 0x20
                            || (ch >= 0x7f && ch <= 0x9f)
                            || ch >= 0xfffe) { // C0, DEL, C1 (incl. NEL) and non-characters YAML cannot hold raw
                        q.append(String.format("\\u%04x", (int) ch));
                    } else {
                        q.append(ch);
                    }
                }
            }
        }
        return q.append('"').toString();
    }

    /** Walks the composed YAML nodes (which keep line marks) and collects every problem. */
    private static final class Parser {
        private final String file;
        private final List<TaxonomyProblem> problems = new ArrayList<>();

        Parser(String file) {
            this.file = file;
        }

        void problem(int line, String message) {
            problems.add(new TaxonomyProblem(file, line, message));
        }

        Taxonomy parse(String text) {
            Node rootNode;
            try {
                LoaderOptions options = new LoaderOptions();
                options.setAllowDuplicateKeys(true); // we report duplicates ourselves, with their lines
                rootNode = new Yaml(options).compose(new StringReader(text));
            } catch (MarkedYAMLException e) {
                int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
                problem(
                        line,
                        "the YAML structure is broken here (" + e.getProblem()
                                + "); check the indentation: each level is indented two more spaces than its parent");
                return null;
            } catch (YAMLException e) {
                problem(1, "the file is not readable YAML: " + e.getMessage());
                return null;
            }
            if (rootNode == null) {
                problem(1, "the file is empty");
                return null;
            }
            if (!(rootNode instanceof MappingNode top)) {
                problem(
                        line(rootNode),
                        "the file must be a mapping with the keys skill, name, description, categories");
                return null;
            }
            Map<String, Node> keys = keys(top, TOP_KEYS, "at the top level");
            String skillId = requiredString(keys, "skill", top);
            String name = requiredString(keys, "name", top);
            String description = optionalString(keys, "description", "");
            if (skillId != null && !Taxonomy.SKILL_ID.matcher(skillId).matches()) {
                problem(
                        line(keys.get("skill")),
                        "skill id '" + skillId
                                + "' must be kebab-case: lower-case letters and digits joined by hyphens, like "
                                + "reading-comprehension");
                skillId = null;
            }
            TaxonomyNode root = new TaxonomyNode(name == null ? "" : name, description, 1.0, true);
            Node categories = keys.get("categories");
            if (categories == null) {
                problem(line(top), "missing key 'categories' (a list of categories, may be [])");
            } else {
                readChildren(categories, root, 1);
            }
            if (skillId == null || name == null || !problems.isEmpty()) {
                return null;
            }
            return new Taxonomy(skillId, root);
        }

        private void readChildren(Node listNode, TaxonomyNode parent, int depth) {
            String what = depth == 1 ? "categories" : "subcategories";
            if (!(listNode instanceof SequenceNode seq)) {
                if (!(listNode instanceof ScalarNode s && s.getValue().isEmpty())) {
                    problem(line(listNode), "'" + what + "' must be a list of items that start with '- name:'");
                }
                return;
            }
            Map<String, Integer> firstLineByName = new HashMap<>();
            for (Node item : seq.getValue()) {
                if (!(item instanceof MappingNode map)) {
                    problem(line(item), "each of the " + what + " must be a mapping starting with '- name:'");
                    continue;
                }
                Map<String, Node> keys = keys(
                        map,
                        depth == 1 ? CATEGORY_KEYS : SUBCATEGORY_KEYS,
                        depth == 1 ? "in a category" : "in a subcategory");
                String name = requiredString(keys, "name", map);
                if (name == null) {
                    continue;
                }
                if (name.isBlank()) {
                    problem(line(keys.get("name")), "a name cannot be empty");
                    continue;
                }
                Integer first = firstLineByName.putIfAbsent(name.toLowerCase(Locale.ROOT), line(keys.get("name")));
                if (first != null) {
                    problem(
                            line(keys.get("name")),
                            "duplicate " + (depth == 1 ? "category" : "subcategory") + " name '" + name + "' under '"
                                    + parent.name() + "' (first at line " + first + ")");
                }
                TaxonomyNode node = new TaxonomyNode(
                        name,
                        optionalString(keys, "description", ""),
                        weight(keys.get("weight")),
                        enabled(keys.get("enabled")));
                parent.children().add(node);
                Node children = keys.get("subcategories");
                if (children != null) {
                    readChildren(children, node, depth + 1);
                }
            }
        }

        private Map<String, Node> keys(MappingNode map, Set<String> allowed, String where) {
            Map<String, Node> out = new HashMap<>();
            Map<String, Integer> lines = new HashMap<>();
            for (NodeTuple tuple : map.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (!(keyNode instanceof ScalarNode scalarKey)) {
                    problem(line(keyNode), "a key must be a plain word");
                    continue;
                }
                String key = scalarKey.getValue();
                if (!allowed.contains(key)) {
                    String hint = key.equals("subcategories")
                            ? "; a subcategory cannot have subcategories (the tree is skill, category, subcategory)"
                            : "; allowed " + where + ": "
                                    + String.join(
                                            ", ", allowed.stream().sorted().toList());
                    problem(line(keyNode), "unknown key '" + key + "'" + hint);
                    continue;
                }
                Integer first = lines.putIfAbsent(key, line(keyNode));
                if (first != null) {
                    problem(line(keyNode), "key '" + key + "' appears twice (first at line " + first + ")");
                    continue;
                }
                out.put(key, tuple.getValueNode());
            }
            return out;
        }

        private String requiredString(Map<String, Node> keys, String key, Node owner) {
            Node node = keys.get(key);
            if (node == null) {
                problem(line(owner), "missing key '" + key + "'");
                return null;
            }
            return string(node, key);
        }

        private String optionalString(Map<String, Node> keys, String key, String fallback) {
            Node node = keys.get(key);
            if (node == null) {
                return fallback;
            }
            String value = string(node, key);
            return value == null ? fallback : value;
        }

        private String string(Node node, String key) {
            if (node instanceof ScalarNode s) {
                return s.getValue();
            }
            problem(line(node), "'" + key + "' must be a single line of text");
            return null;
        }

        private double weight(Node node) {
            if (node == null) {
                return 1.0;
            }
            String text = string(node, "weight");
            if (text == null) {
                return 1.0;
            }
            double w;
            try {
                w = Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                problem(line(node), "weight must be a number like 1.0, found '" + text + "'");
                return 1.0;
            }
            if (Double.isNaN(w) || Double.isInfinite(w)) {
                problem(line(node), "weight must be a finite number, found '" + text + "'");
                return 1.0;
            }
            if (w < 0) {
                problem(line(node), "weight must be 0 or more, found " + text);
                return 1.0;
            }
            if (w > TaxonomyNode.MAX_WEIGHT) {
                problem(
                        line(node),
                        "weight must be at most " + TaxonomyNode.MAX_WEIGHT_TEXT + " (weights are"
                                + " relative), found " + text.strip());
                return 1.0;
            }
            return w;
        }

        private boolean enabled(Node node) {
            if (node == null) {
                return true;
            }
            String text = string(node, "enabled");
            if ("true".equals(text)) {
                return true;
            }
            if ("false".equals(text)) {
                return false;
            }
            if (text != null) {
                problem(line(node), "enabled must be true or false, found '" + text + "'");
            }
            return true;
        }

        private static int line(Node node) {
            return node == null || node.getStartMark() == null
                    ? 1
                    : node.getStartMark().getLine() + 1;
        }
    }
}
