package io.arenainstruct.studio.service.llm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Finds what in a JSON schema would make a validator fetch something: references that leave the schema and
 * meta-schemas other than the standard ones. Only references inside the same schema ({@code #/...}) are allowed,
 * because a schema comes from a flow file, which is outside input: a reference elsewhere would send requests to
 * any host or put a local file's text into the store and the prompts.
 */
public final class SchemaReferences {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> REFERENCE_KEYS = Set.of("$ref", "$dynamicRef", "$recursiveRef");

    private SchemaReferences() {}

    /** One reference that leaves the schema; line and column are 1-based, in the schema text. */
    public record Outside(int line, int column, String key, String target) {
        public String message() {
            if (key.equals("$schema")) {
                return "\"$schema\": \"" + target + "\" names a meta-schema elsewhere; leave \"$schema\" out or use"
                        + " a standard one (https://json-schema.org/...)";
            }
            return "\"" + key + "\": \"" + target + "\" points outside the schema; only references within it"
                    + " (\"#/...\") are allowed, so nothing is fetched from the network or read from disk";
        }
    }

    /** Every reference that leaves the schema, in order; empty also when the text is not JSON (reported elsewhere). */
    public static List<Outside> outside(String schemaText) {
        List<Outside> out = new ArrayList<>();
        try (JsonParser p = JSON.createParser(schemaText)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t != JsonToken.FIELD_NAME) {
                    continue;
                }
                String key = p.currentName();
                boolean reference = REFERENCE_KEYS.contains(key);
                if (!reference && !key.equals("$schema")) {
                    continue;
                }
                // Only a text value is a reference; a property that happens to be named "$ref" is a sub-schema.
                if (p.nextToken() != JsonToken.VALUE_STRING) {
                    continue;
                }
                String target = p.getText();
                boolean fine = reference ? target.startsWith("#") : standardMetaSchema(target);
                if (!fine) {
                    out.add(new Outside(
                            p.currentTokenLocation().getLineNr(),
                            p.currentTokenLocation().getColumnNr(),
                            key,
                            target));
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static boolean standardMetaSchema(String uri) {
        return uri.startsWith("https://json-schema.org/") || uri.startsWith("http://json-schema.org/");
    }
}
