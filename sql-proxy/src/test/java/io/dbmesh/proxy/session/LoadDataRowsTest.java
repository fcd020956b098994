package io.dbmesh.proxy.session;

import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.sql.LoadDataStatement;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How LOAD DATA's clauses are read and a file is split into rows, as MariaDB does. */
class LoadDataRowsTest {

    private static List<String> rows(String statement, String file) throws Exception {
        return rows(statement, new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> rows(String statement, InputStream file) throws Exception {
        LoadDataRows rows = new LoadDataRows(file, LoadDataStatement.parse(statement));
        List<String> out = new ArrayList<>();
        for (List<byte[]> row; (row = rows.next()) != null; ) {
            List<String> fields = new ArrayList<>();
            for (byte[] f : row) fields.add(f == LoadDataRows.NULL ? "<null>" : new String(f, StandardCharsets.UTF_8));
            out.add(String.join("|", fields));
        }
        return out;
    }

    @Test
    void defaultsAreTabsNewlinesAndBackslashEscapes() throws Exception {
        assertThat(rows("LOAD DATA LOCAL INFILE 'f' INTO TABLE t", "1\ta\\tb\n2\t\\N\n3\tx\\\\y\\\nz\n4\t\n"))
                .containsExactly("1|a\tb", "2|<null>", "3|x\\y\nz", "4|");
    }

    @Test
    void enclosedFieldsKeepTerminatorsAndDoubledQuotes() throws Exception {
        String load = "LOAD DATA LOCAL INFILE 'f' INTO TABLE t FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"'"
                + " LINES TERMINATED BY '\\r\\n'";
        assertThat(rows(load, "1,\"a,b\"\r\n2,\"say \"\"hi\"\"\"\r\n3,\"line\r\nbreak\"\r\n4,NULL\r\n5,\"NULL\"\r\n6,\"it\\\"s\""))
                .containsExactly("1|a,b", "2|say \"hi\"", "3|line\r\nbreak", "4|<null>", "5|NULL", "6|it\"s");
    }

    @Test
    void linesStartingBySkipsWhatPrecedesIt() throws Exception {
        String load = "LOAD DATA LOCAL INFILE 'f' INTO TABLE t FIELDS TERMINATED BY ',' LINES STARTING BY 'xx' TERMINATED BY ';'";
        assertThat(rows(load, "junk xx1,a;no marker;yyxx2,b;")).containsExactly("1|a", "2|b");
    }

    @Test
    void aFileBiggerThanTheBufferArrivingInSmallReads() throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20_000; i++) b.append(i).append("\t").append("value ").append(i).append("\n");
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new InputStream() { // at most 7 bytes a read, as packets may cut anywhere
            int at;

            @Override
            public int read() {
                return at < bytes.length ? bytes[at++] & 0xff : -1;
            }

            @Override
            public int read(byte[] out, int off, int len) throws IOException {
                if (at >= bytes.length) return -1;
                int n = Math.min(Math.min(len, 7), bytes.length - at);
                System.arraycopy(bytes, at, out, off, n);
                at += n;
                return n;
            }
        };
        List<String> rows = rows("LOAD DATA LOCAL INFILE 'f' INTO TABLE t", trickle);
        assertThat(rows).hasSize(20_000);
        assertThat(rows.get(19_999)).isEqualTo("19999|value 19999");
    }

    @Test
    void theStatementsClauses() throws MySqlException {
        LoadDataStatement s = LoadDataStatement.parse("LOAD DATA LOW_PRIORITY LOCAL INFILE '/tmp/a b.csv' REPLACE INTO TABLE orders.`t_user`"
                + " CHARACTER SET latin1 COLUMNS TERMINATED BY ';' ENCLOSED BY '''' ESCAPED BY '' LINES TERMINATED BY '\\n'"
                + " IGNORE 2 ROWS (user_id, `name`)");
        assertThat(s.fileName()).isEqualTo("/tmp/a b.csv");
        assertThat(s.duplicates()).isEqualTo("REPLACE");
        assertThat(s.table()).isEqualTo("t_user");
        assertThat(s.charset()).isEqualTo("latin1");
        assertThat(s.fieldsTerminatedBy()).containsExactly(';');
        assertThat(s.enclosedBy()).isEqualTo('\'');
        assertThat(s.escapedBy()).isZero();
        assertThat(s.ignoreLines()).isEqualTo(2);
        assertThat(s.columns()).containsExactly("user_id", "name");
    }

    @Test
    void whatTheSidecarCannotHonourIsRefusedByName() {
        assertThatThrownBy(() -> LoadDataStatement.parse("LOAD DATA LOCAL INFILE 'f' INTO TABLE t (a, @b) SET c = @b"))
                .isInstanceOf(MySqlException.class).hasMessageContaining("user variables");
        assertThatThrownBy(() -> LoadDataStatement.parse("LOAD DATA LOCAL INFILE 'f' INTO TABLE t (a) SET c = 1"))
                .isInstanceOf(MySqlException.class).hasMessageContaining("SET");
    }
}
