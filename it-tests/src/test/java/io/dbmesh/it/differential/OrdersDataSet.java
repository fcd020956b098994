package io.dbmesh.it.differential;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The differential data set for the orders schema, generated from a fixed seed so every run
 * (and every machine) loads exactly the same rows. {@link Random} is used on purpose: its
 * algorithm is specified by the JDK, so a seed means the same sequence everywhere.
 *
 * <p>The values are chosen to trip a sharding engine up where a single server is easy:
 * <ul>
 *   <li>user_ids 1..300 (every residue of any small modulus, so every shard holds rows) plus
 *       a few large and very large ids (hash/range edges);</li>
 *   <li>NULL in every nullable column, often enough that NULL groups and NULL ordering show;</li>
 *   <li>ties in ORDER BY columns (repeated amounts, prices, days) so merges must keep
 *       tie-breaking consistent;</li>
 *   <li>names that differ only in case or accents ('alice'/'ALICE', 'é'/'E'), a trailing space,
 *       an apostrophe, CJK and an emoji, so merge-sorting must follow the column collation
 *       (utf8mb4_general_ci), not Java's String order;</li>
 *   <li>zero and negative balances, amounts and quantities;</li>
 *   <li>dates over three years; orders of users that do not exist and users without orders,
 *       so outer joins and NOT EXISTS have something to find.</li>
 * </ul>
 */
public final class OrdersDataSet {
    public static final long SEED = 20261121L;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final LocalDate START = LocalDate.of(2023, 1, 1);
    private static final int DAYS = 3 * 365;

    /** Names whose order only a collation can decide; several are equal under utf8mb4_general_ci. */
    static final List<String> NAMES = List.of(
            "alice", "Alice", "ALICE", "Bob", "bob", "Bob ", "émile", "Émile", "Emile", "EMILE",
            "Zoë", "zoe", "Zack", "zack", "Chloé", "chloe", "Åsa", "asa", "Ørjan", "O'Brien",
            "Nguyễn", "李雷", "Ümit", "umit", "Ethan", "éthan", "Mia", "mia", "Noah", "a", "B", "é",
            "E", "z", "Straße", "strasse", "", "dolphin 🐬", "back\\slash", "Ångström");

    public record User(long userId, String name, Integer regionId, LocalDateTime createdAt, BigDecimal balance) {
    }

    public record Order(long orderId, long userId, String status, BigDecimal amount, LocalDateTime createdAt) {
    }

    public record Item(long itemId, long orderId, long userId, String sku, Integer qty, BigDecimal price) {
    }

    public record Region(int regionId, String name) {
    }

    public record Config(String k, String v) {
    }

    public final List<Region> regions = new ArrayList<>();
    public final List<Config> configs = new ArrayList<>();
    public final List<User> users = new ArrayList<>();
    public final List<Order> orders = new ArrayList<>();
    public final List<Item> items = new ArrayList<>();

    private OrdersDataSet() {
    }

    public static OrdersDataSet generate() {
        OrdersDataSet d = new OrdersDataSet();
        Random rnd = new Random(SEED);
        d.regions();
        d.configs();
        d.users(rnd);
        d.orders(rnd);
        d.items(rnd);
        return d;
    }

    private void regions() {
        String[] names = {"amsterdam", "Berlin", "Évora", "eindhoven", "Zürich", "zagreb", "Ålesund", "oslo", null, "Århus"};
        for (int i = 0; i < names.length; i++) {
            regions.add(new Region(i + 1, names[i]));
        }
    }

    private void configs() {
        configs.add(new Config("app.name", "dbmesh"));
        configs.add(new Config("app.version", "0.1.0"));
        configs.add(new Config("feature.beta", null));
        configs.add(new Config("Feature.Gamma", "on"));
        configs.add(new Config("limits.max_rows", "1000"));
        configs.add(new Config("motd", "Héllo, wörld"));
        configs.add(new Config("empty", ""));
        configs.add(new Config("quote", "it's"));
        configs.add(new Config("zeta", "last"));
    }

    private void users(Random rnd) {
        List<Long> ids = new ArrayList<>();
        for (long id = 1; id <= 300; id++) {
            ids.add(id);
        }
        for (int k = 0; k < 10; k++) {
            ids.add(1_000L + k * 1_013L);
            ids.add(9_000_000_000L + k * 7_777L);
        }
        for (long id : ids) {
            int r = rnd.nextInt(100);
            String name = r < 4 ? null : NAMES.get(rnd.nextInt(NAMES.size()));
            r = rnd.nextInt(100);
            Integer region = r < 5 ? null : r < 8 ? 11 : 1 + rnd.nextInt(10);
            r = rnd.nextInt(100);
            LocalDateTime created = r < 4 ? null
                    : START.plusDays(rnd.nextInt(DAYS)).atTime(r % 2 == 0 ? 9 : rnd.nextInt(24), r % 2 == 0 ? 30 : 0);
            users.add(new User(id, name, region, created, balance(rnd)));
        }
    }

    private static BigDecimal balance(Random rnd) {
        int r = rnd.nextInt(100);
        if (r < 5) {
            return null;
        }
        if (r < 10) {
            return cents(0);
        }
        if (r < 20) {
            return cents(-(1 + rnd.nextInt(50_000)));
        }
        if (r < 35) {
            return pick(rnd, "100.00", "250.50", "999.99");
        }
        return cents(1 + rnd.nextInt(500_000));
    }

    private void orders(Random rnd) {
        List<User> eligible = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            if (i % 11 != 5) { // every 11th user never ordered
                eligible.add(users.get(i));
            }
        }
        String[] statuses = {"NEW", "PAID", "SHIPPED", "CANCELLED", "REFUNDED"};
        int[] weights = {25, 30, 25, 12, 5};
        for (int i = 0; i < 2_000; i++) {
            long orderId = 100_000L + i * 7L + rnd.nextInt(7);
            int r = rnd.nextInt(100);
            long userId;
            if (r < 1) {
                userId = 5_000_000L + rnd.nextInt(5); // orphan: no such user
            } else if (r < 21) {
                userId = eligible.get(rnd.nextInt(10)).userId(); // a few heavy buyers
            } else {
                userId = eligible.get(rnd.nextInt(eligible.size())).userId();
            }
            r = rnd.nextInt(100);
            String status = null;
            if (r >= 3) {
                int w = rnd.nextInt(97);
                for (int s = 0; s < statuses.length; s++) {
                    if (w < weights[s]) {
                        status = statuses[s];
                        break;
                    }
                    w -= weights[s];
                }
            }
            r = rnd.nextInt(100);
            LocalDateTime created = r < 2 ? null : START.atStartOfDay().plusHours(rnd.nextInt(DAYS * 24));
            orders.add(new Order(orderId, userId, status, amount(rnd), created));
        }
    }

    private static BigDecimal amount(Random rnd) {
        int r = rnd.nextInt(100);
        if (r < 2) {
            return null;
        }
        if (r < 5) {
            return cents(0);
        }
        if (r < 9) {
            return cents(-(1 + rnd.nextInt(20_000)));
        }
        if (r < 30) {
            return pick(rnd, "19.99", "49.50", "100.00", "250.00");
        }
        return cents(1 + rnd.nextInt(99_999));
    }

    private void items(Random rnd) {
        List<Order> withItems = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            if (i % 13 != 7) { // every 13th order has no items
                withItems.add(orders.get(i));
            }
        }
        for (int i = 0; i < 5_000; i++) {
            long itemId = 1_000_000L + i;
            long orderId;
            long userId;
            if (i % 500 == 250) { // ten items whose order does not exist
                orderId = 777_000L + i;
                userId = users.get(rnd.nextInt(users.size())).userId();
            } else {
                Order o = withItems.get(rnd.nextInt(withItems.size()));
                orderId = o.orderId();
                userId = o.userId();
            }
            int r = rnd.nextInt(100);
            String sku = r < 2 ? null : String.format("SKU-%03d", 1 + rnd.nextInt(60));
            r = rnd.nextInt(100);
            Integer qty = r < 2 ? null : r < 4 ? 0 : r == 4 ? -1 : 1 + rnd.nextInt(5);
            items.add(new Item(itemId, orderId, userId, sku, qty, price(rnd)));
        }
    }

    private static BigDecimal price(Random rnd) {
        int r = rnd.nextInt(100);
        if (r < 2) {
            return null;
        }
        if (r < 4) {
            return cents(0);
        }
        if (r < 30) {
            return pick(rnd, "9.99", "19.99", "5.00");
        }
        return cents(50 + rnd.nextInt(19_950));
    }

    private static BigDecimal cents(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    private static BigDecimal pick(Random rnd, String... values) {
        return new BigDecimal(values[rnd.nextInt(values.length)]);
    }

    /** Multi-row INSERT statements loading the whole data set, tables in {@link OrdersSchema#TABLES} order. */
    public List<String> insertStatements(int rowsPerStatement) {
        return insertStatements(rowsPerStatement, false);
    }

    /**
     * @param reverseRows insert every table's rows last-first (for a physically scrambled mirror)
     */
    public List<String> insertStatements(int rowsPerStatement, boolean reverseRows) {
        List<Region> regions = reverseRows ? this.regions.reversed() : this.regions;
        List<Config> configs = reverseRows ? this.configs.reversed() : this.configs;
        List<User> users = reverseRows ? this.users.reversed() : this.users;
        List<Order> orders = reverseRows ? this.orders.reversed() : this.orders;
        List<Item> items = reverseRows ? this.items.reversed() : this.items;
        List<String> out = new ArrayList<>();
        batches(out, "t_region (region_id, name)", regions, rowsPerStatement,
                r -> tuple(r.regionId(), r.name()));
        batches(out, "t_config (k, v)", configs, rowsPerStatement, c -> tuple(c.k(), c.v()));
        batches(out, "t_user (user_id, name, region_id, created_at, balance)", users, rowsPerStatement,
                u -> tuple(u.userId(), u.name(), u.regionId(), u.createdAt(), u.balance()));
        batches(out, "t_order (order_id, user_id, status, amount, created_at)", orders, rowsPerStatement,
                o -> tuple(o.orderId(), o.userId(), o.status(), o.amount(), o.createdAt()));
        batches(out, "t_order_item (item_id, order_id, user_id, sku, qty, price)", items, rowsPerStatement,
                i -> tuple(i.itemId(), i.orderId(), i.userId(), i.sku(), i.qty(), i.price()));
        return out;
    }

    private static <T> void batches(List<String> out, String target, List<T> rows, int size, Function<T, String> tuple) {
        for (int from = 0; from < rows.size(); from += size) {
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(target).append(" VALUES ");
            List<T> batch = rows.subList(from, Math.min(rows.size(), from + size));
            for (int i = 0; i < batch.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(tuple.apply(batch.get(i)));
            }
            out.add(sql.toString());
        }
    }

    private static String tuple(Object... values) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(literal(values[i]));
        }
        return sb.append(')').toString();
    }

    static String literal(Object value) {
        return switch (value) {
            case null -> "NULL";
            case String s -> "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
            case LocalDateTime t -> "'" + t.format(DATE_TIME) + "'";
            case BigDecimal b -> b.toPlainString();
            default -> value.toString();
        };
    }
}
