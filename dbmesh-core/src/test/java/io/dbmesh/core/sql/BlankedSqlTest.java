package io.dbmesh.core.sql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Literals and comments become spaces (shown here as {@code _} in the expected text), code stays at its offsets. */
class BlankedSqlTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '^', textBlock = """
            ^SELECT 'STD(' FROM t^               ~ ^SELECT ______ FROM t^
            ^SELECT `a``b` FROM t^               ~ ^SELECT ______ FROM t^
            ^SELECT 'it''s', "x" FROM t^         ~ ^SELECT _______, ___ FROM t^
            ^SELECT 'o\\'neil' / 2^              ~ ^SELECT _________ / 2^
            ^SELECT 1 /* don't */ + 2^           ~ ^SELECT 1 ___________ + 2^
            ^SELECT 1 -- it's^                   ~ ^SELECT 1 _______^
            ^SELECT 1 # it's^                    ~ ^SELECT 1 ______^
            ^SELECT /*! STD(a) */ 1^             ~ ^SELECT ___ STD(a) __ 1^
            ^SELECT /*!99999 STD(a) */ 1^        ~ ^SELECT __________________ 1^
            ^SELECT _utf8mb4'x', x'4F'^          ~ ^SELECT _utf8mb4___, x____^
            """)
    void blanksLiteralsAndComments(String sql, String expected) {
        String blanked = BlankedSql.of(sql);
        assertThat(blanked).hasSameSizeAs(sql);
        assertThat(blanked.replace(' ', '_')).isEqualTo(expected.replace(' ', '_'));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '^', textBlock = """
            ^LOCK TABLES `a#b` READ /*!32311 LOCAL */, c -- x^  ~ ^LOCK TABLES `a#b` READ__________LOCAL___, c_____^
            ^SELECT '/* x */' # y^                             ~ ^SELECT '/* x */' ___^
            """)
    void blanksOnlyComments(String sql, String expected) {
        assertThat(BlankedSql.comments(sql, SqlDialect.EVERY_EXECUTABLE_COMMENT).replace(' ', '_')).isEqualTo(expected.replace(' ', '_'));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '^', textBlock = """
            ^ADD FOREIGN KEY REFERENCES `t``u` COMMENT 'REFERENCES x' /* c */^  ~ ^ADD FOREIGN KEY REFERENCES `t``u` COMMENT ______________________^
            """)
    void blanksStringsAndCommentsButKeepsQuotedNames(String sql, String expected) {
        assertThat(BlankedSql.strings(sql).replace(' ', '_')).isEqualTo(expected.replace(' ', '_'));
    }
}
