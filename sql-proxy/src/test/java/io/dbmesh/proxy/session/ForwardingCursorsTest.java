package io.dbmesh.proxy.session;

import io.dbmesh.sharding.merge.ListCursor;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnType;
import io.dbmesh.core.result.ForwardingCursor;
import io.dbmesh.core.result.RowCursor;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session's wrappers over one cursor share {@link ForwardingCursor}; their warning counts
 * differ on purpose and are pinned here: a sharded result reports the larger of its input's count
 * and the shards' sum (a merge carries none), a relabelled prepared result and SHOW VARIABLES report
 * their input's.
 */
class ForwardingCursorsTest {
    private static final Column NAME = new Column("", "", "", "Variable_name", "Variable_name", 45, 64, ColumnType.VAR_STRING, 0, 0);
    private static final Column VALUE = new Column("", "", "", "Value", "Value", 45, 64, ColumnType.VAR_STRING, 0, 0);

    /** Two SHOW VARIABLES rows from a backend that raised {@code warnings}; records its close. */
    private static final class Backend extends ForwardingCursor {
        final int warnings;
        boolean closed;

        Backend(int warnings) {
            super(new ListCursor(List.of(NAME, VALUE), List.of(row("version", "10.11.0-MariaDB"), row("autocommit", "ON"))));
            this.warnings = warnings;
        }

        @Override
        public int warnings() {
            return warnings;
        }

        @Override
        public void close() {
            closed = true;
            super.close();
        }
    }

    private static byte[][] row(String a, String b) {
        return new byte[][]{a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)};
    }

    private static int drain(RowCursor c) throws Exception {
        int rows = 0;
        try (c) {
            while (c.next()) rows++;
        }
        return rows;
    }

    @Test
    void shardWarningsAreTheLargerOfTheInputsAndTheShardsSum() throws Exception {
        int[] shards = {0};
        Backend merged = new Backend(0);
        ShardWarningsCursor c = new ShardWarningsCursor(merged, () -> shards[0]);
        assertThat(drain(c)).isEqualTo(2);
        shards[0] = 5; // known once the shards are read to their end
        assertThat(c.warnings()).isEqualTo(5);
        assertThat(new ShardWarningsCursor(new Backend(7), () -> 5).warnings()).isEqualTo(7);
        assertThat(merged.closed).isTrue();
    }

    @Test
    void relabelledPreparedResultsForwardTheirInputsWarnings() throws Exception {
        Backend executed = new Backend(4);
        RowCursor labelled = PreparedLabelsCursor.relabel(executed, List.of(NAME.withName("n"), VALUE.withName("v")));
        assertThat(labelled).isInstanceOf(PreparedLabelsCursor.class);
        assertThat(labelled.columns()).extracting(Column::name).containsExactly("n", "v");
        assertThat(drain(labelled)).isEqualTo(2);
        assertThat(labelled.warnings()).isEqualTo(4);
        assertThat(executed.closed).isTrue();
    }

    @Test
    void showVariablesForwardsTheBackendsWarningsAndAnswersItsOwnRows() throws Exception {
        Backend backend = new Backend(1);
        SidecarVariablesCursor c = new SidecarVariablesCursor(backend, 1024, "10.11.19-MariaDB-dbmesh");
        assertThat(c.next()).isTrue();
        assertThat(new String(c.value(1), StandardCharsets.UTF_8)).isEqualTo("10.11.19-MariaDB-dbmesh");
        assertThat(c.next()).isTrue();
        assertThat(new String(c.value(1), StandardCharsets.UTF_8)).isEqualTo("ON");
        assertThat(c.next()).isFalse();
        assertThat(c.warnings()).isEqualTo(1);
        c.close();
        assertThat(backend.closed).isTrue();
    }
}
