package io.arenainstruct.studio.domain.ratings;

import java.util.Locale;

/**
 * How a rating's 95% interval is estimated: bootstrap percentiles (observations resampled with replacement, as
 * Arena-Hard and lmarena's published intervals), or the sandwich (robust) standard error lmarena reports.
 */
public enum CiMethod {
    BOOTSTRAP,
    SANDWICH;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CiMethod of(String id) {
        for (CiMethod m : values()) {
            if (m.id().equalsIgnoreCase(id.strip())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown interval '" + id + "': bootstrap or sandwich");
    }
}
