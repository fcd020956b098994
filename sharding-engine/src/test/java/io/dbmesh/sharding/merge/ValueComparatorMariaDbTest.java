package io.dbmesh.sharding.merge;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.RowCursor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential test of {@link ValueComparator} against MariaDB itself: the server ranks a corpus of
 * tricky values with {@code DENSE_RANK() OVER (ORDER BY v)} (equal values share a rank), and the
 * comparator must order and equate every pair the same way.
 */
// needs the MariaDB at 127.0.0.1:3306 (README "Tests": -DexcludedGroups=mariadb runs the others without it)
@Tag("mariadb")
class ValueComparatorMariaDbTest {
    private static Connection db;

    @BeforeAll
    static void connect() throws SQLException {
        db = MariaDb.freshDatabase("merge_compare");
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    static List<String> stringCorpus() {
        Set<String> s = new LinkedHashSet<>(List.of("a", "A", "á", "Á", "à", "Ä", "ä", "ae", "æ", "Æ", "ß", "ss", "s", "S",
                "ø", "Ø", "o", "ö", "Ö", "z", "Z", "å", "Å", "y", "ü", "Ü", "u", "i", "I", "ı", "İ", "ﬁ", "fi", "a ",
                "a  ", "a\t", " a", "", " ", "ab", "aB", "AB", "é", "e", "E", "ê", "€", "😀", "😁", "中", "文", "Ω", "ω",
                "-", "_", ".", "a-b", "a_b", "0", "1", "10", "9", "Đ", "đ", "d", "Ł", "ł", "l", "ǅ", "Ǆ", "ǆ", "œ",
                "Œ", "oe", "þ", "Þ", "th", "ð", "Ð", "ÿ", "Ÿ", "ñ", "Ñ", "n", "ç", "c", "\u00a0", "a\u00a0",
                "Straße", "STRASSE", "strasse", "Ünïcödé", "unicode", "ﬀ", "ff", "ǈ", "Ǉ", "ǉ", "lj", "µ", "μ",
                "²", "2", "½", "Ⅻ", "xii", "Ａ", "ａ", "ｶ", "カ", "か", "ガ", "한", "한국", "\u0301", "e\u0301"));
        Random random = new Random(42);
        String pool = "aAbBeéÉèsSßzZöÖøØåÅüÜ  -_.09中😀æÆıİ";
        for (int i = 0; i < 80; i++) {
            StringBuilder b = new StringBuilder();
            int len = 1 + random.nextInt(5);
            for (int k = 0; k < len; k++) b.appendCodePoint(pool.codePointAt(pool.offsetByCodePoints(0, random.nextInt(pool.codePointCount(0, pool.length())))));
            s.add(b.toString());
        }
        return new ArrayList<>(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"utf8mb4_general_ci", "utf8mb4_unicode_ci", "utf8mb4_unicode_520_ci", "utf8mb4_bin",
            "utf8mb4_general_nopad_ci", "utf8mb4_nopad_bin", "utf8mb3_general_ci", "latin1_swedish_ci",
            "latin1_general_ci", "latin1_bin"})
    void stringsOrderLikeMariaDb(String collation) throws SQLException {
        String charset = collation.substring(0, collation.indexOf('_'));
        List<String> corpus = stringCorpus();
        Charset encoding = charset.equals("latin1") ? Charset.forName("windows-1252")
                : Charset.forName("UTF-8");
        String table = "s_" + collation;
        MariaDb.execute(db, "CREATE TABLE " + table + " (id INT PRIMARY KEY, v VARCHAR(40) CHARACTER SET " + charset
                + " COLLATE " + collation + ")");
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
            int id = 0;
            for (String v : corpus) {
                if (!encoding.newEncoder().canEncode(v)) continue;
                if (charset.equals("utf8mb3") && v.codePoints().anyMatch(cp -> cp > 0xFFFF)) continue;
                ps.setInt(1, ++id);
                ps.setString(2, v);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        assertRanksAgree("SELECT v, DENSE_RANK() OVER (ORDER BY v) FROM " + table, Collation.byName(collation));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "BIGINT UNSIGNED:0,1,9,10,18446744073709551615,18446744073709551614,9223372036854775807,9223372036854775808,NULL",
            "BIGINT:0,-1,1,-9223372036854775808,9223372036854775807,-10,-9,100,NULL",
            "INT ZEROFILL:0,1,10,9,4294967295,100",
            "DECIMAL(30,10):0,-0.5,0.5,-1,1,10.25,10.250,-10.25,99999999999999999999.9999999999,-0.0000000001,0.0000000001,3.1,3.10,NULL",
            "DOUBLE:0,-0,1e20,1e-20,-1e20,2.5,-2.5,0.1,0.30000000000000004,1.7976931348623157e308,-1.5e-300,NULL",
            "FLOAT:0,1.5,-1.5,3.4e38,1e-30,0.1,2.5,NULL",
            "TIME(3):'-838:59:59','838:59:59','-10:00:00','-09:00:00','-00:00:01.5','00:00:00','100:00:00','99:59:59.999','-100:00:00',NULL",
            "DATETIME(6):'2024-01-01 10:00:00','2024-01-01 10:00:00.000001','1000-01-01 00:00:00','9999-12-31 23:59:59.999999','0000-00-00 00:00:00',NULL",
            "DATE:'2024-01-01','2023-12-31','0000-00-00','9999-12-31',NULL",
            "YEAR:1901,2155,0,2024,NULL",
            "BIT(10):0,1,512,1023,255,NULL",
            "VARBINARY(10):'a','A','a ','',x'00',x'ff','ab',NULL"})
    void typedValuesOrderLikeMariaDb(String spec) throws SQLException {
        String type = spec.substring(0, spec.indexOf(':'));
        String[] values = spec.substring(spec.indexOf(':') + 1).split(",");
        String table = "t_" + type.replaceAll("[^A-Za-z0-9]", "_");
        MariaDb.execute(db, "CREATE TABLE " + table + " (id INT AUTO_INCREMENT PRIMARY KEY, v " + type + ")");
        for (String v : values) MariaDb.execute(db, "INSERT INTO " + table + "(v) VALUES (" + v + ")");
        assertRanksAgree("SELECT v, DENSE_RANK() OVER (ORDER BY v) FROM " + table, null);
    }

    private void assertRanksAgree(String sql, Collation collation) throws SQLException {
        List<byte[]> values = new ArrayList<>();
        List<Integer> ranks = new ArrayList<>();
        Column column;
        try (RowCursor c = MariaDb.query(db, sql)) {
            column = c.columns().get(0);
            while (c.next()) {
                values.add(c.value(0));
                ranks.add(Integer.parseInt(new String(c.value(1))));
            }
        }
        // A NULL gets a rank of its own below all others: the comparator must agree too.
        ValueComparator cmp = ValueComparator.forColumn(column, collation);
        assertThat(values).hasSizeGreaterThanOrEqualTo(5);
        for (int i = 0; i < values.size(); i++) {
            for (int j = 0; j < values.size(); j++) {
                int expected = Integer.signum(Integer.compare(ranks.get(i), ranks.get(j)));
                int actual = Integer.signum(cmp.compare(values.get(i), values.get(j)));
                assertThat(actual).as("%s: compare(%s, %s)", column.type(), show(values.get(i)), show(values.get(j)))
                        .isEqualTo(expected);
                boolean sameKey = Arrays.equals(cmp.key(values.get(i)), cmp.key(values.get(j)));
                assertThat(sameKey).as("key equality of %s and %s", show(values.get(i)), show(values.get(j)))
                        .isEqualTo(expected == 0);
            }
        }
    }

    private static String show(byte[] v) {
        return v == null ? "NULL" : "'" + new String(v, java.nio.charset.StandardCharsets.UTF_8) + "' ("
                + java.util.HexFormat.of().formatHex(v) + ")";
    }
}
