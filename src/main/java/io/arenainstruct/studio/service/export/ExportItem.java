package io.arenainstruct.studio.service.export;

import java.util.List;

/**
 * One item a selection kept (a run instruction or a battle) and the rows it gives.
 *
 * @param key      its id: the run instruction's or the battle's; items come in key order
 * @param promptId what dedup compares: the run instruction's id, or the battle's arena instruction id
 * @param prompt   the text dedup compares: the instruction (with its input), or the battle's whole conversation
 * @param keepText the text a curator's keep decision names, as the Duplicates pane and {@code dedup} list the item
 *                 (decision 0014): the final instruction text alone, or the prompt's last user turn
 * @param skill    its skill, or {@link #NO_SKILL} for an imported prompt
 * @param category its category, or {@link #NO_CATEGORY}
 * @param sureness how sure its verdict is, for the best pair of a prompt (higher is surer)
 * @param rows     the rows it gives (one, or two for KTO)
 * @param models   the models whose answers are in the rows (none known: empty)
 */
record ExportItem(
        long key,
        long promptId,
        String prompt,
        String keepText,
        String skill,
        String category,
        double sureness,
        List<ExportRow> rows,
        List<String> models) {
    static final String NO_SKILL = "(no skill)";
    static final String NO_CATEGORY = "(no category)";

    ExportItem {
        rows = List.copyOf(rows);
        models = List.copyOf(models);
        skill = skill == null || skill.isBlank() ? NO_SKILL : skill;
        category = category == null || category.isBlank() ? NO_CATEGORY : category;
    }
}
