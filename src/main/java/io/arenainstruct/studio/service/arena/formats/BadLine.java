package io.arenainstruct.studio.service.arena.formats;

/** A line that cannot be imported, with the reason in plain words (no raw file text beyond short quoted names). */
public final class BadLine extends Exception {
    public BadLine(String reason) {
        super(reason, null, false, false);
    }

    public String reason() {
        return getMessage();
    }

    /** A value from the file for a reason: shortened and quoted (the terminal writer escapes its controls). */
    public static String quoted(String value) {
        // cut by code points, so a character outside the BMP is never split in half
        String shown = value.codePointCount(0, value.length()) > 40
                ? value.substring(0, value.offsetByCodePoints(0, 40)) + "…"
                : value;
        return "\"" + shown.replace("\n", "\\n").replace("\r", "\\r") + "\"";
    }
}
