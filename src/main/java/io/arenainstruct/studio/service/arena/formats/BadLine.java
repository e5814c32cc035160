package io.arenainstruct.studio.service.arena.formats;

/** A line that cannot be imported, with the reason in plain words (no raw file text beyond short quoted names). */
public final class BadLine extends Exception {
    public BadLine(String reason) {
        super(reason, null, false, false);
    }

    public String reason() {
        return getMessage();
    }
}
