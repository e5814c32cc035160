package io.arenainstruct.studio.service.agreement;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Agreement over the battles asked for, and the same per taxonomy category.
 *
 * @param category   the category asked for; null for all battles
 * @param overall    over every battle asked for
 * @param byCategory per category of those battles, by name (battles without a category are in overall only)
 */
public record Agreement(String category, AgreementReport overall, Map<String, AgreementReport> byCategory) {
    public Agreement {
        byCategory = Collections.unmodifiableMap(new TreeMap<>(byCategory));
    }
}
