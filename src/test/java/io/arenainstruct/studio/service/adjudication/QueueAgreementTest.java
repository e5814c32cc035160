package io.arenainstruct.studio.service.adjudication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.adjudication.HumanVote;
import io.arenainstruct.studio.domain.adjudication.QueueFilter;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.service.agreement.AgreementReport;
import io.arenainstruct.studio.service.agreement.AnnotatorAgreement;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.arena.ArenaFixture;

/**
 * With two verdicts wanted per battle, the queue gives each battle to two annotators, and agreement between
 * annotators is computed over that overlap.
 *
 * <p>Worked by hand: six battles, Ana says A, A, B, B, tie, A and Bo says A, B, B, B, tie, tie. They agree on
 * battles 1, 3, 4 and 5: p_o = 4/6. Ana's marginals A 3, B 2, tie 1; Bo's A 1, B 3, tie 2; chance agreement
 * p_e = (3·1 + 2·3 + 1·2)/36 = 11/36; Cohen's kappa = (24/36 − 11/36)/(1 − 11/36) = 13/25 = 0.52. Cy, third,
 * finds nothing left to decide: no pair with Cy.
 */
class QueueAgreementTest {
    @TempDir
    Path tmp;

    private Workspace ws;

    @BeforeEach
    void open() {
        ws = Workspace.open(tmp.resolve("store"));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void agreementBetweenAnnotatorsIsOverTheBattlesTheQueueGaveToBoth() {
        List<Long> ids = new ArenaFixture(ws).battles(6);
        Map<String, GradedLabel[]> says = Map.of(
                "Ana",
                new GradedLabel[] {
                    GradedLabel.A_BETTER,
                    GradedLabel.A_BETTER,
                    GradedLabel.B_BETTER,
                    GradedLabel.B_BETTER,
                    GradedLabel.TIE,
                    GradedLabel.A_BETTER
                },
                "Bo",
                new GradedLabel[] {
                    GradedLabel.A_BETTER,
                    GradedLabel.B_BETTER,
                    GradedLabel.B_BETTER,
                    GradedLabel.B_BETTER,
                    GradedLabel.TIE,
                    GradedLabel.TIE
                });
        AdjudicationService queue = ws.adjudication();
        queue.setVerdictsPerBattle(2);
        int k = queue.verdictsPerBattle();
        // Ana and Bo take turns on the queue, as two people at their desks would
        int given = 0;
        boolean more = true;
        while (more) {
            more = false;
            for (String me : List.of("Ana", "Bo")) {
                Optional<Long> next = queue.claimNext(QueueFilter.ALL, me, k);
                if (next.isPresent()) {
                    long battle = next.get();
                    GradedLabel label = says.get(me)[ids.indexOf(battle)];
                    queue.vote(HumanVote.shown(battle, me, label, false, false), AdjudicationService.voteKey(), k);
                    given++;
                    more = true;
                }
            }
        }
        assertThat(given).isEqualTo(12);
        assertThat(queue.claimNext(QueueFilter.ALL, "Cy", k)).isEmpty();

        AgreementReport r = ws.agreement().compute(null).overall();

        assertThat(r.annotators())
                .extracting(AnnotatorAgreement::a, AnnotatorAgreement::b, AnnotatorAgreement::battles)
                .containsExactly(tuple("Ana", "Bo", 6L));
        assertThat(r.annotators().get(0).agreement()).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(r.annotators().get(0).kappa()).isCloseTo(0.52, within(1e-12));
    }
}
