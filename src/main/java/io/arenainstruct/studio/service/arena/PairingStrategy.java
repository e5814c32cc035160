package io.arenainstruct.studio.service.arena;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How the models that answered an instruction are paired into battles. A in each pair is the baseline or the
 * target (Arena-Hard's game 1 shows the baseline first); for all pairs, the model named first in {@code --models},
 * else by name.
 */
public record PairingStrategy(Kind kind, String model) {
    public enum Kind {
        ALL_PAIRS,
        BASELINE,
        TARGET
    }

    /** Reads {@code all-pairs}, {@code baseline:MODEL} or {@code target:MODEL}. */
    public static PairingStrategy parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.equals("all-pairs")) {
            return new PairingStrategy(Kind.ALL_PAIRS, null);
        }
        int colon = t.indexOf(':');
        if (colon > 0 && colon < t.length() - 1) {
            String model = t.substring(colon + 1).strip();
            switch (t.substring(0, colon)) {
                case "baseline":
                    return new PairingStrategy(Kind.BASELINE, model);
                case "target":
                    return new PairingStrategy(Kind.TARGET, model);
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(
                "'" + t + "' is not a pairing strategy: use all-pairs, baseline:MODEL or target:MODEL");
    }

    /** As the command line writes it; what battles record as their strategy. */
    public String id() {
        return switch (kind) {
            case ALL_PAIRS -> "all-pairs";
            case BASELINE -> "baseline:" + model;
            case TARGET -> "target:" + model;
        };
    }

    /**
     * The pairs (A, B) among the models that answered, in order.
     *
     * @param answered the models with an answer, in the order pairs should take them
     * @return no pairs when fewer than two answered, or the baseline or target did not
     */
    public List<String[]> pairs(List<String> answered) {
        List<String[]> out = new ArrayList<>();
        if (kind == Kind.ALL_PAIRS) {
            for (int i = 0; i < answered.size(); i++) {
                for (int j = i + 1; j < answered.size(); j++) {
                    out.add(new String[] {answered.get(i), answered.get(j)});
                }
            }
            return out;
        }
        if (!Set.copyOf(answered).contains(model)) {
            return out;
        }
        for (String other : answered) {
            if (!other.equals(model)) {
                out.add(new String[] {model, other});
            }
        }
        return out;
    }
}
