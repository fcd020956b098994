package io.dbmesh.sharding.engine;

import io.dbmesh.sharding.merge.MergeSettings;

import io.dbmesh.sharding.PhysicalStatement;
import io.dbmesh.sharding.federation.FederatedExecutor;
import io.dbmesh.sharding.merge.ColumnCollations;
import io.dbmesh.sharding.merge.JdbcShardExecutor;
import io.dbmesh.sharding.merge.MariaDb;
import io.dbmesh.sharding.merge.TestRows;
import io.dbmesh.sharding.plan.Aggregate;
import io.dbmesh.sharding.merge.AggregateFunction;
import io.dbmesh.sharding.plan.MergeSort;
import io.dbmesh.sharding.plan.Plan;
import io.dbmesh.sharding.plan.Route;
import io.dbmesh.sharding.merge.SortKey;
import io.dbmesh.sharding.route.RouteOpcode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A utf8mb4_unicode_ci column reaches the merge labelled utf8mb4_general_ci; with
 * {@link ColumnCollations} the merge orders and groups it by its real collation, like one server.
 */
// needs the MariaDB at 127.0.0.1:3306 (README "Tests": -DexcludedGroups=mariadb runs the others without it)
@Tag("mariadb")
class ColumnCollationsMariaDbTest {
    private static Connection single;
    private static final Map<String, Connection> shards = new LinkedHashMap<>();
    private static JdbcShardExecutor executor;
    private static final String[] WORDS = {"ß", "ss", "sa", "st", "Straße", "strasse", "STRASSE", "Æ", "ae", "af", "-a", "a-",
            "ǅ", "dz", "ı", "i", "ø", "o", "z"};

    @BeforeAll
    static void load() throws Exception {
        single = MariaDb.freshDatabase("merge_coll_single");
        shards.put("ds0", MariaDb.freshDatabase("merge_coll_ds0"));
        shards.put("ds1", MariaDb.freshDatabase("merge_coll_ds1"));
        executor = new JdbcShardExecutor(shards);
        String ddl = "CREATE TABLE c (id INT PRIMARY KEY, s VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,"
                + " exact VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin)";
        MariaDb.execute(single, ddl);
        for (Connection c : shards.values()) MariaDb.execute(c, ddl);
        for (int i = 0; i < WORDS.length * 2; i++) {
            String word = WORDS[i % WORDS.length];
            String insert = "INSERT INTO c VALUES (" + i + ", '" + word + "', '" + (i % 3 == 0 ? word + " " : word) + "')";
            MariaDb.execute(single, insert);
            MariaDb.execute(shards.get("ds" + (i % 2)), insert);
        }
    }

    @AfterAll
    static void close() throws Exception {
        single.close();
        for (Connection c : shards.values()) c.close();
    }

    private static Route scatter(String sql) {
        return new Route(RouteOpcode.SCATTER, List.of("c"), List.of(new PhysicalStatement("ds0", sql), new PhysicalStatement("ds1", sql)), true);
    }

    @Test
    void mergeSortUsesTheColumnsRealCollation() throws Exception {
        Plan plan = new MergeSort(scatter("SELECT s, id FROM c ORDER BY s, id"), List.of(new SortKey(0, false), new SortKey(1, false)));
        List<List<String>> expected = MariaDb.rows(single, "SELECT s, id FROM c ORDER BY s, id");
        PlanExecutor withCatalog = new PlanExecutor(executor, FederatedExecutor.UNSUPPORTED, MergeSettings.DEFAULTS, new ColumnCollations());
        assertThat(TestRows.drain(withCatalog.rows(plan))).isEqualTo(expected);
        // Without the lookup the merge believes the metadata (general_ci), where ß = s: a different order.
        PlanExecutor metadataOnly = new PlanExecutor(executor, FederatedExecutor.UNSUPPORTED, MergeSettings.DEFAULTS);
        assertThat(TestRows.drain(metadataOnly.rows(plan))).isNotEqualTo(expected);
    }

    @Test
    void noPadBinaryColumnsKeepTrailingSpacesApart() throws Exception {
        Plan plan = new Aggregate(scatter("SELECT exact, COUNT(*) FROM c GROUP BY exact"), List.of(0),
                List.of(AggregateFunction.GROUP_KEY, AggregateFunction.COUNT), false);
        PlanExecutor withCatalog = new PlanExecutor(executor, FederatedExecutor.UNSUPPORTED, MergeSettings.DEFAULTS, new ColumnCollations());
        assertThat(TestRows.drain(withCatalog.rows(plan))).isEqualTo(MariaDb.rows(single, "SELECT exact, COUNT(*) FROM c GROUP BY exact ORDER BY exact"));
    }

    @Test
    void groupingUsesTheColumnsRealCollation() throws Exception {
        Plan plan = new Aggregate(scatter("SELECT s, COUNT(*) FROM c GROUP BY s"), List.of(0),
                List.of(AggregateFunction.GROUP_KEY, AggregateFunction.COUNT), false);
        PlanExecutor withCatalog = new PlanExecutor(executor, FederatedExecutor.UNSUPPORTED, MergeSettings.DEFAULTS, new ColumnCollations());
        List<List<String>> merged = TestRows.drain(withCatalog.rows(plan));
        List<List<String>> expected = MariaDb.rows(single, "SELECT s, COUNT(*) FROM c GROUP BY s ORDER BY s");
        // Group representatives may differ among equal strings; the counts per group, in order, must not.
        assertThat(merged.stream().map(r -> r.get(1)).toList()).isEqualTo(expected.stream().map(r -> r.get(1)).toList());
        assertThat(merged).hasSameSizeAs(expected);
    }
}
