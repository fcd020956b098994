package io.dbmesh.proxy.session;

import io.dbmesh.sharding.PhysicalStatement;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which physical statements of a sharded plan may bind the client's values in the binary protocol. */
class ShardBindingTest {
    private final Long id = 42L;
    private final String name = "n\u00e9";
    private final List<Object> values = new ArrayList<>(List.of(id, name));
    private final ShardBinding binding = new ShardBinding(ps -> { }, values);

    private boolean binds(String sql, List<Object> parameters) {
        return binding.binds(new PhysicalStatement("ds_0", sql, parameters), sql, false);
    }

    @Test
    void theClientsValuesUnderRenamedTablesBind() {
        assertThat(binds("SELECT c FROM `t_1` WHERE id = ? AND name = ?", List.of(id, name))).isTrue();
    }

    @Test
    void valuesTheEngineMadeDoNot() {
        // equal but not the client's objects: a generated key, a split row, a rewritten LIMIT
        assertThat(binds("SELECT c FROM `t_1` WHERE id = ? AND name = ?", List.of(id, new String(name)))).isFalse();
        assertThat(binds("SELECT c FROM `t_1` WHERE id = ?", List.of(id))).isFalse();
        assertThat(binds("SELECT c FROM `t_1` WHERE name = ? AND id = ?", List.of(name, id))).isFalse();
        assertThat(binds("SELECT c FROM `t_1`", List.of())).isFalse();
    }

    @Test
    void theSqlMustHaveOneMarkerPerValue() {
        // the text path binds positionally and ignores extra values: a statement with a value written in is text
        assertThat(binds("SELECT c FROM `t_1` WHERE id = 42 AND name = ?", List.of(id, name))).isFalse();
        assertThat(binds("SELECT c FROM `t_1` WHERE id = ? AND name = ? AND note = '?'", List.of(id, name))).isTrue();
        assertThat(binds("SELECT c FROM `t_1` WHERE id = ? /* ? */ AND name = ?", List.of(id, name))).isTrue();
    }

    @Test
    void aBackslashEscapedQuoteDoesNotHideAMarker() {
        String sql = "SELECT c FROM `t_1` WHERE note = 'a\\'?' AND id = ? AND name = ?";
        assertThat(binding.binds(new PhysicalStatement("ds_0", sql, List.of(id, name)), sql, false)).isTrue();
        // under NO_BACKSLASH_ESCAPES the same text reads differently: '?' … the rest is one literal … no longer two markers
        assertThat(binding.binds(new PhysicalStatement("ds_0", sql, List.of(id, name)), sql, true)).isFalse();
    }
}
