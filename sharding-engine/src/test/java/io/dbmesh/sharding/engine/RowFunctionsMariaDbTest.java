package io.dbmesh.sharding.engine;

import io.dbmesh.sharding.merge.MariaDb;
import io.dbmesh.sharding.merge.TestRows;
import io.dbmesh.sharding.plan.Plan;
import io.dbmesh.sharding.plan.PlanPrinter;
import io.dbmesh.core.result.RowCursor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * MariaDB's row functions, Calcite's or not (two-argument ATAN, BIN, CONV, FORMAT, SUBSTRING_INDEX,
 * DATE_FORMAT, …), answer what one MariaDB answers both over a scatter route (the shards compute
 * them) and in a federated statement (a join off the shard key), issue 10. {@link #REFUSED_FEDERATED}
 * are the exceptions still open: Calcite lacks them or answers otherwise (a case-sensitive compare,
 * an abbreviated name), so a federated statement refuses them naming the function; over a scatter
 * route they answer.
 */
// needs the MariaDB at 127.0.0.1:3306 (README "Tests": -DexcludedGroups=mariadb runs the others without it)
@Tag("mariadb")
class RowFunctionsMariaDbTest {
    /** Expressions over t_order o (order_id, user_id, status with NULLs, amount with NULLs, created_at). */
    static final List<String> FUNCTIONS = List.of(
            "ATAN(o.amount, 3)", "ATAN2(o.user_id, 7)", "ATAN(o.user_id)", "BIN(o.order_id)", "CONV(o.order_id, 10, 16)",
            "CONV(o.status, 36, 10)", "OCT(o.order_id)", "HEX(o.order_id)", "HEX(o.status)", "UNHEX(HEX(o.status))",
            "FORMAT(o.amount, 1)", "FORMAT(o.order_id * 1000.5, 2)", "INSTR(o.status, 'p')", "LOCATE('e', o.status)",
            "LOCATE('e', o.status, 3)", "SUBSTRING_INDEX(o.status, 'e', 1)", "SUBSTRING_INDEX(o.status, 'p', -1)",
            "DATE_FORMAT(o.created_at, '%Y/%m/%d %H:%i')", "DATE_FORMAT(o.created_at, '%W %M %e %j')",
            "IFNULL(o.amount, -1)", "IFNULL(o.status, 'none')", "NULLIF(o.status, 'paid')", "IF(o.amount > 250, 'big', 'small')",
            "LPAD(o.status, 10, '*')", "RPAD(o.order_id, 5, '0')", "REVERSE(o.status)", "CONCAT_WS('-', o.status, o.order_id)",
            "ELT(1 + o.order_id % 3, 'a', 'b', o.status)", "FIELD(o.status, 'NEW', 'paid')", "MOD(o.order_id, 7)",
            "TRUNCATE(o.amount, 1)", "ROUND(o.amount, 1)", "CRC32(o.status)", "MD5(o.status)",
            "LEFT(o.status, 2)", "RIGHT(o.status, 3)", "REPEAT(o.status, 2)", "DAYOFWEEK(o.created_at)",
            "DATEDIFF(o.created_at, '2024-01-01')", "LAST_DAY(o.created_at)", "DAYNAME(o.created_at)",
            "GREATEST(o.amount, 100)", "LEAST(o.user_id, 20)", "ASCII(o.status)", "CHAR_LENGTH(o.status)", "SIGN(o.amount - 250)",
            "SPACE(o.order_id % 4)", "STRCMP(o.status, 'paid')", "UCASE(o.status)", "TO_DAYS(o.created_at)");

    /** Refused by name in a federated statement (Calcite lacks them or answers otherwise); answered over a scatter. */
    static final List<String> REFUSED_FEDERATED = List.of("INSTR(o.status, 'p')", "LOCATE('e', o.status)",
            "LOCATE('e', o.status, 3)", "STRCMP(o.status, 'paid')", "DAYNAME(o.created_at)", "ELT(1 + o.order_id % 3, 'a', 'b', o.status)",
            "FIELD(o.status, 'NEW', 'paid')", "DATEDIFF(o.created_at, '2024-01-01')", "GREATEST(o.amount, 100)", "LEAST(o.user_id, 20)",
            "UNHEX(HEX(o.status))");

    @RegisterExtension
    static final OrdersEngine engine = new OrdersEngine();

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String f : FUNCTIONS) {
            out.add(Arguments.of("scatter", "SELECT o.order_id, " + f + " AS f FROM t_order o ORDER BY o.order_id"));
            out.add(Arguments.of("federated", "SELECT o.order_id, i.item_id, " + f + " AS f FROM t_order o JOIN t_item i"
                    + " ON o.order_id = i.order_id ORDER BY o.order_id, i.item_id"));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void answersLikeOneMariaDb(String shape, String sql) throws Exception {
        String refused = shape.equals("federated") ? REFUSED_FEDERATED.stream().filter(sql::contains).findFirst().orElse(null) : null;
        if (refused != null) {
            String name = refused.substring(0, refused.indexOf('('));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.executor.rows(engine.planner.plan(sql, List.of())).close())
                    .isInstanceOfSatisfying(java.sql.SQLException.class, e -> {
                        org.assertj.core.api.Assertions.assertThat(e.getErrorCode()).isEqualTo(1235);
                        org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains(name);
                    });
            return;
        }
        List<List<String>> single;
        try (RowCursor c = MariaDb.query(engine.fixture.single(), sql)) {
            single = TestRows.drain(c);
        }
        Plan plan = engine.planner.plan(sql, List.of());
        List<List<String>> sharded;
        try (RowCursor c = engine.executor.rows(plan)) {
            sharded = TestRows.drain(c);
        }
        AggregateCoverageMariaDbTest.assertSameRows(sql, PlanPrinter.print(plan), sharded, single);
    }
}
