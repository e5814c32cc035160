package io.arenainstruct.studio.domain.copy;

import java.util.List;

/** What a {@code store copy} copied: each table's rows in the source and in the target, in the order copied. */
public record CopyReport(String from, String to, List<TableCount> tables) {
    public CopyReport {
        tables = List.copyOf(tables);
    }

    /** One table: rows in the source (when the copy read it) and in the target (after the copy). */
    public record TableCount(String table, long source, long target) {
        public boolean matches() {
            return source == target;
        }
    }

    public boolean countsMatch() {
        return tables.stream().allMatch(TableCount::matches);
    }

    public long sourceRows() {
        return tables.stream().mapToLong(TableCount::source).sum();
    }

    public long targetRows() {
        return tables.stream().mapToLong(TableCount::target).sum();
    }
}
