package io.dbmesh.core.sql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scanner reads text as MariaDB's lexer does. Each row: the SQL, then the tokens it yields as
 * {@code TYPE:text} separated by " | " (W word, Q quoted identifier, S string, N number, U user
 * variable, V system variable, Y symbol, P parameter marker, C comment when reported).
 */
class SqlScannerTest {

    /** The tokens of {@code sql} in the table's notation. */
    private static String tokens(SqlScanner s) {
        StringBuilder out = new StringBuilder();
        for (SqlScanner.Type t = s.next(); t != SqlScanner.Type.END; t = s.next()) {
            if (!out.isEmpty()) out.append(" | ");
            out.append(switch (t) {
                case WORD -> "W";
                case QUOTED_IDENTIFIER -> "Q";
                case STRING -> "S";
                case NUMBER -> "N";
                case USER_VARIABLE -> "U";
                case SYSTEM_VARIABLE -> "V";
                case SYMBOL -> "Y";
                case PARAMETER_MARKER -> "P";
                case COMMENT -> "C";
                case END -> throw new AssertionError();
            }).append(':').append(s.text());
        }
        return out.toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '^', textBlock = """
            SELECT a FROM t                     ~ W:SELECT | W:a | W:FROM | W:t
            a -- comment                        ~ W:a
            a --comment                         ~ W:a | Y:- | Y:- | W:comment
            a--1                                ~ W:a | Y:- | Y:- | N:1
            a --                                ~ W:a
            ^a --\tb^                           ~ W:a
            a # comment                         ~ W:a
            a#b                                 ~ W:a
            a /* x */ b                         ~ W:a | W:b
            a /* x /* y */ b */                 ~ W:a | W:b | Y:* | Y:/
            a /* x                              ~ W:a
            a /*! b */ c                        ~ W:a | W:b | W:c
            a /*!40101 b */ c                   ~ W:a | W:b | W:c
            a /*M!100100 b */ c                 ~ W:a | W:b | W:c
            a /*M!999999 b */ c                 ~ W:a | W:c
            a /*!50001 b /* c */ d */ e         ~ W:a | W:b | W:d | W:e
            'it''s'                             ~ S:'it''s'
            ^'o\\'neil' x^                      ~ S:'o\\'neil' | W:x
            ^"say ""hi"" now" x^               ~ S:"say ""hi"" now" | W:x
            `a``b` c                            ~ Q:`a``b` | W:c
            ^`a\\` b^                           ~ Q:`a\\` | W:b
            x'4F' b'01' N'n' _utf8mb4'u'        ~ S:x'4F' | S:b'01' | S:N'n' | S:_utf8mb4'u'
            1 1.5 .5 1e-3 0x1F 12abc            ~ N:1 | N:1.5 | N:.5 | N:1e-3 | N:0x1F | N:12abc
            0xE-1 1.5E+3-2                      ~ N:0xE | Y:- | N:1 | N:1.5E+3 | Y:- | N:2
            @a @'b c' @@session.sql_mode        ~ U:@a | U:@'b c' | V:@@session.sql_mode
            a := 1                              ~ W:a | Y::= | N:1
            a = ? AND b IN (?, ?)               ~ W:a | Y:= | P:? | W:AND | W:b | W:IN | Y:( | P:? | Y:, | P:? | Y:)
            '?' "?" `?` /* ? */ -- ?            ~ S:'?' | S:"?" | Q:`?`
            a # ?                               ~ W:a
            /*! ? */ x                          ~ P:? | W:x
            naïve 名前                          ~ W:naïve | W:名前
            """)
    void tokens(String sql, String expected) {
        assertThat(tokens(new SqlScanner(sql))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '^', textBlock = """
            ^'a\\' b^                          ~ S:'a\\' | W:b
            ^'a\\''b' x^                       ~ S:'a\\''b' | W:x
            ^"a\\" ?^                          ~ S:"a\\" | P:?
            """)
    void noBackslashEscapes(String sql, String expected) {
        assertThat(tokens(new SqlScanner(sql, 0, sql.length(), true))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '^', textBlock = """
            a /* x */ b -- y                    ~ W:a | C:/* x */ | W:b | C:-- y
            a # y\\nb                           ~ W:a | C:# y | W:b
            a /*!99999 b */ c                   ~ W:a | C:/*!99999 b */ | W:c
            a /*! b */ c                        ~ W:a | W:b | W:c
            a /* unterminated                   ~ W:a | C:/* unterminated
            """)
    void reportedComments(String sql, String expected) {
        assertThat(tokens(new SqlScanner(sql.replace("\\n", "\n")).reportComments())).isEqualTo(expected);
    }

    @Test
    void unterminatedStringsAndCommentsAreReported() {
        for (String sql : new String[] {"SELECT 'abc", "SELECT `abc", "SELECT /* abc", "SELECT 'a\\'"}) {
            SqlScanner s = new SqlScanner(sql);
            while (s.next() != SqlScanner.Type.END) {
                // drain
            }
            assertThat(s.unterminated()).as(sql).isTrue();
        }
        SqlScanner s = new SqlScanner("SELECT 'a' /* b */");
        while (s.next() != SqlScanner.Type.END) {
            // drain
        }
        assertThat(s.unterminated()).isFalse();
    }

    @Test
    void aBoundedRangeScansOnlyItsPart() {
        String sql = "SELECT 1; SELECT 'x; y'";
        assertThat(tokens(new SqlScanner(sql, 10, sql.length()))).isEqualTo("W:SELECT | S:'x; y'");
        assertThat(tokens(new SqlScanner(sql, 0, 8))).isEqualTo("W:SELECT | N:1");
    }

    @Test
    void positionsAreCharOffsetsAndUtf8ByteOffsets() {
        String sql = "SELECT 'é😀' , ?";
        SqlScanner s = new SqlScanner(sql);
        s.next();
        s.next();
        assertThat(s.start()).isEqualTo(7);
        assertThat(s.end()).isEqualTo(12); // ' é (1 char) 😀 (2 chars) '
        s.next();
        s.next();
        assertThat(s.type()).isEqualTo(SqlScanner.Type.PARAMETER_MARKER);
        assertThat(s.start()).isEqualTo(15);
        assertThat(s.byteOffset(s.start())).isEqualTo(15 + 1 + 2); // é is 2 bytes, 😀 4 bytes for 2 chars
    }

    @Test
    void tokensInsideExecutableCommentsSaySo() {
        SqlScanner s = new SqlScanner("a /*!40101 b */ c");
        s.next();
        assertThat(s.inExecutableComment()).isFalse();
        s.next();
        assertThat(s.text()).isEqualTo("b");
        assertThat(s.inExecutableComment()).isTrue();
        s.next();
        assertThat(s.inExecutableComment()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '^', textBlock = """
            SELECT 1                                      ~ 0
            SELECT ? FROM t WHERE a = ? AND b = '?'       ~ 2
            ^SELECT 'it''s ?', "\\"?" FROM t WHERE x = ?^ ~ 1
            SELECT `?`, `a``?` /* ? */ # ?                ~ 0
            SELECT a--? is a minus minus marker           ~ 1
            SELECT /*!40101 ? */ 1 -- ?                   ~ 1
            """)
    void countsParameterMarkers(String sql, int expected) {
        assertThat(SqlScanner.countParameterMarkers(sql)).isEqualTo(expected);
    }

    @Test
    void valuesOfStringsAndIdentifiers() {
        SqlScanner s = new SqlScanner("'o\\'ne''il\\n' `a``b`");
        s.next();
        assertThat(s.stringValue()).isEqualTo("o'ne'il\n");
        s.next();
        assertThat(s.identifier()).isEqualTo("a`b");
    }
}
