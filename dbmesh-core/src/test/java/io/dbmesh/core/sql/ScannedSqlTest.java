package io.dbmesh.core.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A statement scanned once replays exactly the tokens a fresh scanner lexes. */
class ScannedSqlTest {

    private static final SqlDialect MARIADB_10_6 = SqlDialect.of("10.6.2-MariaDB");

    private static List<String> tokens(SqlScanner s) {
        List<String> out = new ArrayList<>();
        for (SqlScanner.Type t = s.next(); t != SqlScanner.Type.END; t = s.next()) {
            out.add(t + ":" + s.start() + "-" + s.end() + (s.inExecutableComment() ? ":x" : "") + ":" + s.text());
        }
        out.add("END:" + s.start() + ":" + s.unterminated());
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT a FROM t WHERE b = ? AND c = 'it''s' -- x",
            "SELECT /*!40101 SQL_NO_CACHE */ * FROM t /*M!100700 WHERE a = ? */ # ?",
            "SELECT 'o\\'neil', `a``b`, @v := @@session.x, x'4F' FROM t /* c */",
            "SELECT 'unterminated",
            "SELECT 1 /* unterminated",
            "",
    })
    void replaysWhatAScannerLexes(String sql) {
        ScannedSql scanned = ScannedSql.of(sql, MARIADB_10_6);
        assertThat(tokens(scanned.scanner())).isEqualTo(tokens(new SqlScanner(sql, MARIADB_10_6)));
        assertThat(tokens(scanned.scanner().reportComments())).isEqualTo(tokens(new SqlScanner(sql, MARIADB_10_6).reportComments()));
        assertThat(scanned.parameterMarkers())
                .isEqualTo(tokens(new SqlScanner(sql, MARIADB_10_6)).stream().filter(t -> t.startsWith("PARAMETER_MARKER")).count());
    }

    @Test
    void aLongStatementGrowsItsTokenArrays() {
        String sql = "SELECT " + "a, ".repeat(500) + "b FROM t";
        ScannedSql scanned = ScannedSql.of(sql, SqlDialect.DEFAULT);
        assertThat(scanned.size()).isEqualTo(1 + 500 * 2 + 3);
        assertThat(tokens(scanned.scanner())).isEqualTo(tokens(new SqlScanner(sql)));
    }
}
