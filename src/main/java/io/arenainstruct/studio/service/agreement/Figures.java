package io.arenainstruct.studio.service.agreement;

/** Shares that are null (not 0) when there is nothing to share out. */
final class Figures {
    private Figures() {}

    static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
