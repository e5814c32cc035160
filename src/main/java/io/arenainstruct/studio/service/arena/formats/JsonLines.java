package io.arenainstruct.studio.service.arena.formats;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * A JSONL file read line by line as strict UTF-8, never holding more than one line of at most a set size: a longer
 * line is skipped unread and reported, so a file of one 50 MB line costs a buffer of the limit, not 50 MB.
 */
public final class JsonLines implements Closeable {
    /** The longest line read, in bytes. The store holds texts of up to a million characters. */
    public static final int LINE_LIMIT = 8 * 1024 * 1024;

    private final InputStream in;
    private final int limit;
    private final byte[] chunk = new byte[64 * 1024];
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int chunkLength;
    private int chunkPosition;
    private byte[] line = new byte[1024];
    private int number;
    private long consumed;
    private boolean ended;

    /**
     * One line: its text, or why it was not read (too long, not UTF-8).
     *
     * @param number counted from 1
     */
    public record Line(int number, String text, String problem) {}

    public JsonLines(Path file) throws IOException {
        this(Files.newInputStream(file), LINE_LIMIT);
    }

    JsonLines(InputStream in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    /** Bytes read so far, for progress. */
    public long consumed() {
        return consumed;
    }

    /** The next line, or null at the end of the file. */
    public Line next() throws IOException {
        if (ended) {
            return null;
        }
        int length = 0;
        boolean tooLong = false;
        long lineBytes = 0;
        while (true) {
            if (chunkPosition == chunkLength) {
                chunkLength = in.read(chunk);
                chunkPosition = 0;
                if (chunkLength <= 0) {
                    ended = true;
                    chunkLength = 0;
                    if (lineBytes == 0) {
                        return null;
                    }
                    break;
                }
            }
            byte b = chunk[chunkPosition++];
            consumed++;
            if (b == '\n') {
                break;
            }
            lineBytes++;
            if (tooLong) {
                continue;
            }
            if (length == limit) {
                tooLong = true;
                continue;
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(limit, line.length * 2));
            }
            line[length++] = b;
        }
        number++;
        if (tooLong) {
            return new Line(
                    number,
                    null,
                    "the line is longer than the limit of " + megabytes(limit) + " (at least " + megabytes(lineBytes)
                            + "); it was skipped");
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        String text;
        try {
            text = utf8.decode(ByteBuffer.wrap(line, 0, length)).toString();
        } catch (CharacterCodingException e) {
            return new Line(number, null, "the line is not valid UTF-8");
        }
        if (number == 1 && text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return new Line(number, text, null);
    }

    private static String megabytes(long bytes) {
        return bytes >= 1024 * 1024
                ? String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0))
                : bytes + " bytes";
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
