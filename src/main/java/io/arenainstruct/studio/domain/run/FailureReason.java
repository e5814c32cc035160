package io.arenainstruct.studio.domain.run;

import java.util.Arrays;
import java.util.Locale;

import io.arenainstruct.studio.domain.llm.ErrorClass;

/** How many items of a run failed at one stage for one reason. */
public record FailureReason(Stage stage, String errorClass, String message, int count) {

    /** One line for a curator, e.g. "26 failed at transformation: The server could not be reached (…) (detail)". */
    public String describe() {
        String explanation = Arrays.stream(ErrorClass.values())
                .filter(c -> c.name().equals(errorClass))
                .findFirst()
                .map(ErrorClass::explanation)
                .orElse(errorClass == null ? "" : errorClass.replace('_', ' ').toLowerCase(Locale.ROOT) + ".");
        StringBuilder s = new StringBuilder()
                .append(count)
                .append(" failed at ")
                .append(stage.id())
                .append(": ");
        String detail = message == null ? "" : message.strip();
        if (!explanation.isEmpty() && !detail.startsWith(explanation)) {
            // a failure the gateway recorded already starts with the explanation
            s.append(explanation).append(detail.isEmpty() ? "" : " ");
        }
        return s.append(detail).toString().strip();
    }
}
