package io.arenainstruct.studio.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTransactionTest {
    @TempDir
    Path tmp;

    private Store store;
    private ArenaRepository arena;

    @BeforeEach
    void open() {
        store = TestStores.open(tmp.resolve("ws"));
        arena = new ArenaRepository(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void callsInOneTransactionSeeEachOthersWritesAndOthersSeeNothingUntilItCommits() throws Exception {
        List<String> seenElsewhere = store.inOneTransaction(() -> {
            arena.model("m1");
            arena.model("m2");
            assertThat(arena.models()).containsExactly("m1", "m2");
            // Another thread has its own connection: the transaction is not committed yet.
            return CompletableFuture.supplyAsync(arena::models).join();
        });

        assertThat(seenElsewhere).isEmpty();
        assertThat(arena.models()).containsExactly("m1", "m2");
    }

    @Test
    void aFailureAnywhereInTheTransactionKeepsNoneOfIt() {
        arena.model("before");

        assertThatThrownBy(() -> store.inOneTransaction(() -> {
                    arena.model("m1");
                    arena.model("m2");
                    throw new IllegalStateException("the third row is bad");
                }))
                .hasMessage("the third row is bad");

        assertThat(arena.models()).containsExactly("before");
        arena.model("after");
        assertThat(arena.models()).containsExactly("after", "before");
    }
}
