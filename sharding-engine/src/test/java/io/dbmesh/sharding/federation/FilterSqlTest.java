package io.dbmesh.sharding.federation;

import io.dbmesh.sharding.algorithm.KeyRange;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FilterSqlTest {
    private final JavaTypeFactoryImpl types = new JavaTypeFactoryImpl(MySqlTypeSystem.INSTANCE);
    private final RexBuilder rex = new RexBuilder(types);
    private final RelDataType bigint = types.createSqlType(SqlTypeName.BIGINT);
    private final RexNode key = rex.makeInputRef(bigint, 0);
    private final RexNode name = rex.makeInputRef(types.createSqlType(SqlTypeName.VARCHAR), 1);
    private final List<String> columns = List.of("user_id", "name");

    private RexNode number(long v) {
        return rex.makeExactLiteral(BigDecimal.valueOf(v), bigint);
    }

    @Test
    void rendersComparisonsAndEscapesStrings() {
        RexNode f = rex.makeCall(SqlStdOperatorTable.AND,
                rex.makeCall(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, key, number(3)),
                rex.makeCall(SqlStdOperatorTable.EQUALS, name, rex.makeLiteral("O'Brien")));
        assertThat(FilterSql.render(f, columns)).isEqualTo("((`user_id` >= 3) AND (`name` = 'O''Brien'))");
        // a backslash reads otherwise under NO_BACKSLASH_ESCAPES: such a filter is not pushed to the shards
        assertThat(FilterSql.render(rex.makeCall(SqlStdOperatorTable.EQUALS, name, rex.makeLiteral("a\\b")), columns)).isNull();
        assertThat(FilterSql.render(rex.makeCall(SqlStdOperatorTable.IS_NULL, name), columns)).isEqualTo("(`name` IS NULL)");
    }

    @Test
    void functionsAreLeftToCalcite() {
        RexNode upper = rex.makeCall(SqlStdOperatorTable.UPPER, name);
        assertThat(FilterSql.render(rex.makeCall(SqlStdOperatorTable.EQUALS, upper, rex.makeLiteral("A")), columns)).isNull();
    }

    @Test
    void keyValuesAndRangesForPruning() {
        RexNode in = rex.makeCall(SqlStdOperatorTable.OR, rex.makeCall(SqlStdOperatorTable.EQUALS, key, number(4)),
                rex.makeCall(SqlStdOperatorTable.EQUALS, number(9), key));
        assertThat(FilterSql.keyValues(in, 0)).containsExactly(4L, 9L);
        assertThat(FilterSql.keyValues(rex.makeCall(SqlStdOperatorTable.EQUALS, name, rex.makeLiteral("x")), 0)).isNull();
        RexNode between = rex.makeCall(SqlStdOperatorTable.AND, rex.makeCall(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, key, number(10)),
                rex.makeCall(SqlStdOperatorTable.LESS_THAN, key, number(20)));
        assertThat(FilterSql.keyRange(between, 0)).isEqualTo(new KeyRange(10L, true, 20L, false));
        assertThat(FilterSql.keyRange(rex.makeCall(SqlStdOperatorTable.LESS_THAN, number(5), key), 0))
                .isEqualTo(KeyRange.atLeast(5L, false));
    }
}
