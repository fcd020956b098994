package io.dbmesh.proxy.backend.replica;

import io.dbmesh.proxy.config.LoadBalancing;
import io.dbmesh.core.result.RowCursor;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicaStatusTableTest {

    @Test
    void recognisesTheStatement() {
        assertThat(ReplicaStatusTable.matches("SHOW DBMESH REPLICAS")).isTrue();
        assertThat(ReplicaStatusTable.matches("  show   dbmesh\nreplicas ; ")).isTrue();
        assertThat(ReplicaStatusTable.matches("SHOW DBMESH REPLICAS x")).isFalse();
        assertThat(ReplicaStatusTable.matches("SHOW REPLICAS")).isFalse();
    }

    @Test
    void oneRowPerMemberWithStateLagAndError() throws SQLException {
        ReplicaGroup group = Groups.healthy(LoadBalancing.ROUND_ROBIN, ReplicaStateListener.NONE, 1, 1);
        group.connectionFailed(group.replicas().get(1), "Connection refused");
        List<List<String>> rows = new ArrayList<>();
        try (RowCursor c = ReplicaStatusTable.of(List.of(group))) {
            assertThat(c.columns()).extracting(col -> col.name()).containsExactlyElementsOf(ReplicaStatusTable.COLUMN_NAMES);
            while (c.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 0; i < c.columns().size(); i++) {
                    row.add(c.value(i) == null ? null : new String(c.value(i), StandardCharsets.UTF_8));
                }
                rows.add(row);
            }
        }
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).subList(0, 7)).containsExactly("ds0", "ds0", "primary", "127.0.0.1:1/x", "up", null, "0");
        assertThat(rows.get(1).subList(0, 7)).containsExactly("ds0", "ds0.replica1", "replica", "127.0.0.1:1/x", "up", "0", "0");
        assertThat(rows.get(2).get(4)).isEqualTo("down");
        assertThat(rows.get(2).get(8)).isEqualTo("Connection refused");
    }
}
