package io.dbmesh.sharding.engine;

import io.dbmesh.sharding.merge.ListCursor;
import io.dbmesh.sharding.merge.TestRows;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LogicalTableNamesCursorTest {
    private static final List<Column> COLUMNS = List.of(
            new Column("", "", "", "Table", "Table", 45, 64, ColumnType.VAR_STRING, 0, 0),
            new Column("", "", "", "Create Table", "Create Table", 45, 1024, ColumnType.VAR_STRING, 0, 0));

    private static byte[][] row(String a, String b) {
        return new byte[][]{a.getBytes(StandardCharsets.UTF_8), b == null ? null : b.getBytes(StandardCharsets.UTF_8)};
    }

    @Test
    void physicalNamesBecomeLogicalAndOtherShardsDisappear() throws Exception {
        ListCursor input = new ListCursor(COLUMNS, List.of(
                row("t_order_0", "CREATE TABLE `t_order_0` (\\n  `id` bigint) ENGINE=InnoDB"),
                row("t_order_1", "CREATE TABLE `t_order_1` (...)"),
                row("t_region", "CREATE TABLE `t_region` (...)")));
        LogicalTableNamesCursor c = new LogicalTableNamesCursor(input, 0, 1, Map.of("t_order_0", "t_order"), Set.of("t_order_1"));
        assertThat(TestRows.drain(c)).containsExactly(
                List.of("t_order", "CREATE TABLE `t_order` (\\n  `id` bigint) ENGINE=InnoDB"),
                List.of("t_region", "CREATE TABLE `t_region` (...)"));
    }

    @Test
    void forwardsTheWarningCountAndTheClose() throws Exception {
        boolean[] closed = {false};
        ListCursor rows = new ListCursor(COLUMNS, List.<byte[][]>of(row("t_order_0", null)));
        io.dbmesh.core.result.RowCursor input = new io.dbmesh.core.result.ForwardingCursor(rows) {
            @Override
            public int warnings() {
                return 2;
            }

            @Override
            public void close() {
                closed[0] = true;
                super.close();
            }
        };
        LogicalTableNamesCursor c = new LogicalTableNamesCursor(input, 0, -1, Map.of("t_order_0", "t_order"), Set.of());
        assertThat(TestRows.drain(c)).containsExactly(java.util.Arrays.asList("t_order", null));
        assertThat(c.warnings()).isEqualTo(2);
        assertThat(closed[0]).isTrue();
    }
}
