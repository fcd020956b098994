package io.dbmesh.proxy.backend.replica;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GtidPositionTest {

    @Test
    void parsesAndPrintsMariaDbPositions() {
        assertThat(GtidPosition.parse("0-1-42").toString()).isEqualTo("0-1-42");
        assertThat(GtidPosition.parse(" 1-7-3, 0-1-42 ").toString()).isEqualTo("0-1-42,1-7-3");
        assertThat(GtidPosition.parse("").isEmpty()).isTrue();
        assertThat(GtidPosition.parse(null).isEmpty()).isTrue();
    }

    @Test
    void rejectsGarbage() {
        assertThatThrownBy(() -> GtidPosition.parse("0-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GtidPosition.parse("a-b-c")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void coversComparesSequencePerDomain() {
        GtidPosition replica = GtidPosition.parse("0-1-10,1-2-5");
        assertThat(replica.covers(GtidPosition.parse("0-1-10"))).isTrue();
        assertThat(replica.covers(GtidPosition.parse("0-1-9"))).isTrue();
        assertThat(replica.covers(GtidPosition.parse("0-1-11"))).isFalse();
        assertThat(replica.covers(GtidPosition.parse("2-1-1"))).as("unknown domain").isFalse();
        assertThat(replica.covers(GtidPosition.EMPTY)).isTrue();
        assertThat(GtidPosition.EMPTY.covers(replica)).isFalse();
    }

    @Test
    void mergeKeepsTheLaterTransactionOfEachDomain() {
        GtidPosition merged = GtidPosition.parse("0-1-10,1-2-5").merge(GtidPosition.parse("0-1-8,2-3-1"));
        assertThat(merged.toString()).isEqualTo("0-1-10,1-2-5,2-3-1");
        assertThat(GtidPosition.EMPTY.merge(merged)).isEqualTo(merged);
    }
}
