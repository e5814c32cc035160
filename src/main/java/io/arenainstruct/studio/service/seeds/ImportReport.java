package io.arenainstruct.studio.service.seeds;

import java.util.List;

/**
 * What an import did. A rejection names a file (and for JSONL the line) and says why in plain words.
 */
public record ImportReport(int imported, int duplicates, List<Rejection> rejections, boolean cancelled) {

    public ImportReport {
        rejections = List.copyOf(rejections);
    }

    public record Rejection(String path, String reason) {
        @Override
        public String toString() {
            return "rejected " + path + ": " + reason;
        }
    }

    public int rejected() {
        return rejections.size();
    }

    public String summary() {
        return "imported " + imported + ", duplicates " + duplicates + ", rejected " + rejected()
                + (cancelled ? " (cancelled: the rest was not imported)" : "");
    }
}
