package io.arenainstruct.studio.service.arena.battlefiles;

/** A row that cannot be imported, and why in plain words (the rest of the file still is). */
final class BadRow extends Exception {
    private static final long serialVersionUID = 1L;

    BadRow(String reason) {
        super(reason, null, false, false);
    }
}
