package io.arenainstruct.studio.testserver;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A planted judge's text replies, given as a schema-enforcing server would give them: a request carrying an arena
 * verdict schema gets {@code {"judgment": text, "verdict": "A>B"}} (graded) or
 * {@code {"judgment": text, "score_a": 8, "score_b": 5}} (scores) with the label the text ends with; a request
 * without a schema, or a text with no label to put in the fields, gets the text as it is.
 */
public final class JudgeReplies {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GRADED = Pattern.compile("\\[\\[(A>>B|A>B|A=B|B>A|B>>A)]]");
    private static final Pattern SCORES =
            Pattern.compile("\\[\\[(\\d+(?:\\.\\d+)?)(?:/10)?,\\s*(\\d+(?:\\.\\d+)?)(?:/10)?]]");

    private JudgeReplies() {}

    /** Every game planted with the same text. */
    public static Function<RecordedRequest, String> always(String text) {
        return structuredWhenAsked(request -> text);
    }

    public static Function<RecordedRequest, String> structuredWhenAsked(Function<RecordedRequest, String> text) {
        return request -> wrap(request.jsonSchema(), text.apply(request));
    }

    static String wrap(JsonNode schema, String text) {
        if (schema == null) {
            return text;
        }
        ObjectNode out = JSON.createObjectNode().put("judgment", text);
        if (schema.path("properties").has("verdict")) {
            Matcher m = GRADED.matcher(text);
            String label = null;
            while (m.find()) {
                label = m.group(1);
            }
            return label == null ? text : out.put("verdict", label).toString();
        }
        Matcher m = SCORES.matcher(text);
        if (!m.find()) {
            return text;
        }
        return out.put("score_a", Double.parseDouble(m.group(1)))
                .put("score_b", Double.parseDouble(m.group(2)))
                .toString();
    }
}
