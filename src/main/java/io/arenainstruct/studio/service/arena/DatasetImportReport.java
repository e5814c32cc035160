package io.arenainstruct.studio.service.arena;

import java.util.List;

/**
 * What a dataset import did: only what was new counts as imported; what the store already held is counted apart.
 *
 * @param instructions        new instructions stored
 * @param responses           new responses stored
 * @param instructionsPresent instructions read that the store already held
 * @param responsesPresent    responses read that the store already held
 * @param formats             the format each file was read as, in the order given
 * @param cancelled           the import stopped early; what finished before stays stored
 */
public record DatasetImportReport(
        int instructions,
        int responses,
        int instructionsPresent,
        int responsesPresent,
        List<Rejection> rejections,
        List<FileFormat> formats,
        boolean cancelled) {
    public DatasetImportReport {
        rejections = List.copyOf(rejections);
        formats = List.copyOf(formats);
    }

    /**
     * A line left out (or part of one), or a whole file (line 0).
     *
     * @param line counted from 1; 0 for the whole file
     */
    public record Rejection(String file, int line, String reason) {
        /** FILE:LINE, or FILE for the whole file. */
        public String where() {
            return line > 0 ? file + ":" + line : file;
        }

        @Override
        public String toString() {
            return "rejected " + where() + ": " + reason;
        }
    }

    /** The format a file was read as, and whether it was detected (--format auto) or named. */
    public record FileFormat(String file, String format, boolean detected) {
        @Override
        public String toString() {
            return file + ": " + format + (detected ? " (detected)" : "");
        }
    }

    public int rejected() {
        return rejections.size();
    }

    /** The line the command line prints last. */
    public String summary() {
        return "imported " + instructions + " instructions, " + responses + " responses, rejected " + rejected()
                + (cancelled ? " (cancelled: the rest was not imported)" : "");
    }
}
