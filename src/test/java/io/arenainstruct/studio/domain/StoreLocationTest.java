package io.arenainstruct.studio.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class StoreLocationTest {
    @Test
    void aPostgresqlAddressIsReadWithItsDefaults() {
        assertThat(StoreLocation.parse("postgresql://db.lab/arena?user=ann"))
                .isEqualTo(new PostgresqlLocation("db.lab", 5432, "arena", "ann", null, null));
        assertThat(StoreLocation.parse("postgres://10.0.0.7:6543/team%20store?user=b%C3%A9a&sslmode=verify-full"))
                .isEqualTo(new PostgresqlLocation("10.0.0.7", 6543, "team store", "béa", "verify-full", null));
    }

    @Test
    void anythingElseIsAFolder() {
        assertThat(StoreLocation.parse("work/ws")).isEqualTo(new StoreLocation.Folder(Path.of("work/ws")));
        assertThat(((StoreLocation.Folder) StoreLocation.parse("work/ws")).dir())
                .isAbsolute();
    }

    @Test
    void theDisplayedAddressReadsBackTheSame() {
        PostgresqlLocation at = new PostgresqlLocation("h", 5433, "d", "u", "require", "/etc/ca.pem");
        assertThat(at.display()).isEqualTo("postgresql://h:5433/d?user=u&sslmode=require&sslrootcert=/etc/ca.pem");
        assertThat(StoreLocation.parse(at.display())).isEqualTo(at);
    }

    @Test
    void aPasswordInTheAddressIsRefusedWithoutBeingRepeated() {
        assertThatThrownBy(() -> StoreLocation.parse("postgresql://ann:hunter2@db/arena"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("?user=NAME")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> StoreLocation.parse("postgresql://db/arena?user=ann&password=hunter2"))
                .hasMessageContaining("PGPASSWORD")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void missingOrUnknownPartsAreNamed() {
        assertThatThrownBy(() -> StoreLocation.parse("postgresql://db/arena")).hasMessageContaining("needs the user");
        assertThatThrownBy(() -> StoreLocation.parse("postgresql://db?user=a"))
                .hasMessageContaining("not a PostgreSQL store address");
        assertThatThrownBy(() -> StoreLocation.parse("postgresql://db:99999/a?user=a"))
                .hasMessageContaining("between 1 and 65535");
        assertThatThrownBy(() -> StoreLocation.parse("postgresql://db/a?user=a&sslmode=maybe"))
                .hasMessageContaining("verify-full");
        assertThatThrownBy(() -> StoreLocation.parse("postgresql://db/a?user=a&options=-c%20x"))
                .hasMessageContaining("does not know: options");
    }
}
