package io.arenainstruct.studio.service.arena.battlefiles;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading the fields every battle file format shares, with the reasons a bad row is rejected. */
final class RowFields {
    private RowFields() {}

    /** The longest name (model, judge, question id) the store keeps. */
    static final int LONGEST_NAME = 190;

    /** A non-blank text field (numbers are taken as their text, as question ids often are). */
    static String text(JsonNode row, String field) throws BadRow {
        String value = optionalText(row, field);
        if (value == null) {
            throw new BadRow("missing " + field);
        }
        return value;
    }

    /** A text field, or null when absent, null or blank. */
    static String optionalText(JsonNode row, String field) throws BadRow {
        JsonNode n = row.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual() && !n.isNumber()) {
            throw new BadRow(field + " is not text");
        }
        String value = n.asText().strip();
        return value.isEmpty() ? null : value;
    }

    /** A name (model, judge, question id): text no longer than the store keeps. */
    static String name(JsonNode row, String field) throws BadRow {
        return checkedName(text(row, field), field);
    }

    /** An optional name; null when absent. */
    static String optionalName(JsonNode row, String field) throws BadRow {
        String value = optionalText(row, field);
        return value == null ? null : checkedName(value, field);
    }

    static String checkedName(String value, String field) throws BadRow {
        if (value.length() > LONGEST_NAME) {
            throw new BadRow(field + " is longer than " + LONGEST_NAME + " characters");
        }
        return value;
    }

    /** The turn judged: 1 when absent. */
    static int turn(JsonNode row) throws BadRow {
        JsonNode n = row.get("turn");
        if (n == null || n.isNull()) {
            return 1;
        }
        if (!n.canConvertToInt() || !(n.isIntegralNumber() || n.isTextual()) || n.asInt() < 1) {
            throw new BadRow("turn is not a positive whole number");
        }
        return n.asInt();
    }

    /** Two model names, different. */
    static void twoModels(String a, String b) throws BadRow {
        if (a.equals(b)) {
            throw new BadRow("both sides name the same model");
        }
    }
}
