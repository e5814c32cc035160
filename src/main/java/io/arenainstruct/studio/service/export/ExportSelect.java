package io.arenainstruct.studio.service.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an export takes from the store (issue 13, "Selection"); each fits the formats of one kind. */
public enum ExportSelect {
    /** AgentInstruct rows: each run instruction's final instruction and final response. */
    INSTRUCTIONS("instructions", ExportFormat.Kind.SFT),
    /** Arena Learning SFT rows: a battle's prompt and its winner's answer. */
    SFT("sft", ExportFormat.Kind.SFT),
    /** Preference pairs: a battle's winner as chosen, its loser as rejected. */
    DPO("dpo", ExportFormat.Kind.PREFERENCE),
    /** Unpaired preference rows (KTO): each answer of a battle labelled good or bad. */
    KTO("kto", ExportFormat.Kind.UNPAIRED);

    private final String id;
    private final ExportFormat.Kind kind;

    ExportSelect(String id, ExportFormat.Kind kind) {
        this.id = id;
        this.kind = kind;
    }

    public String id() {
        return id;
    }

    /** The kind of format the rows fit. */
    public ExportFormat.Kind kind() {
        return kind;
    }

    /** Whether the rows come from battles (and their verdicts) rather than run instructions. */
    public boolean fromBattles() {
        return this != INSTRUCTIONS;
    }

    /** What a format takes when no selection is named: instructions for SFT formats, else pairs or labels. */
    public static ExportSelect defaultFor(ExportFormat format) {
        return switch (format.kind()) {
            case SFT -> INSTRUCTIONS;
            case PREFERENCE -> DPO;
            case UNPAIRED -> KTO;
        };
    }

    /** The selection named {@code id}; an unknown name's message lists them. */
    public static ExportSelect of(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (ExportSelect s : values()) {
            if (s.id.equals(wanted)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown selection \"" + id + "\"; the selections are " + ids());
    }

    public static String ids() {
        return Arrays.stream(values()).map(ExportSelect::id).collect(Collectors.joining(", "));
    }

    /** Why the rows cannot be written in the format, or null when they can. */
    public String mismatch(ExportFormat format) {
        if (format.kind() == kind) {
            return null;
        }
        String fits = Arrays.stream(ExportFormat.values())
                .filter(f -> f.kind() == kind)
                .map(ExportFormat::id)
                .collect(Collectors.joining(", "));
        return "the " + id + " selection gives " + kindWords(kind) + ", which the " + format.id()
                + " format does not hold; write them as " + fits;
    }

    private static String kindWords(ExportFormat.Kind kind) {
        return switch (kind) {
            case SFT -> "instruction and answer rows";
            case PREFERENCE -> "preference pairs";
            case UNPAIRED -> "answers labelled good or bad";
        };
    }
}
