package io.arenainstruct.studio.ui.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javafx.beans.property.SimpleStringProperty;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.PostgresqlLocation;
import io.arenainstruct.studio.domain.StoreChange;
import io.arenainstruct.studio.domain.StoreChange.Kind;
import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.adjudication.HumanVote;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.llm.RetryPolicy;
import io.arenainstruct.studio.service.workspace.SampleWorkspace;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.RunRepository;
import io.arenainstruct.studio.store.TestStores;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;
import io.arenainstruct.studio.ui.task.StoreChangeBridge;
import io.arenainstruct.studio.ui.taxonomy.TaxonomyViewModel;

/**
 * Two clients on one PostgreSQL store (two workspaces, as two apps would hold them): what one changes reaches the
 * other without a refresh. Skipped, saying how to run it, when no test server is named.
 */
class LiveChangesTest {
    @TempDir
    Path tmp;

    private Workspace first;
    private Workspace second;

    @AfterEach
    void tearDown() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    private void openTwoClients() {
        PostgresqlLocation at = TestStores.freshDatabase();
        KeyResolver keys = new KeyResolver(tmp.resolve("secrets.properties"), n -> null);
        first = Workspace.open(at, keys, RetryPolicy.DEFAULT);
        second = Workspace.open(at, keys, RetryPolicy.DEFAULT);
    }

    @Test
    void aVoteInOneClientShowsInTheOthersAdjudicateQueueWithinASecond() throws Exception {
        openTwoClients();
        List<Long> ids = new ArenaFixture(first).battles(3);
        CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
        AdjudicateViewModel queue = new AdjudicateViewModel(
                second.adjudication(), second.battles(), tasks, new SimpleStringProperty("bea"));
        queue.fewerThan().set(1); // battles nobody voted on yet: another's vote takes one out of the queue
        queue.reload();
        assertThat(queue.queueWords().get()).startsWith("0 disputed, 3 unjudged, 0 settled");
        assertThat(queue.shown().get().battleId()).isEqualTo(ids.get(0));
        queue.next();
        assertThat(queue.shown().get().battleId()).isEqualTo(ids.get(1));
        // as AdjudicatePane subscribes
        new StoreChangeBridge(second.changes(), tasks)
                .subscribe(EnumSet.of(Kind.VERDICT, Kind.BATTLE), kinds -> queue.changedElsewhere());
        CountDownLatch recounted = new CountDownLatch(1);
        // the queue's words are set as the queue is read, before the battle to show is read again
        queue.shown().addListener((obs, o, n) -> {
            if (n != null && queue.queueWords().get().startsWith("0 disputed, 2 unjudged, 0 settled")) {
                recounted.countDown();
            }
        });

        first.adjudication().vote(HumanVote.shown(ids.get(0), "ann", GradedLabel.A_BETTER, false, false));

        assertThat(recounted.await(1, TimeUnit.SECONDS))
                .as("the other client's queue counts the vote within a second")
                .isTrue();
        // the battle the annotator was on stays shown; the one voted on elsewhere left the queue
        assertThat(queue.shown().get().battleId()).isEqualTo(ids.get(1));
        queue.previous();
        assertThat(queue.shown().get().battleId())
                .as("nothing before it any more")
                .isEqualTo(ids.get(1));
    }

    @Test
    void aTaxonomyEditElsewhereReloadsTheTreeUnlessTheCuratorHasUnsavedEdits() throws Exception {
        openTwoClients();
        Taxonomy shipped = SampleWorkspace.shippedTaxonomies().get(0);
        first.taxonomies().save(shipped);
        CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
        TaxonomyViewModel tree = new TaxonomyViewModel(second.taxonomies(), tasks, new FakeDialogService());
        tree.load(shipped.skillId());
        double before = tree.current().get().root().children().get(0).weight();
        boolean[] unsaved = {false};
        // as TaxonomyView subscribes (it asks its form whether it holds unsaved edits)
        new StoreChangeBridge(second.changes(), tasks)
                .subscribe(EnumSet.of(Kind.TAXONOMY), kinds -> tree.changedElsewhere(unsaved[0]));
        CountDownLatch reloaded = new CountDownLatch(1);
        tree.revision().addListener((obs, o, n) -> reloaded.countDown());

        Taxonomy edited = shipped.deepCopy();
        edited.root().children().get(0).setWeight(before + 2);
        first.taxonomies().save(edited);

        assertThat(reloaded.await(1, TimeUnit.SECONDS))
                .as("reloaded within a second")
                .isTrue();
        assertThat(tree.current().get().root().children().get(0).weight()).isEqualTo(before + 2);
        assertThat(tree.elsewhere().get()).isFalse();

        CountDownLatch asked = new CountDownLatch(1);
        tree.elsewhere().addListener((obs, o, n) -> asked.countDown());
        unsaved[0] = true;
        Taxonomy again = edited.deepCopy();
        again.root().children().get(0).setWeight(before + 3);
        first.taxonomies().save(again);

        assertThat(asked.await(1, TimeUnit.SECONDS))
                .as("told 'changed elsewhere' within a second")
                .isTrue();
        assertThat(tree.current().get().root().children().get(0).weight())
                .as("nothing reloaded under the curator's unsaved edits")
                .isEqualTo(before + 2);
        tree.reloadFromStore();
        assertThat(tree.elsewhere().get()).isFalse();
        assertThat(tree.current().get().root().children().get(0).weight()).isEqualTo(before + 3);
    }

    @Test
    void aTaxonomyEditAndARunsProgressReachTheOtherClient() throws Exception {
        openTwoClients();
        BlockingQueue<StoreChange> heard = new LinkedBlockingQueue<>();
        second.changes().subscribe(heard::add);

        Taxonomy shipped = SampleWorkspace.shippedTaxonomies().get(0);
        first.taxonomies().save(shipped);
        assertThat(heard.poll(1, TimeUnit.SECONDS)).isEqualTo(new StoreChange(Kind.TAXONOMY, 0, true));

        RunRepository runs = new RunRepository(WorkspaceRepositories.store(first));
        long run = runs.create("{}", "{}");
        assertThat(heard.poll(1, TimeUnit.SECONDS)).isEqualTo(new StoreChange(Kind.RUN, run, true));
        runs.setStatus(run, RunStatus.COMPLETED, null);
        assertThat(heard.poll(1, TimeUnit.SECONDS)).isEqualTo(new StoreChange(Kind.RUN, run, true));
    }
}
