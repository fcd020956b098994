package io.dbmesh.core.sql;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SqlLiteralsTest {

    @Test
    void valuesBecomeTheLiteralsAClientWouldType() {
        assertThat(SqlLiterals.literal(null, false)).isEqualTo("NULL");
        assertThat(SqlLiterals.literal(-7L, false)).isEqualTo("-7");
        assertThat(SqlLiterals.literal(new BigInteger("18446744073709551615"), false)).isEqualTo("18446744073709551615");
        assertThat(SqlLiterals.literal(new BigDecimal("1E+3"), false)).isEqualTo("1000");
        assertThat(SqlLiterals.literal(1.5d, false)).isEqualTo("1.5");
        assertThat(SqlLiterals.literal(Double.NaN, false)).isEqualTo("'NaN'");
        assertThat(SqlLiterals.literal(true, false)).isEqualTo("1");
        assertThat(SqlLiterals.literal(new byte[]{0, (byte) 0xAB}, false)).isEqualTo("X'00AB'");
        assertThat(SqlLiterals.literal(LocalDateTime.of(2024, 2, 29, 23, 59, 1, 5000), false)).isEqualTo("'2024-02-29 23:59:01.000005'");
        assertThat(SqlLiterals.literal(LocalDate.of(7, 1, 2), false)).isEqualTo("'0007-01-02'");
        assertThat(SqlLiterals.literal(LocalTime.of(1, 2, 3), false)).isEqualTo("'01:02:03'");
        assertThat(SqlLiterals.literal(Duration.ofHours(-30).minusSeconds(1), false)).isEqualTo("'-30:00:01'");
    }

    @Test
    void stringsAreQuotedForTheSessionsEscapingMode() {
        assertThat(SqlLiterals.literal("it's a \\ \n", false)).isEqualTo("'it''s a \\\\ \\n'");
        assertThat(SqlLiterals.literal("it's a \\ \n", true)).isEqualTo("'it''s a \\ \n'");
        assertThat(SqlLiterals.literal("say \"hi\"\0\u001a\r", false)).isEqualTo("'say \"hi\"\\0\\Z\\r'");
    }

    @Test
    void bindReplacesOnlyRealMarkersInOrder() {
        String sql = "SELECT '?', `?`, ? /* ? */ FROM t WHERE a = ? -- ?\n AND b = '\\'?'";
        assertThat(SqlLiterals.bind(sql, Arrays.asList(1L, "x"), false))
                .isEqualTo("SELECT '?', `?`, 1 /* ? */ FROM t WHERE a = 'x' -- ?\n AND b = '\\'?'");
        assertThat(SqlLiterals.bind("SELECT ?", List.of(), false)).isEqualTo("SELECT ?");
    }

    @Test
    void withoutBackslashEscapesABackslashEndsNoString() {
        // under NO_BACKSLASH_ESCAPES 'a\' is a whole string: the marker after it is real
        assertThat(SqlLiterals.bind("SELECT 'a\\', ?", List.of(2L), true)).isEqualTo("SELECT 'a\\', 2");
    }
}
