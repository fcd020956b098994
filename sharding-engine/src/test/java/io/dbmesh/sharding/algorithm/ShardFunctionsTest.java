package io.dbmesh.sharding.algorithm;

import io.dbmesh.sharding.ShardingException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardFunctionsTest {
    private final ShardFunctions functions = new ShardFunctions(getClass().getClassLoader());

    @Test
    void murmurMatchesTheReferenceVectors() {
        assertThat(MurmurHash3.hash32("hello".getBytes(StandardCharsets.UTF_8), 0)).isEqualTo(0x248bfa47);
        assertThat(MurmurHash3.hash32(new byte[0], 0)).isEqualTo(0);
        assertThat(MurmurHash3.hash32("The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8), 0x9747b28c))
                .isEqualTo(0x2FA826CD);
    }

    @Test
    void modTreatsEqualValuesOfDifferentTypesAlike() throws ShardingException {
        ShardFunction mod = functions.create("mod", Map.of(), "user_id");
        assertThat(mod.shard(7L, 4)).isEqualTo(3);
        assertThat(mod.shard("7", 4)).isEqualTo(3);
        assertThat(mod.shard(new BigDecimal("7.00"), 4)).isEqualTo(3);
        assertThat(mod.shard(-1L, 4)).isEqualTo(3);
        assertThatThrownBy(() -> mod.shard("abc", 4)).hasMessageContaining("not a number");
        assertThatThrownBy(() -> mod.shard(new BigDecimal("7.5"), 4)).hasMessageContaining("not an integer");
    }

    @Test
    void hashModIsStableAcrossKeyTypes() throws ShardingException {
        ShardFunction hash = functions.create("hash_mod", Map.of(), "k");
        assertThat(hash.shard(42L, 8)).isEqualTo(hash.shard("42", 8)).isEqualTo(hash.shard(new BigDecimal("42.0"), 8));
        // pinned: changing the hash would move existing rows
        assertThat(hash.shard("hello", 1024)).isEqualTo(Math.floorMod(0x248bfa47, 1024));
    }

    @Test
    void smallIntegerRangesRouteExactly() throws ShardingException {
        ShardFunction mod = functions.create("mod", Map.of(), "k");
        assertThat(mod.shards(KeyRange.between(4L, 5L), 4)).isEqualTo(bits(0, 1));
        assertThat(mod.shards(new KeyRange(4L, false, 6L, false), 4)).isEqualTo(bits(1));
        assertThat(mod.shards(KeyRange.atLeast(4L, true), 4)).isEqualTo(bits(0, 1, 2, 3));
        assertThat(mod.shards(KeyRange.between(0L, 1000L), 4)).isEqualTo(bits(0, 1, 2, 3));
        assertThat(mod.shards(KeyRange.between(5L, 4L), 4)).isEqualTo(bits());
    }

    @Test
    void rangeSplitsAtBoundariesAndRejectsOverlap() throws ShardingException {
        ShardFunction range = functions.create("range", Map.of("boundaries", "100,200"), "k");
        assertThat(range.shard(99L, 3)).isZero();
        assertThat(range.shard(100L, 3)).isEqualTo(1);
        assertThat(range.shard(250L, 3)).isEqualTo(2);
        assertThat(range.shards(KeyRange.between(150L, 250L), 3)).isEqualTo(bits(1, 2));
        assertThat(range.shards(KeyRange.atMost(50L, true), 3)).isEqualTo(bits(0));
        assertThat(range.checkShardCount(4)).contains("3 ranges but there are 4 targets");
        assertThatThrownBy(() -> functions.create("range", Map.of("boundaries", "200,100"), "k"))
                .hasMessageContaining("overlap");
    }

    @Test
    void intervalBucketsDates() throws ShardingException {
        ShardFunction monthly = functions.create("interval", Map.of("start", "2024-01-01", "unit", "month"), "created_at");
        assertThat(monthly.shard("2024-01-31 23:59:59", 12)).isZero();
        assertThat(monthly.shard(LocalDate.of(2024, 2, 1), 12)).isEqualTo(1);
        assertThat(monthly.shard("2024-12-05", 12)).isEqualTo(11);
        assertThat(monthly.shards(KeyRange.between("2024-03-15", "2024-05-01"), 12)).isEqualTo(bits(2, 3, 4));
        assertThat(monthly.shards(KeyRange.atMost("2023-06-01", true), 12)).isEqualTo(bits());
        assertThatThrownBy(() -> monthly.shard("2023-12-31 23:59:59", 12)).hasMessageContaining("outside the configured intervals");
        assertThatThrownBy(() -> monthly.shard("2025-01-01", 12)).hasMessageContaining("outside");
    }

    @Test
    void expressionsAreIntegerMathOverTheKeyOnly() throws ShardingException {
        ShardFunction expr = functions.create("expression", Map.of("expression", "user_id / 2 % 2"), "user_id");
        assertThat(List.of(expr.shard(0L, 2), expr.shard(1L, 2), expr.shard(2L, 2), expr.shard(3L, 2), expr.shard(6L, 2)))
                .containsExactly(0, 0, 1, 1, 1);
        assertThat(ArithmeticExpression.parse("-(key + 3) * 2 - 1", "x").evaluate(4)).isEqualTo(-15);
        assertThatThrownBy(() -> ArithmeticExpression.parse("user_id + System.exit(1)", "user_id"))
                .hasMessageContaining("unknown name 'System'");
        assertThatThrownBy(() -> ArithmeticExpression.parse("(user_id + 1", "user_id")).hasMessageContaining("missing ')'");
        ShardFunction byZero = functions.create("expression", Map.of("expression", "k / (k - k)"), "k");
        assertThatThrownBy(() -> byZero.shard(5L, 2)).hasMessageContaining("division by zero");
    }

    @Test
    void customFunctionsComeFromServiceLoader() throws ShardingException {
        ShardFunction last = functions.create("last_digit", Map.of("offset", "1"), "k");
        assertThat(last.shard(128L, 10)).isEqualTo(9);
        assertThatThrownBy(() -> functions.create("nope", Map.of(), "k")).hasMessageContaining("unknown algorithm 'nope'");
    }

    static BitSet bits(int... set) {
        BitSet b = new BitSet();
        for (int i : set) b.set(i);
        return b;
    }
}
