package io.dbmesh.sharding.plan;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LiteralInliningTest {

    @Test
    void markersOutsideQuotesAndCommentsBecomeTheLiteralsTheyWere() {
        assertThat(LiteralInlining.inline("SELECT '?', `?` FROM t /* ? */ WHERE a = ? AND b = ? AND c = ? -- ?\n AND d = ?",
                List.of(-5L, new BigDecimal("12.50"), "it's", new BigDecimal("-0.5"))))
                .isEqualTo("SELECT '?', `?` FROM t /* ? */ WHERE a = -5 AND b = 12.50 AND c = 'it''s' -- ?\n AND d = -0.5");
    }

    @Test
    void valuesItCannotWriteBackExactlyAreRefused() {
        assertThat(LiteralInlining.inline("SELECT * FROM t WHERE a = ?", List.of(1.5d))).isNull();
        assertThat(LiteralInlining.inline("SELECT * FROM t WHERE a = ?", List.of("a\\b"))).isNull();
        assertThat(LiteralInlining.inline("SELECT * FROM t WHERE a = ?", java.util.Arrays.asList((Object) null))).isNull();
        assertThat(LiteralInlining.inline("SELECT * FROM t WHERE a = ? AND b = ?", List.of(1L))).isNull();
        assertThat(LiteralInlining.inline("SELECT * FROM t WHERE a = ?", List.of(1L, 2L))).isNull();
    }

    @Test
    void federatedPlansAreNotCarriedOver() {
        assertThat(LiteralInlining.inline(new Federated("orders", "SELECT ?", List.of(1L), List.of("t_order"), "test"))).isNull();
    }
}
