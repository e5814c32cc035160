package io.arenainstruct.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.ObjectMapper;

class TerminalWriterTest {
    private static String printed(Consumer<PrintWriter> print) {
        StringWriter raw = new StringWriter();
        PrintWriter out = TerminalWriter.wrap(new PrintWriter(raw));
        print.accept(out);
        out.flush();
        return raw.toString();
    }

    @Test
    void aCarriageReturnIsShownUnlessItEndsALineEvenAcrossWrites() {
        assertThat(printed(o -> o.print("a\r\nb"))).isEqualTo("a\r\nb");
        assertThat(printed(o -> {
                    o.print("a\r");
                    o.print("\nb\r");
                    o.print("c");
                }))
                .isEqualTo("a\r\nb\\rc");
        assertThat(printed(o -> o.print("end\r")))
                .as("a trailing CR is shown at flush")
                .isEqualTo("end\\r");
    }

    @Test
    void jsonWithEveryKindOfControlStaysJsonWithTheSameText() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0xA0; c++) {
            all.append(c);
        }
        all.append("\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u2028\u2029 plain é 日本");
        ObjectMapper json = new ObjectMapper();
        String printed = printed(
                o -> o.println(json.valueToTree(Map.of("text", all.toString())).toString()));
        assertThat(json.readTree(printed).get("text").asText()).isEqualTo(all.toString());
        assertThat(printed).doesNotContain("\u202E", "\u001b", "\u009b").contains("plain é 日本");
    }
}
