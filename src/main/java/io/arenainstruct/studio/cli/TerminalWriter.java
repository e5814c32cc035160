package io.arenainstruct.studio.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Everything the command line prints passes through here, so text from outside (model replies, server error
 * bodies, file and seed names) cannot steer the terminal: escape sequences (colours, clearing the screen, window
 * titles, links), BEL, NUL, a carriage return that would overwrite what was printed, other C0 and C1 controls and
 * bidirectional overrides are shown visibly and harmlessly, as {@code \e}, {@code \r}, or a backslash, u and the
 * code (U+202E as backslash-u202E). Line breaks and tabs stay. JSON output stays exact JSON: Jackson already escapes C0
 * controls, and the backslash-u
 * form used for the rest is JSON's own escape for the same character.
 */
final class TerminalWriter extends FilterWriter {
    /** A carriage return not yet known to end a line ("\r\n" is a line break on Windows). */
    private boolean pendingReturn;

    private TerminalWriter(Writer out) {
        super(out);
    }

    /** A print writer over {@code out} that shows control and bidi characters escaped. */
    static PrintWriter wrap(PrintWriter out) {
        return new PrintWriter(new TerminalWriter(out), true);
    }

    /**
     * Text that must stay on one line (an item of a list, a rejection): its line breaks shown as {@code \n}, so a
     * name or message cannot fake further lines. The writer escapes the rest.
     */
    static String oneLine(String text) {
        return text.replace("\r\n", "\\r\\n").replace("\n", "\\n");
    }

    /** The text as it is printed. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                b.append(c);
            } else {
                append(b, c);
            }
        }
        return b.toString();
    }

    private static void append(StringBuilder b, char c) {
        switch (c) {
            case '\n', '\t' -> b.append(c);
            case '\r' -> b.append("\\r");
            case 0x1B -> b.append("\\e");
            case 0x07 -> b.append("\\a");
            case 0x00 -> b.append("\\0");
            case 0x08 -> b.append("\\b");
            case 0x0B -> b.append("\\v");
            case 0x0C -> b.append("\\f");
            default -> {
                if (harmful(c)) {
                    b.append(String.format("\\u%04X", (int) c));
                } else {
                    b.append(c);
                }
            }
        }
    }

    private static boolean harmful(char c) {
        return c < 0x20
                || (c >= 0x7F && c <= 0x9F)
                || (c >= 0x202A && c <= 0x202E) // embeddings and overrides
                || (c >= 0x2066 && c <= 0x2069) // isolates
                || c == 0x200E
                || c == 0x200F
                || c == 0x061C // direction marks
                || c == 0x2028
                || c == 0x2029; // line and paragraph separators
    }

    /** Appends one character as printed, holding back a carriage return until the next character shows it. */
    private void escapeInto(StringBuilder b, char ch) {
        if (pendingReturn) {
            pendingReturn = false;
            if (ch == '\n') {
                b.append("\r\n");
                return;
            }
            b.append("\\r");
        }
        if (ch == '\r') {
            pendingReturn = true;
        } else {
            append(b, ch);
        }
    }

    @Override
    public void write(int c) throws IOException {
        StringBuilder b = new StringBuilder(8);
        escapeInto(b, (char) c);
        out.write(b.toString());
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        StringBuilder b = new StringBuilder(len + 16);
        for (int i = off; i < off + len; i++) {
            escapeInto(b, cbuf[i]);
        }
        out.write(b.toString());
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        StringBuilder b = new StringBuilder(len + 16);
        for (int i = off; i < off + len; i++) {
            escapeInto(b, str.charAt(i));
        }
        out.write(b.toString());
    }

    @Override
    public void flush() throws IOException {
        if (pendingReturn) {
            pendingReturn = false;
            out.write("\\r");
        }
        super.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
        super.close();
    }
}
