package io.dbmesh.proxy.config;

import io.dbmesh.sharding.rule.DataNode;
import io.dbmesh.sharding.rule.ShardingRules;
import io.dbmesh.sharding.rule.TableKind;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** conf/examples/orders.yaml is the model users copy: it must say exactly what issue 3 promises. */
class OrdersExampleTest {
    /** From the source tree: the shipped jar in a shared local repository may lag behind. */
    static final java.nio.file.Path ORDERS = java.nio.file.Path.of("..", "conf", "examples", "orders.yaml");

    @Test
    void ordersExampleShardsThreeBoundTablesOverTwoDataSources() throws Exception {
        DbmeshConfig c = new ConfigLoader(new EnvSubstitution(name -> null)).loadFile(ORDERS);
        assertThat(c.listener().port()).isEqualTo(3307);
        assertThat(c.user("root").orElseThrow().password()).isEmpty();
        assertThat(c.dataSources().get("ds_0").url()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/orders_ds0");
        assertThat(c.dataSources().get("ds_1").url()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/orders_ds1");
        ShardingRules rules = c.databases().get("orders").sharding();
        for (String t : new String[]{"t_user", "t_order", "t_order_item"}) {
            assertThat(rules.kind(t)).isEqualTo(TableKind.SHARDED);
            assertThat(rules.shardedTable(t).orElseThrow().strategy().nodes()).hasSize(4);
            assertThat(rules.bound("t_user", t)).isTrue();
        }
        assertThat(rules.shardedTable("t_order").orElseThrow().generatedKey()).isEqualTo("order_id");
        assertThat(rules.shardedTable("t_order").orElseThrow().strategy().node(3L)).isEqualTo(new DataNode("ds_1", "t_order_1"));
        assertThat(rules.kind("t_region")).isEqualTo(TableKind.BROADCAST);
        assertThat(rules.kind("t_config")).isEqualTo(TableKind.SINGLE);
        assertThat(rules.unshardedDataSource("t_config")).isEqualTo("ds_0");
        assertThat(rules.workerId()).isEqualTo(1);
        assertThat(rules.schema()).hasSize(5);
    }

    @Test
    void workerIdAndBackendsFollowTheEnvironment() throws Exception {
        DbmeshConfig c = new ConfigLoader(new EnvSubstitution(Map.of("DBMESH_WORKER_ID", "42",
                "DS1_URL", "jdbc:mariadb://10.0.0.2:3306/shard1")::get)).loadFile(ORDERS);
        assertThat(c.databases().get("orders").sharding().workerId()).isEqualTo(42);
        assertThat(c.dataSources().get("ds_1").url()).isEqualTo("jdbc:mariadb://10.0.0.2:3306/shard1");
    }
}
