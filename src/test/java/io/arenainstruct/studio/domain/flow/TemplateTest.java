package io.arenainstruct.studio.domain.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private static List<String> shown(String template) {
        return Template.malformed(template).stream()
                .map(m -> m.line() + ":" + m.column() + " " + m.problem())
                .toList();
    }

    @Test
    void aBrokenVariableIsNamedWithItsLineAndColumn() {
        assertThat(shown("Read this:\nSource {{seed")).containsExactly("2:8 {{seed is not closed; write {{seed}}");
        assertThat(shown("Read {{seed}\nand more}}"))
                .as("closed only on a later line")
                .containsExactly("1:6 {{seed is not closed; write {{seed}}");
        assertThat(shown("Hi {{ seed name }} and {{}} and {{seed-name}}"))
                .containsExactly(
                        "1:4 {{ seed name }} is not a variable: a variable is one name of letters, digits and "
                                + "underscores,"
                                + " like {{seed_name}}",
                        "1:24 {{}} names no variable",
                        "1:33 {{seed-name}} is not a variable: a variable is one name of letters, digits and "
                                + "underscores,"
                                + " like {{seed_name}}");
        assertThat(shown("{{ {\"a\": 1}")).containsExactly("1:1 {{ is not closed with }} on its line");
    }

    @Test
    void wellFormedVariablesAndJsonBracesAreFine() {
        String fine = "Use {{seed}} and {{ seed_name }} here.\nJSON: {\"a\": {\"b\": [1]}} and {{{instruction}}}";
        assertThat(Template.malformed(fine)).isEmpty();
        assertThat(Template.render(fine, Map.of("seed", "S", "seed_name", "N", "instruction", "I")))
                .isEqualTo("Use S and N here.\nJSON: {\"a\": {\"b\": [1]}} and {I}");
    }

    @Test
    void aLongTemplateFullOfBracesIsCheckedInOnePass() {
        String oneLine = "{{ x ".repeat(200_000);
        String manyLines = "{{seed\n".repeat(200_000);
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThat(Template.malformed(oneLine)).hasSize(200_000);
            List<Template.Malformed> found = Template.malformed(manyLines);
            assertThat(found).hasSize(200_000);
            assertThat(found.get(199_999).line()).isEqualTo(200_000);
            assertThat(found.get(199_999).column()).isEqualTo(1);
        });
    }
}
