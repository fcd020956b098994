package io.dbmesh.it.differential;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class OrdersDataSetTest {

    @Test
    void isTheSameOnEveryGeneration() {
        assertThat(OrdersDataSet.generate().insertStatements(100)).isEqualTo(OrdersDataSet.generate().insertStatements(100));
    }

    @Test
    void hasTheAdvertisedShape() {
        OrdersDataSet d = OrdersDataSet.generate();
        assertThat(d.regions).hasSize(10);
        assertThat(d.users).hasSizeGreaterThanOrEqualTo(300);
        assertThat(d.orders).hasSize(2_000);
        assertThat(d.items).hasSize(5_000);
        assertThat(d.configs).isNotEmpty();
        // unique keys
        assertThat(d.users.stream().map(OrdersDataSet.User::userId).collect(Collectors.toSet())).hasSize(d.users.size());
        assertThat(d.orders.stream().map(OrdersDataSet.Order::orderId).collect(Collectors.toSet())).hasSize(2_000);
        // every residue of 4 (2 data sources x 2 tables under mod-like algorithms) owns orders and items
        assertThat(d.orders.stream().map(o -> Math.floorMod(o.userId(), 4)).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(d.items.stream().map(i -> Math.floorMod(i.userId(), 4)).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(0, 1, 2, 3);
    }

    @Test
    void hasTheInterestingValues() {
        OrdersDataSet d = OrdersDataSet.generate();
        assertThat(d.users).anyMatch(u -> u.name() == null).anyMatch(u -> u.balance() == null)
                .anyMatch(u -> u.regionId() == null).anyMatch(u -> u.createdAt() == null)
                .anyMatch(u -> u.balance() != null && u.balance().signum() < 0)
                .anyMatch(u -> u.balance() != null && u.balance().signum() == 0);
        assertThat(d.orders).anyMatch(o -> o.status() == null).anyMatch(o -> o.amount() == null)
                .anyMatch(o -> o.amount() != null && o.amount().signum() < 0)
                .anyMatch(o -> o.createdAt() == null);
        assertThat(d.items).anyMatch(i -> i.sku() == null).anyMatch(i -> i.qty() == null)
                .anyMatch(i -> i.qty() != null && i.qty() <= 0).anyMatch(i -> i.price() == null);
        Set<String> names = d.users.stream().map(OrdersDataSet.User::name).filter(Objects::nonNull).collect(Collectors.toSet());
        assertThat(names).contains("a", "B", "é", "E", "z", "alice", "ALICE", "Bob ");
        // ties in ORDER BY columns
        assertThat(new HashSet<>(d.orders.stream().map(OrdersDataSet.Order::amount).toList()).size()).isLessThan(1_900);
        // users of different years and orders without a user
        Set<Long> userIds = d.users.stream().map(OrdersDataSet.User::userId).collect(Collectors.toSet());
        assertThat(d.orders).anyMatch(o -> !userIds.contains(o.userId()));
        assertThat(d.orders.stream().filter(o -> o.createdAt() != null).map(o -> o.createdAt().getYear()).distinct())
                .containsExactlyInAnyOrder(2023, 2024, 2025);
    }

    @Test
    void quotesLiteralsForMariaDb() {
        assertThat(OrdersDataSet.literal("O'Brien")).isEqualTo("'O''Brien'");
        assertThat(OrdersDataSet.literal("back\\slash")).isEqualTo("'back\\\\slash'");
        assertThat(OrdersDataSet.literal(null)).isEqualTo("NULL");
    }
}
