package io.arenainstruct.studio.domain.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentCallTest {
    @Test
    void callsAreEqualByValueAndTheEndpointCounts() {
        assertThat(AgentCall.of("editor", 2, 7)).isEqualTo(new AgentCall("editor", 2, 7, null, null));
        assertThat(AgentCall.of("editor", 2, 7)).isNotEqualTo(new AgentCall("editor", 2, 7, "local", "m"));
        assertThat(AgentCall.of("editor", 2, 7)).isNotEqualTo(AgentCall.of("editor", 3, 7));
        // what the store reads for an instruction nobody answered: no agent, no version, no call
        assertThat(AgentCall.of(null, 0, 0)).isEqualTo(AgentCall.NONE);
    }

    @Test
    void aChosenAgentHasNoCallAndNoneHasNeither() {
        AgentCall chosen = AgentCall.chosen("asker", 1);
        assertThat(chosen.present()).isTrue();
        assertThat(chosen.called()).isFalse();
        assertThat(chosen.callId()).isZero();
        assertThat(AgentCall.NONE.present()).isFalse();
        assertThat(AgentCall.NONE.called()).isFalse();
        assertThat(AgentCall.of("asker", 1, 12).called()).isTrue();
    }

    @Test
    void theLabelNamesTheCallOnlyWhenOneAnswered() {
        assertThat(AgentCall.of("editor", 2, 7).label()).isEqualTo("editor v2 (call #7)");
        assertThat(AgentCall.chosen("asker", 1).label()).isEqualTo("asker v1");
    }
}
