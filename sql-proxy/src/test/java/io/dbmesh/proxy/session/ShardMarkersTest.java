package io.dbmesh.proxy.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Remembered marker counts answer as lexing would, per text and per NO_BACKSLASH_ESCAPES. */
class ShardMarkersTest {
    private final ShardMarkers markers = new ShardMarkers();

    @Test
    void theSameTextAnswersPerBackslashMode() {
        String sql = "SELECT c FROM `t_1` WHERE note = 'a\\'?' AND id = ? AND name = ?";
        assertThat(markers.of(sql, false)).isEqualTo(2);
        assertThat(markers.of(sql, true)).isEqualTo(1);
        assertThat(markers.of(sql, false)).isEqualTo(2);
        assertThat(markers.of(sql, true)).isEqualTo(1);
    }

    @Test
    void moreTextsThanKeptStillCountRight() {
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i <= ShardMarkers.KEPT * 2; i++) {
                String sql = "SELECT c FROM t WHERE id IN (" + "?, ".repeat(i) + "?)";
                assertThat(markers.of(sql, false)).isEqualTo(i + 1);
            }
        }
    }
}
