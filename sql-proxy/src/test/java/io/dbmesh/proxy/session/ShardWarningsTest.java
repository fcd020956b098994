package io.dbmesh.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardWarningsTest {

    @Test
    void readsTheDiagnosticsStatements() {
        assertThat(ShardWarnings.parse("SHOW WARNINGS")).isEqualTo(new ShardWarnings.Show(false, false, 0, Long.MAX_VALUE));
        assertThat(ShardWarnings.parse("show errors limit 5")).isEqualTo(new ShardWarnings.Show(true, false, 0, 5));
        assertThat(ShardWarnings.parse("SHOW WARNINGS LIMIT 2, 3;")).isEqualTo(new ShardWarnings.Show(false, false, 2, 3));
        assertThat(ShardWarnings.parse("SHOW COUNT(*) WARNINGS")).isEqualTo(new ShardWarnings.Show(false, true, 0, Long.MAX_VALUE));
        assertThat(ShardWarnings.parse("SHOW COUNT ( * ) ERRORS")).isEqualTo(new ShardWarnings.Show(true, true, 0, Long.MAX_VALUE));
        assertThat(ShardWarnings.parse("SHOW TABLES")).isNull();
        assertThat(ShardWarnings.parse("SHOW WARNINGS LIMIT x")).isNull();
        assertThat(ShardWarnings.parse("SELECT 1")).isNull();
    }

    @Test
    void listsWhatWasGatheredUntilAnotherStatement() throws Exception {
        ShardWarnings w = new ShardWarnings();
        assertThat(w.active()).isFalse();
        w.start();
        w.failed(1452, "Cannot add or update a child row: `orders_ds1`.`t_order_item_1`");
        w.failed(1452, "the same error from another shard");
        StaticRowCursor rows = w.answer(ShardWarnings.parse("SHOW ERRORS"), m -> m.replace("orders_ds1", "orders"));
        assertThat(rows.next()).isTrue();
        assertThat(new String(rows.value(2))).isEqualTo("Cannot add or update a child row: `orders`.`t_order_item_1`");
        assertThat(rows.next()).isFalse();
        StaticRowCursor count = w.answer(ShardWarnings.parse("SHOW COUNT(*) WARNINGS"), m -> m);
        assertThat(count.next()).isTrue();
        assertThat(new String(count.value(0))).isEqualTo("1");
        w.clear();
        assertThat(w.active()).isFalse();
    }

    @Test
    void showWhereReadsDbAsTheLogicalName() {
        Map<String, String> logicalOf = new java.util.LinkedHashMap<>();
        logicalOf.put("orders_ds0", "orders");
        String mapped = LogicalNames.showWhereInLogicalNames("SHOW PROCEDURE STATUS WHERE Db = DATABASE() AND `db` <> 'x'", logicalOf, "orders");
        String db = "(CASE `Db` WHEN " + InformationSchemaAccess.literal("orders_ds0") + " THEN " + InformationSchemaAccess.literal("orders")
                + " ELSE `Db` END)";
        assertThat(mapped).isEqualTo("SHOW PROCEDURE STATUS WHERE " + db + " = " + InformationSchemaAccess.literal("orders")
                + " AND " + db + " <> 'x'");
        String like = "SHOW FUNCTION STATUS LIKE 'Db'";
        assertThat(LogicalNames.showWhereInLogicalNames(like, logicalOf, "orders")).isSameAs(like);
        String tables = "SHOW TABLES WHERE Db = 1";
        assertThat(LogicalNames.showWhereInLogicalNames(tables, logicalOf, "orders")).isSameAs(tables);
    }
}
