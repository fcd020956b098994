package io.dbmesh.sharding.merge;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.RowCursor;

import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Compares a merged cursor with the single server's answer: same metadata, byte-identical rows. */
public final class MergeAssertions {
    private MergeAssertions() {
    }

    public static void assertSameResult(RowCursor merged, RowCursor single) throws SQLException {
        List<Column> expectedColumns = single.columns();
        List<Column> actualColumns = merged.columns();
        assertThat(actualColumns).hasSameSizeAs(expectedColumns);
        for (int i = 0; i < expectedColumns.size(); i++) {
            Column e = expectedColumns.get(i), a = actualColumns.get(i);
            assertThat(describe(a)).as("column %d metadata", i).isEqualTo(describe(e));
        }
        List<List<String>> expected = TestRows.drain(single);
        List<List<String>> actual = TestRows.drain(merged);
        assertThat(actual).isEqualTo(expected);
        assertThat(expected).isNotEmpty();
    }

    /**
     * The metadata a client sees, less schema/table names (physical shards differ by design) and
     * less the flag bits MariaDB sets differently on the same aggregate depending on the GROUP BY
     * shape of the query (BINARY, NUM/GROUP on COUNT(*) of a two-column GROUP BY …): of the flags only
     * UNSIGNED and NOT_NULL are compared.
     */
    static String describe(Column c) {
        int flags = c.flags() & (io.dbmesh.core.result.ColumnFlags.UNSIGNED | io.dbmesh.core.result.ColumnFlags.NOT_NULL);
        return c.name() + " " + c.type() + " len=" + c.length() + " dec=" + c.decimals() + " flags=" + flags
                + " charset=" + c.charset();
    }
}
