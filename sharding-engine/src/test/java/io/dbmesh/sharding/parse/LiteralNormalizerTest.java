package io.dbmesh.sharding.parse;

import io.dbmesh.core.sql.ScannedSql;
import io.dbmesh.core.sql.SqlDialect;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LiteralNormalizerTest {

    /** Normalized from a lexing of its own, and the same from the tokens the session lexed on arrival. */
    private static NormalizedStatement n(String sql) {
        NormalizedStatement lexedHere = LiteralNormalizer.normalize(sql);
        ScannedSql arrived = ScannedSql.of("  " + sql + " ;\n", SqlDialect.DEFAULT); // as the planner trims it
        assertThat(LiteralNormalizer.normalize(sql, arrived)).as("from the arrival's tokens: " + sql).isEqualTo(lexedHere);
        return lexedHere;
    }

    @Test
    void theArrivalsTokensServeOnlyTheTextTheyWereLexedFrom() {
        String sql = "SELECT * FROM t_order WHERE order_id = 17";
        assertThat(SqlToken.offsetIn(ScannedSql.of(sql, SqlDialect.DEFAULT), sql)).isZero();
        assertThat(SqlToken.offsetIn(ScannedSql.of(" \t" + sql + " ; ;", SqlDialect.DEFAULT), sql)).isEqualTo(2);
        assertThat(SqlToken.offsetIn(ScannedSql.of(sql + " AND user_id = 3", SqlDialect.DEFAULT), sql))
                .as("rewritten since it arrived").isEqualTo(-1);
        assertThat(SqlToken.offsetIn(ScannedSql.of("/*!" + sql + "*/", SqlDialect.DEFAULT), sql)).isEqualTo(-1);
        String commented = "SELECT /*!50700 1, */ a FROM t WHERE b = 1";
        assertThat(SqlToken.offsetIn(ScannedSql.of(commented, SqlDialect.of("5.6.51")), commented))
                .as("another server reads executable comments otherwise: lexed again").isEqualTo(-1);
        assertThat(SqlToken.offsetIn(ScannedSql.of(commented, SqlDialect.DEFAULT), commented)).isZero();
        assertThat(SqlToken.scan(commented, ScannedSql.of(commented, SqlDialect.DEFAULT))).isEqualTo(SqlToken.scan(commented));
    }

    private static void normalizes(String sql, String text, Object... values) {
        NormalizedStatement s = n(sql);
        assertThat(s).as(sql).isNotNull();
        assertThat(s.text()).isEqualTo(text);
        assertThat(s.values()).containsExactly(values);
    }

    private static void untouched(String sql) {
        assertThat(n(sql)).as(sql).isNull();
    }

    @Test
    void whereLiteralsBecomeMarkersWithTheValuesThePlannerReads() {
        normalizes("SELECT * FROM t_order WHERE order_id = 17", "SELECT * FROM t_order WHERE order_id = ?", 17L);
        normalizes("SELECT * FROM t WHERE a = 'x' AND b >= 12.50 AND c IN (1, 2, 3)",
                "SELECT * FROM t WHERE a = ? AND b >= ? AND c IN (?, ?, ?)", "x", new BigDecimal("12.50"), 1L, 2L, 3L);
        normalizes("SELECT * FROM t WHERE a BETWEEN 1 AND 5 OR b LIKE 'ab%'", "SELECT * FROM t WHERE a BETWEEN ? AND ? OR b LIKE ?", 1L, 5L, "ab%");
        normalizes("DELETE FROM t WHERE id = 9223372036854775807", "DELETE FROM t WHERE id = ?", Long.MAX_VALUE);
    }

    @Test
    void theRowsOfAValuesListAreLocatedInTheNormalizedText() {
        NormalizedStatement s = n("INSERT INTO t (a, b) VALUES (1, NOW()), ( 2 , 'x' ) ON DUPLICATE KEY UPDATE b = VALUES(b)");
        assertThat(s.text()).isEqualTo("INSERT INTO t (a, b) VALUES (?, NOW()), ( ? , ? ) ON DUPLICATE KEY UPDATE b = VALUES(b)");
        assertThat(s.rows()).containsExactly(new NormalizedStatement.ValuesRow(28, 38, 0, 1, 28, 38),
                new NormalizedStatement.ValuesRow(40, 49, 1, 2, 40, 51));
        assertThat(s.text().substring(28, 38)).isEqualTo("(?, NOW())");
        assertThat(s.text().substring(40, 49)).isEqualTo("( ? , ? )");
        assertThat(n("SELECT * FROM t WHERE id IN (1, 2)").rows()).isEmpty();
    }

    @Test
    void theRowsOfAValuesListAreLocatedInTheSourceTextUnlessACommentIsInside() {
        String sql = "INSERT INTO t (a, b, c) VALUES (- 5, 'it''s',\n 12.50),(-7,'x', 0.5e1) /* after */, (1, /* c */ 'y', 3),"
                + " (2, 'z' /*!50000 , 4 */), (3 # c\n, 'w', 5)";
        NormalizedStatement s = n(sql);
        assertThat(s.rows()).hasSize(5);
        List<String> written = new java.util.ArrayList<>();
        for (NormalizedStatement.ValuesRow row : s.rows()) {
            written.add(row.hasSource() ? sql.substring(row.sourceStart(), row.sourceEnd()) : null);
        }
        assertThat(written).containsExactly("(- 5, 'it''s',\n 12.50)", "(-7,'x', 0.5e1)", null, null, null);
        assertThat(s.values().subList(0, 3)).containsExactly(-5L, "it's", new BigDecimal("12.50"));
    }

    @Test
    void inListsOfDifferentLengthsAreDifferentShapes() {
        assertThat(n("SELECT * FROM t WHERE id IN (1, 2)").text()).isNotEqualTo(n("SELECT * FROM t WHERE id IN (1, 2, 3)").text());
        assertThat(n("SELECT * FROM t WHERE id IN (1, 2)").text()).isEqualTo(n("SELECT * FROM t WHERE id IN (7, 8)").text());
    }

    @Test
    void aSignIsFoldedIntoTheValueOnlyWhereItIsASign() {
        normalizes("SELECT * FROM t WHERE a = -5", "SELECT * FROM t WHERE a = ?", -5L);
        normalizes("SELECT * FROM t WHERE a = - 5", "SELECT * FROM t WHERE a = ?", -5L);
        normalizes("SELECT * FROM t WHERE a = b - 5", "SELECT * FROM t WHERE a = b - ?", 5L);
        normalizes("SELECT * FROM t WHERE a = (b) - 5", "SELECT * FROM t WHERE a = (b) - ?", 5L);
        normalizes("SELECT * FROM t WHERE a = b - -5", "SELECT * FROM t WHERE a = b - ?", -5L);
        normalizes("SELECT * FROM t WHERE a = -9223372036854775808", "SELECT * FROM t WHERE a = ?", Long.MIN_VALUE);
        normalizes("SELECT * FROM t WHERE a = -1.5", "SELECT * FROM t WHERE a = ?", new BigDecimal("-1.5"));
        untouched("SELECT * FROM t WHERE a = b--5");                      // MySQL: b - -5; JSqlParser: a comment
        untouched("SELECT * FROM t WHERE a = -5 ^ 2");                     // ^ binds tighter than the sign
    }

    @Test
    void stringsWithDoubledQuotesKeepTheirValue() {
        normalizes("SELECT * FROM t WHERE name = 'it''s'", "SELECT * FROM t WHERE name = ?", "it's");
        normalizes("SELECT * FROM t WHERE name = ''", "SELECT * FROM t WHERE name = ?", "");
    }

    @Test
    void backslashesAnywhereLeaveTheStatementAlone() {
        // 'a\'b' is one string by default and a string plus garbage under NO_BACKSLASH_ESCAPES
        untouched("SELECT * FROM t WHERE name = 'a\\'b'");
        untouched("SELECT * FROM t WHERE name = 'a\\\\' AND id = 1");
    }

    @Test
    void selectListLiteralsKeepTheirTextForTheColumnLabels() {
        untouched("SELECT 1 + 1");
        untouched("SELECT 'x', 2.5 FROM t");
        normalizes("SELECT 1 + 1, 'x' FROM t WHERE id = 3", "SELECT 1 + 1, 'x' FROM t WHERE id = ?", 3L);
        // a subquery in the select list is labelled with its text too
        normalizes("SELECT (SELECT COUNT(*) FROM u WHERE u.a = 5) FROM t WHERE id = 3",
                "SELECT (SELECT COUNT(*) FROM u WHERE u.a = 5) FROM t WHERE id = ?", 3L);
    }

    @Test
    void ordinalsLimitsHavingAndJoinConditionsStay() {
        normalizes("SELECT a, COUNT(*) FROM t WHERE b = 2 GROUP BY 1 HAVING COUNT(*) > 3 ORDER BY 2 DESC LIMIT 10 OFFSET 20",
                "SELECT a, COUNT(*) FROM t WHERE b = ? GROUP BY 1 HAVING COUNT(*) > 3 ORDER BY 2 DESC LIMIT 10 OFFSET 20", 2L);
        normalizes("SELECT * FROM t WHERE b = 2 LIMIT 5, 10", "SELECT * FROM t WHERE b = ? LIMIT 5, 10", 2L);
        untouched("SELECT * FROM t JOIN u ON u.id = t.id AND u.kind = 3");
        normalizes("SELECT * FROM (SELECT * FROM t WHERE x = 1) d WHERE d.y = 2", "SELECT * FROM (SELECT * FROM t WHERE x = 1) d WHERE d.y = ?", 2L);
        normalizes("SELECT * FROM t WHERE x IN (SELECT a FROM u WHERE b = 'q')", "SELECT * FROM t WHERE x IN (SELECT a FROM u WHERE b = ?)", "q");
    }

    @Test
    void typedAndSpecialLiteralsStay() {
        untouched("SELECT * FROM t WHERE d > NOW() - INTERVAL 1 DAY");
        untouched("SELECT * FROM t WHERE d = DATE '2024-01-01'");
        untouched("SELECT * FROM t WHERE d = TIMESTAMP'2024-01-01 00:00:00'");
        untouched("SELECT * FROM t WHERE name = _utf8mb4'x'");
        untouched("SELECT * FROM t WHERE name = _latin1 'x'");
        untouched("SELECT * FROM t WHERE name = N'x'");
        untouched("SELECT * FROM t WHERE name = 'x' COLLATE utf8mb4_bin");
        untouched("SELECT * FROM t WHERE b = x'0A' OR b = X'0B' OR b = b'01' OR b = 0x1F OR b = 0b01");
        untouched("SELECT * FROM t WHERE f = 1e3 OR f = 1.5E-3 OR f = .5 OR f = 1.");
        untouched("SELECT * FROM t WHERE a = 007");                        // would not render back as written
        untouched("SELECT * FROM t WHERE a = 99999999999999999999");      // beyond a long
        untouched("SELECT * FROM t WHERE name = \"x\"");                  // a name under ANSI_QUOTES
        untouched("SELECT * FROM t WHERE name = 'a' 'b'");                // adjacent strings concatenate
        normalizes("SELECT * FROM t WHERE name LIKE 'a!%' ESCAPE '!'", "SELECT * FROM t WHERE name LIKE ? ESCAPE '!'", "a!%");
    }

    @Test
    void functionAndTypeArgumentsStay() {
        untouched("SELECT * FROM t WHERE CAST(a AS DECIMAL(10, 2)) = CAST(b AS CHAR(5))");
        untouched("SELECT * FROM t WHERE LEFT(name, 3) = SUBSTRING(x, 1, 2)");
        normalizes("SELECT * FROM t WHERE LEFT(name, 3) = 'abc'", "SELECT * FROM t WHERE LEFT(name, 3) = ?", "abc");
        normalizes("SELECT * FROM t WHERE a = (5)", "SELECT * FROM t WHERE a = (?)", 5L);
    }

    @Test
    void writes() {
        normalizes("INSERT INTO t_order (user_id, status) VALUES (1, 'new'), (2, 'paid')",
                "INSERT INTO t_order (user_id, status) VALUES (?, ?), (?, ?)", 1L, "new", 2L, "paid");
        normalizes("INSERT INTO t_order (user_id, created) VALUES (1, NOW())", "INSERT INTO t_order (user_id, created) VALUES (?, NOW())", 1L);
        normalizes("REPLACE INTO t VALUES (1, NULL, TRUE)", "REPLACE INTO t VALUES (?, NULL, TRUE)", 1L);
        normalizes("INSERT INTO t (a, b) VALUES (1, 2) ON DUPLICATE KEY UPDATE b = 3, c = VALUES(c) + 4",
                "INSERT INTO t (a, b) VALUES (?, ?) ON DUPLICATE KEY UPDATE b = 3, c = VALUES(c) + 4", 1L, 2L);
        normalizes("INSERT INTO t SET a = 1, b = 'x'", "INSERT INTO t SET a = ?, b = ?", 1L, "x");
        normalizes("UPDATE t SET a = a + 1, b = 'x' WHERE id = 5 ORDER BY id LIMIT 1",
                "UPDATE t SET a = a + ?, b = ? WHERE id = ? ORDER BY id LIMIT 1", 1L, "x", 5L);
        normalizes("DELETE FROM t WHERE id = 5 LIMIT 1", "DELETE FROM t WHERE id = ? LIMIT 1", 5L);
    }

    @Test
    void commentsAndHintsStayAsWrittenAndTheirContentIsNotTouched() {
        normalizes("/*+ dbmesh:primary */ SELECT * FROM t WHERE id = 5 /* id = 6 */ -- id = 7\n AND b = 'x' # 'y'",
                "/*+ dbmesh:primary */ SELECT * FROM t WHERE id = ? /* id = 6 */ -- id = 7\n AND b = ? # 'y'", 5L, "x");
        normalizes("SELECT * FROM `t 1` WHERE `x = 1` = 2", "SELECT * FROM `t 1` WHERE `x = 1` = ?", 2L);
        untouched("SELECT * FROM t WHERE id = 5 /* unterminated");
        // an executable comment is code, but whether the backend runs it depends on its version: its literals stay
        normalizes("SELECT /*!40001 SQL_NO_CACHE */ * FROM t WHERE id = 5 /*!40101 AND b = 7 */",
                "SELECT /*!40001 SQL_NO_CACHE */ * FROM t WHERE id = ? /*!40101 AND b = 7 */", 5L);
    }

    @Test
    void otherStatementKindsAndCatalogQueriesStay() {
        untouched("CREATE TABLE t (id BIGINT DEFAULT 5, name VARCHAR(10) DEFAULT 'x')");
        untouched("ALTER TABLE t AUTO_INCREMENT = 100");
        untouched("EXPLAIN SELECT * FROM t WHERE id = 5");
        untouched("EXPLAIN ROUTE SELECT * FROM t WHERE id = 5");
        untouched("WITH c AS (SELECT 1) SELECT * FROM c WHERE 1 = 1");
        untouched("(SELECT * FROM t WHERE id = 1)");
        untouched("SHOW TABLES LIKE 'x'");
        untouched("SELECT * FROM information_schema.TABLES WHERE TABLE_NAME = 't_order'");
        untouched("SELECT * FROM `mysql`.user WHERE user = 'root'");
        untouched("SELECT * FROM t WHERE id = ?");                          // a prepared statement's text
        untouched("SELECT * FROM t WHERE id = {fn ABS(5)}");
        untouched("SELECT * FROM t WHERE id = 5)");
        untouched("SELECT * FROM t WHERE id = a");                          // nothing to share
    }

    @Test
    void valuesAreInOrderOfAppearance() {
        assertThat(n("UPDATE t SET a = 'p' WHERE b = 1 AND c IN (2, 'q')").values()).isEqualTo(List.of("p", 1L, 2L, "q"));
    }
}
