package io.arenainstruct.studio.domain.adjudication;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * How many battles each part of the queue holds, in the order they come: disputed (the judges did not settle it:
 * games that contradict each other, a split jury, a small score gap, a reply with no verdict, or people who split),
 * then unjudged, then the rest (settled by judges or people).
 */
public record QueueCounts(int disputed, int unjudged, int rest) {
    public int total() {
        return disputed + unjudged + rest;
    }

    /** "142 disputed, 1,310 unjudged, 5,000 settled". */
    public String words() {
        NumberFormat n = NumberFormat.getIntegerInstance(Locale.ENGLISH);
        return n.format(disputed) + " disputed, " + n.format(unjudged) + " unjudged, " + n.format(rest) + " settled";
    }
}
