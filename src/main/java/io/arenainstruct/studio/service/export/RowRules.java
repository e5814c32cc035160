package io.arenainstruct.studio.service.export;

import java.util.ArrayList;
import java.util.List;

import io.arenainstruct.studio.service.export.ExportFormat.Kind;
import io.arenainstruct.studio.service.export.Message.Role;

/**
 * Whether a row is fit for a format: the rules the writer enforces on every row and the tests check every export
 * against. Each problem is a sentence for the curator; no problems means the row may be written.
 */
public final class RowRules {
    private RowRules() {}

    /** The row's problems for {@code format}, in the order found; empty when it is fit. */
    public static List<String> problems(ExportFormat format, ExportRow row, boolean metadata) {
        List<String> problems = new ArrayList<>();
        if (row == null) {
            problems.add("no row");
            return problems;
        }
        Kind kind = kindOf(row);
        if (kind != format.kind()) {
            problems.add(format.id() + " takes " + name(format.kind()) + " rows, not " + name(kind) + " rows");
            return problems;
        }
        if (row instanceof ExportRow.Sft sft) {
            conversation(sft.conversation(), Role.ASSISTANT, "conversation", problems);
            if (!format.chat()) {
                oneUserTurn(format, sft.conversation(), 2, problems);
            }
        } else if (row instanceof ExportRow.Preference p) {
            conversation(p.prompt(), Role.USER, "prompt", problems);
            if (!format.chat()) {
                oneUserTurn(format, p.prompt(), 1, problems);
            }
            text(p.chosen(), "the chosen answer", problems);
            text(p.rejected(), "the rejected answer", problems);
            if (p.chosen() != null && p.chosen().equals(p.rejected())) {
                problems.add("the chosen and rejected answers are the same");
            }
        } else if (row instanceof ExportRow.Unpaired u) {
            conversation(u.prompt(), Role.USER, "prompt", problems);
            if (!format.chat()) {
                oneUserTurn(format, u.prompt(), 1, problems);
            }
            text(u.completion(), "the completion", problems);
        }
        if (metadata && (row.metadata() == null || row.metadata().isEmpty())) {
            problems.add("no metadata, though the export asks for it");
        }
        return problems;
    }

    /** The row's problems joined into one sentence, or null when it is fit. */
    public static String problem(ExportFormat format, ExportRow row, boolean metadata) {
        List<String> problems = problems(format, row, metadata);
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    static Kind kindOf(ExportRow row) {
        if (row instanceof ExportRow.Sft) {
            return Kind.SFT;
        }
        return row instanceof ExportRow.Preference ? Kind.PREFERENCE : Kind.UNPAIRED;
    }

    private static String name(Kind kind) {
        return switch (kind) {
            case SFT -> "SFT";
            case PREFERENCE -> "preference";
            case UNPAIRED -> "unpaired preference";
        };
    }

    /**
     * An optional system turn first, then user and assistant in turn from the user, ending with {@code last}; no turn
     * empty.
     */
    private static void conversation(List<Message> turns, Role last, String what, List<String> problems) {
        if (turns.isEmpty()) {
            problems.add("the " + what + " is empty");
            return;
        }
        int start = turns.get(0).role() == Role.SYSTEM ? 1 : 0;
        if (start == turns.size()) {
            problems.add("the " + what + " has only a system turn");
            return;
        }
        for (int i = 0; i < turns.size(); i++) {
            Message m = turns.get(i);
            Role expected = i < start ? Role.SYSTEM : (i - start) % 2 == 0 ? Role.USER : Role.ASSISTANT;
            if (m.role() != expected) {
                problems.add("turn " + (i + 1) + " of the " + what + " is " + roleName(m.role()) + " where "
                        + expected.id() + " was due (an optional system turn, then user and assistant in turn)");
                return;
            }
            text(m.content(), "turn " + (i + 1) + " of the " + what, problems);
        }
        if (turns.get(turns.size() - 1).role() != last) {
            problems.add("the " + what + " ends with the "
                    + roleName(turns.get(turns.size() - 1).role()) + ", not the " + last.id());
        }
    }

    /** The string formats hold one user turn (and its answer): several turns or a system turn need a chat format. */
    private static void oneUserTurn(ExportFormat format, List<Message> turns, int size, List<String> problems) {
        boolean system = !turns.isEmpty() && turns.get(0).role() == Role.SYSTEM;
        if (system || turns.size() > size) {
            String chat = format.kind() == Kind.SFT
                    ? "; openai or sharegpt keeps the whole conversation"
                    : format.kind() == Kind.PREFERENCE ? "; dpo-chat keeps the whole conversation" : "";
            problems.add(format.id() + " holds one user turn without a system turn" + chat);
        }
    }

    private static void text(String text, String what, List<String> problems) {
        if (text == null || text.isBlank()) {
            problems.add(what + " is empty");
        }
    }

    private static String roleName(Role role) {
        return role == null ? "without a role" : role.id();
    }
}
