package io.arenainstruct.studio.service.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.service.undo.UndoHistory;
import io.arenainstruct.studio.service.undo.UndoableEdit;

class UndoHistoryTest {
    /** Appends/removes a word in a shared list, so the effect of every apply and revert is visible. */
    private static UndoableEdit append(List<String> list, String word) {
        return new UndoableEdit() {
            @Override
            public String description() {
                return "Add " + word;
            }

            @Override
            public void apply() {
                list.add(word);
            }

            @Override
            public void revert() {
                assertThat(list.get(list.size() - 1)).isEqualTo(word);
                list.remove(list.size() - 1);
            }
        };
    }

    @Test
    void undoAndRedoWalkTheStacksInOrder() {
        List<String> doc = new ArrayList<>();
        UndoHistory h = new UndoHistory();
        assertThat(h.canUndo()).isFalse();
        assertThat(h.canRedo()).isFalse();
        assertThat(h.undo()).isEmpty();
        assertThat(h.redo()).isEmpty();

        h.perform(append(doc, "a"));
        h.perform(append(doc, "b"));
        h.perform(append(doc, "c"));
        assertThat(doc).containsExactly("a", "b", "c");
        assertThat(h.nextUndo()).contains("Add c");
        assertThat(h.nextRedo()).isEmpty();

        assertThat(h.undo()).map(UndoableEdit::description).contains("Add c");
        assertThat(h.undo()).map(UndoableEdit::description).contains("Add b");
        assertThat(doc).containsExactly("a");
        assertThat(h.nextUndo()).contains("Add a");
        assertThat(h.nextRedo()).contains("Add b");
        assertThat(h.canRedo()).isTrue();

        assertThat(h.redo()).map(UndoableEdit::description).contains("Add b");
        assertThat(doc).containsExactly("a", "b");
        assertThat(h.nextRedo()).contains("Add c");
    }

    @Test
    void aNewEditClearsTheRedoStack() {
        List<String> doc = new ArrayList<>();
        UndoHistory h = new UndoHistory();
        h.perform(append(doc, "a"));
        h.perform(append(doc, "b"));
        h.undo();
        h.perform(append(doc, "x"));
        assertThat(h.canRedo()).isFalse();
        assertThat(h.redo()).isEmpty();
        assertThat(doc).containsExactly("a", "x");
        h.undo();
        h.undo();
        assertThat(doc).isEmpty();
        assertThat(h.canUndo()).isFalse();
    }

    @Test
    void clearForgetsEverythingAndListenersHearEveryChange() {
        List<String> doc = new ArrayList<>();
        UndoHistory h = new UndoHistory();
        AtomicInteger changes = new AtomicInteger();
        h.addListener(changes::incrementAndGet);
        h.perform(append(doc, "a"));
        h.perform(append(doc, "b"));
        h.undo();
        h.redo();
        assertThat(changes.get()).isEqualTo(4);
        h.undo();
        assertThat(changes.get()).isEqualTo(5);
        h.clear();
        assertThat(changes.get()).isEqualTo(6);
        assertThat(h.canUndo()).isFalse();
        assertThat(h.canRedo()).isFalse();
        assertThat(doc).containsExactly("a"); // clearing does not revert anything
        h.undo();
        assertThat(changes.get())
                .as("an undo with nothing to undo changes nothing")
                .isEqualTo(6);
    }

    @Test
    void theHistoryIsBoundedButKeepsTheNewestEdits() {
        List<String> doc = new ArrayList<>();
        UndoHistory h = new UndoHistory();
        for (int i = 0; i < 600; i++) {
            h.perform(append(doc, "w" + i));
        }
        int undone = 0;
        while (h.canUndo()) {
            h.undo();
            undone++;
        }
        assertThat(undone).isGreaterThanOrEqualTo(100).isLessThan(600);
        assertThat(doc).hasSize(600 - undone);
        assertThat(doc.get(doc.size() - 1)).isEqualTo("w" + (600 - undone - 1));
    }
}
