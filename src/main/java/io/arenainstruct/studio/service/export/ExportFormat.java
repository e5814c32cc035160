package io.arenainstruct.studio.service.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The JSONL formats an export writes, one JSON object per line. The TRL ones follow TRL's "Dataset formats and types"
 * guide (huggingface.co/docs/trl/dataset_formats): preference {@code {"prompt", "chosen", "rejected"}} as strings
 * (standard) or message lists (conversational, chosen and rejected as assistant turns), and unpaired preference
 * {@code {"prompt", "completion", "label"}}.
 */
public enum ExportFormat {
    /** OpenAI chat fine-tuning: {@code {"messages": [{"role", "content"}]}}. */
    OPENAI("openai", Kind.SFT, true),
    /** ShareGPT: {@code {"conversations": [{"from": "system"|"human"|"gpt", "value"}]}}. */
    SHAREGPT("sharegpt", Kind.SFT, true),
    /** Alpaca: {@code {"instruction", "input", "output"}}, one user turn only. */
    ALPACA("alpaca", Kind.SFT, false),
    /** TRL standard preference: prompt, chosen and rejected as strings. */
    DPO("dpo", Kind.PREFERENCE, false),
    /** TRL conversational preference: the prompt as messages, chosen and rejected as one assistant message each. */
    DPO_CHAT("dpo-chat", Kind.PREFERENCE, true),
    /** TRL standard unpaired preference (KTO): prompt and completion as strings, label true (good) or false. */
    KTO("kto", Kind.UNPAIRED, false);

    /** Which rows a format takes. */
    public enum Kind {
        SFT,
        PREFERENCE,
        UNPAIRED
    }

    private final String id;
    private final Kind kind;
    private final boolean chat;

    ExportFormat(String id, Kind kind, boolean chat) {
        this.id = id;
        this.kind = kind;
        this.chat = chat;
    }

    /** The name on the command line, e.g. {@code dpo-chat}. */
    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Whether the format holds a whole conversation (system turn, several turns); the others hold plain strings, so
     * they take one user turn only and refuse the rest rather than flatten turns into one text a trainer would
     * misread.
     */
    public boolean chat() {
        return chat;
    }

    /** The format named {@code id}; an unknown name's message lists the formats. */
    public static ExportFormat of(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (ExportFormat f : values()) {
            if (f.id.equals(wanted)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format \"" + id + "\"; the formats are " + ids());
    }

    /** The names, comma-separated, in declaration order. */
    public static String ids() {
        return Arrays.stream(values()).map(ExportFormat::id).collect(Collectors.joining(", "));
    }
}
