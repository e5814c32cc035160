package io.arenainstruct.studio.service.export;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a dataset card says about one export ({@link DatasetCard}). Texts come from the store and the curator, so the
 * card escapes them; lists and maps keep the order given (null reads as empty).
 *
 * @param title         the card's heading and the Hub's {@code pretty_name}
 * @param format        an {@link ExportFormat} id: openai, sharegpt, alpaca, dpo, dpo-chat, kto
 * @param select        what was selected: instructions, sft, dpo or kto
 * @param license       a Hugging Face license id (e.g. {@code apache-2.0}), or null (or blank): none given
 * @param language      an ISO 639-1 code, e.g. {@code en}; null leaves it out
 * @param rules         the selection rules in plain words, one entry each
 * @param curation      the dedup and decontamination results in words (one line per result), or null: no pass ran
 * @param referenceSets the reference sets checked against
 * @param models        the models whose answers are in the rows
 * @param command       the exact command that reproduces the export
 */
public record CardFacts(
        String title,
        String format,
        String select,
        long rows,
        String license,
        String language,
        Map<String, Long> perSkill,
        Map<String, Long> perCategory,
        List<String> rules,
        String curation,
        List<String> referenceSets,
        List<String> models,
        String command,
        String appVersion) {
    /** The Hub's license ids: lower case, digits, dots, dashes and pluses (apache-2.0, cc-by-nc-sa-4.0, openrail++). */
    private static final Pattern LICENSE_ID = Pattern.compile("[a-z0-9][a-z0-9.+_-]*");

    /** ISO 639-1, 639-2 or 639-3, as the Hub's {@code language} takes (regional variants go elsewhere). */
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    public CardFacts {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a dataset card needs a title");
        }
        ExportFormat.of(format); // an unknown format is a caller's mistake: its message lists the formats
        if (rows < 0) {
            throw new IllegalArgumentException("rows cannot be negative: " + rows);
        }
        license = license(license);
        language = language(language);
        perSkill = ordered(perSkill);
        perCategory = ordered(perCategory);
        rules = rules == null ? List.of() : List.copyOf(rules);
        referenceSets = referenceSets == null ? List.of() : List.copyOf(referenceSets);
        models = models == null ? List.of() : List.copyOf(models);
    }

    /**
     * The license id as the card writes it (stripped; null for none), checked: a caller can check it before an
     * export is written.
     *
     * @throws IllegalArgumentException not a license id, in a sentence naming it
     */
    public static String license(String license) {
        String id = license == null || license.isBlank() ? null : license.strip();
        if (id != null && !LICENSE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("\"" + id + "\" is not a Hugging Face license id such as apache-2.0"
                    + " or cc-by-4.0 (huggingface.co/docs/hub/repositories-licenses)");
        }
        return id;
    }

    /**
     * The language code as the card writes it (stripped; null for none), checked.
     *
     * @throws IllegalArgumentException not a language code, in a sentence naming it
     */
    public static String language(String language) {
        String code = language == null || language.isBlank() ? null : language.strip();
        if (code != null && !LANGUAGE.matcher(code).matches()) {
            throw new IllegalArgumentException(
                    "\"" + code + "\" is not a language code such as en (ISO 639-1, or 639-2/3)");
        }
        return code;
    }

    private static Map<String, Long> ordered(Map<String, Long> counts) {
        return counts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }
}
