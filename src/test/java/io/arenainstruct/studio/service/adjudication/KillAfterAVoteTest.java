package io.arenainstruct.studio.service.adjudication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.store.ChildJvm;
import io.arenainstruct.studio.ui.arena.ArenaFixture;

/**
 * A vote is on disk when the call that stores it returns, as the Adjudicate tab makes that call in the key's
 * handler: a process killed the moment it says "voted" loses none of its votes.
 */
class KillAfterAVoteTest {
    @TempDir
    Path tmp;

    @Test
    void votesStoredJustBeforeAKillAreAllThereAfterIt() throws Exception {
        Path store = tmp.resolve("store");
        List<Long> ids;
        try (Workspace ws = Workspace.open(store)) {
            ids = new ArenaFixture(ws).battles(3);
        }
        List<String> args = new ArrayList<>(List.of(store.toString()));
        ids.forEach(id -> args.add(String.valueOf(id)));
        try (ChildJvm child = ChildJvm.start(VoteChildMain.class, args.toArray(String[]::new))) {
            child.awaitLine(l -> l.equals("VOTED " + ids.get(2)), ChildJvm.timeout());
            child.kill();
        }
        try (Workspace ws = Workspace.open(store)) {
            for (long id : ids) {
                // shown swapped, "left better" is the battle's B
                assertThat(ws.adjudication().myVote(id, "Dana"))
                        .hasValueSatisfying(v -> assertThat(v.vote().outcome()).isEqualTo(Outcome.B));
                assertThat(ws.battles().battle(id).orElseThrow().status()).isEqualTo(BattleStatus.ADJUDICATED);
            }
        }
    }
}
