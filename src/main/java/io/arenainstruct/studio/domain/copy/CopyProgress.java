package io.arenainstruct.studio.domain.copy;

/**
 * How far a {@code store copy} is: the table being copied ({@code table}, the {@code index}-th of {@code tables},
 * from 1), its rows done of its total, and the rows done of all tables.
 */
public record CopyProgress(
        String table, int index, int tables, long tableDone, long tableTotal, long rowsDone, long rowsTotal) {

    /** Whether the table is finished (the last report for a table says so). */
    public boolean tableFinished() {
        return tableDone == tableTotal;
    }
}
