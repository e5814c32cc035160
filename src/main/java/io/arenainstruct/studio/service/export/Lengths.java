package io.arenainstruct.studio.service.export;

/** The length bounds on exported answers, counted in characters (Unicode code points). */
final class Lengths {
    private Lengths() {}

    /** The rule an answer breaks, in words, or null when it is within the bounds. */
    static String outside(SelectionRules rules, String answer) {
        int n = answer.codePointCount(0, answer.length());
        if (rules.minChars() != null && n < rules.minChars()) {
            return "had an answer shorter than " + rules.minChars() + " characters";
        }
        if (rules.maxChars() != null && n > rules.maxChars()) {
            return "had an answer longer than " + rules.maxChars() + " characters";
        }
        return null;
    }
}
