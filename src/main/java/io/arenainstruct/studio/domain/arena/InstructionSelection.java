package io.arenainstruct.studio.domain.arena;

import java.util.List;

/**
 * Which arena instructions to take: all, those of one dataset (by name), one category, the run instructions of one
 * run, or given ids.
 */
public record InstructionSelection(String kind, String value, List<Long> ids) {
    public InstructionSelection {
        ids = List.copyOf(ids);
    }

    public static InstructionSelection all() {
        return new InstructionSelection("all", null, List.of());
    }

    public static InstructionSelection dataset(String name) {
        return new InstructionSelection("dataset", name, List.of());
    }

    public static InstructionSelection category(String name) {
        return new InstructionSelection("category", name, List.of());
    }

    public static InstructionSelection run(long runId) {
        return new InstructionSelection("run", Long.toString(runId), List.of());
    }

    public static InstructionSelection ids(List<Long> ids) {
        return new InstructionSelection("ids", null, ids);
    }
}
