package io.arenainstruct.studio.domain.loop;

/** What a loop proposal changes: a category's taxonomy weight, a flow's refinement rounds or goals, a prompt. */
public enum ProposalKind {
    WEIGHT("weight"),
    ROUNDS("rounds"),
    GOAL("goal"),
    PROMPT("prompt");

    private final String id;

    ProposalKind(String id) {
        this.id = id;
    }

    /** The kind as commands and JSON name it. */
    public String id() {
        return id;
    }

    public static ProposalKind of(String id) {
        for (ProposalKind k : values()) {
            if (k.id.equalsIgnoreCase(id.strip())) {
                return k;
            }
        }
        throw new IllegalArgumentException(
                "There is no proposal kind '" + id + "'; the kinds are weight, rounds, goal" + " and prompt.");
    }
}
