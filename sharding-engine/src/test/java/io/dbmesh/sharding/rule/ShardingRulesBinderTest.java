package io.dbmesh.sharding.rule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dbmesh.sharding.ShardingException;
import io.dbmesh.sharding.algorithm.KeyRange;
import io.dbmesh.sharding.algorithm.ShardFunctions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardingRulesBinderTest {
    static final List<String> DS = List.of("ds_0", "ds_1");
    static final String ORDERS = """
            default_data_source: ds_0
            key_generator: {worker_id: 3}
            tables:
              t_user:  {key: user_id, nodes: "ds_[0..1].t_user_[0..1]", database: mod, table: {algorithm: expression, expression: "user_id / 2 % 2"}}
              t_order: {key: user_id, nodes: "ds_[0..1].t_order_[0..1]", database: mod, table: {algorithm: expression, expression: "user_id / 2 % 2"}, generated_key: order_id}
              t_event: {key: id, tables_per_data_source: 2, algorithm: hash_mod}
            binding: [[t_user, t_order]]
            broadcast: [t_region]
            single: {t_config: ds_1}
            """;

    static JsonNode yaml(String text) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    static ShardingRules bind(String text) {
        return new ShardingRulesBinder(new ShardFunctions(ShardingRulesBinderTest.class.getClassLoader()), Map.<String, String>of()::get)
                .bind("orders", yaml(text), DS, null);
    }

    @Test
    void bindsTheOrdersRules() throws ShardingException {
        ShardingRules rules = bind(ORDERS);
        assertThat(rules.dataSources()).containsExactly("ds_0", "ds_1");
        assertThat(rules.kind("T_ORDER")).isEqualTo(TableKind.SHARDED);
        assertThat(rules.kind("t_region")).isEqualTo(TableKind.BROADCAST);
        assertThat(rules.kind("t_config")).isEqualTo(TableKind.SINGLE);
        assertThat(rules.unshardedDataSource("t_config")).isEqualTo("ds_1");
        assertThat(rules.unshardedDataSource("anything")).isEqualTo("ds_0");
        assertThat(rules.bound("t_user", "T_Order")).isTrue();
        assertThat(rules.bound("t_user", "t_event")).isFalse();
        assertThat(rules.workerId()).isEqualTo(3);
        ShardedTable order = rules.shardedTable("t_order").orElseThrow();
        assertThat(order.generatedKey()).isEqualTo("order_id");
        ShardingStrategy s = order.strategy();
        assertThat(s.nodes()).hasSize(4);
        // user 0 → ds_0 table 0, 1 → ds_1 table 0, 2 → ds_0 table 1, 3 → ds_1 table 1
        assertThat(List.of(s.node(0L), s.node(1L), s.node(2L), s.node(3L))).containsExactly(
                new DataNode("ds_0", "t_order_0"), new DataNode("ds_1", "t_order_0"),
                new DataNode("ds_0", "t_order_1"), new DataNode("ds_1", "t_order_1"));
        assertThat(s.node(null)).isEqualTo(new DataNode("ds_0", "t_order_0"));
        assertThat(s.nodeIndexes(KeyRange.between(2L, 2L)).cardinality()).isEqualTo(1);
        ShardedTable event = rules.shardedTable("t_event").orElseThrow();
        assertThat(event.strategy().nodes()).containsExactly(new DataNode("ds_0", "t_event_0"), new DataNode("ds_0", "t_event_1"),
                new DataNode("ds_1", "t_event_0"), new DataNode("ds_1", "t_event_1"));
    }

    @Test
    void errorsNameThePathAndProblem() {
        assertThatThrownBy(() -> bind("tables: {t: {nodes: 'ds_0.t', algorithm: mod}}"))
                .isInstanceOf(RuleException.class).hasMessage("sharding.tables.t: the shard key column 'key' is missing");
        assertThatThrownBy(() -> bind("tables: {t: {key: id, nodes: 'ds_[0..2].t', algorithm: mod}}"))
                .hasMessage("sharding.tables.t.nodes: unknown data source 'ds_2' (defined: ds_0, ds_1)");
        assertThatThrownBy(() -> bind("tables: {t: {key: id, nodes: 'ds_[0..1].t_[0..2]', algorithm: {algorithm: range, boundaries: [10, 5]}}}"))
                .hasMessageContaining("sharding.tables.t.algorithm: range boundaries must strictly increase: 10 then 5 would make ranges overlap");
        assertThatThrownBy(() -> bind("tables: {t: {key: id, nodes: 'ds_[0..1].t_[0..2]', algorithm: {algorithm: range, boundaries: [10]}}}"))
                .hasMessageContaining("sharding.tables.t: 1 range boundaries make 2 ranges but there are 6 targets");
        assertThatThrownBy(() -> bind("tables: {t: {key: id, nodes: 'ds_0.t', algorithm: mod, colour: red}}"))
                .hasMessageStartingWith("sharding.tables.t.colour: unknown key 'colour'");
        assertThatThrownBy(() -> bind("tables: {a: {key: id, nodes: 'ds_0.x', algorithm: mod}, b: {key: id, nodes: 'ds_0.x', algorithm: mod}}"))
                .hasMessage("sharding.tables.b.nodes: physical table ds_0.x also belongs to a");
        assertThatThrownBy(() -> bind("tables: {a: {key: id, nodes: 'ds_0.a_[0..1]', algorithm: mod}, b: {key: id, nodes: 'ds_[0..1].b', algorithm: mod}}\nbinding: [[a, b]]"))
                .hasMessageContaining("sharding.binding.0: 'b' cannot be bound to 'a'");
        assertThatThrownBy(() -> bind("broadcast: [t]\nsingle: {t: ds_0}")).hasMessage("sharding.single.t: table 't' is also sharded or broadcast");
        assertThatThrownBy(() -> bind("key_generator: {worker_id: 5000}\nbroadcast: [t]\ndefault_data_source: ds_0"))
                .hasMessage("sharding.key_generator.worker_id: worker id '5000' must be an integer from 0 to 1023");
        assertThatThrownBy(() -> bind("tables: {t: {key: id, nodes: 'ds_[0..1].t_[0..1]', database: mod}}"))
                .hasMessageContaining("'database' and 'table' algorithms go together");
        assertThatThrownBy(() -> bind("tables: {t: {key: id, nodes: 'ds_[0..1].t_[0..1', algorithm: mod}}"))
                .hasMessageContaining("'[' without ']'");
    }

    @Test
    void federationPlanCacheSizeIsBoundWithADefault() {
        assertThat(bind(ORDERS).federationPlanCache()).isEqualTo(ShardingRules.DEFAULT_FEDERATION_PLAN_CACHE);
        assertThat(bind(ORDERS + "federation: {plan_cache_size: 0}").federationPlanCache()).isZero();
        assertThat(bind(ORDERS + "federation: {plan_cache_size: '500'}").federationPlanCache()).isEqualTo(500); // from ${ENV:500}
        assertThatThrownBy(() -> bind(ORDERS + "federation: {plan_cache_size: -1}"))
                .hasMessage("sharding.federation.plan_cache_size: must be a whole number from 0 to 100000, got '-1'");
        assertThatThrownBy(() -> bind(ORDERS + "federation: {plan_cache_size: 1.5}"))
                .hasMessage("sharding.federation.plan_cache_size: must be a whole number from 0 to 100000, got '1.5'");
        assertThatThrownBy(() -> bind(ORDERS + "federation: {plan_cache_size: 100001}"))
                .hasMessage("sharding.federation.plan_cache_size: must be a whole number from 0 to 100000, got '100001'");
        assertThatThrownBy(() -> bind(ORDERS + "federation: {plan_cache: 5}")).hasMessageStartingWith("sharding.federation.plan_cache: unknown key");
        assertThatThrownBy(() -> bind(ORDERS + "federation: 5")).hasMessage("sharding.federation: must be a mapping, e.g. {plan_cache_size: 128}");
    }

    @Test
    void dataNodeNotationExpandsInReadingOrder() {
        assertThat(DataNodeNotation.expand("ds_[0..1].t_[a,b]")).containsExactly(new DataNode("ds_0", "t_a"),
                new DataNode("ds_0", "t_b"), new DataNode("ds_1", "t_a"), new DataNode("ds_1", "t_b"));
        assertThat(DataNodeNotation.expand("my.ds.t")).containsExactly(new DataNode("my.ds", "t"));
    }
}
