package io.arenainstruct.studio.domain.run;

import java.util.Locale;

/** What executes a run: the app or a command-line process ({@code run}, {@code runs resume}). */
public enum RunOrigin {
    APP,
    COMMAND_LINE;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Null for runs stored before the origin was kept, or an unknown id. */
    public static RunOrigin of(String id) {
        for (RunOrigin o : values()) {
            if (o.id().equals(id)) {
                return o;
            }
        }
        return null;
    }
}
