package io.dbmesh.it.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of SELECTs over the orders schema (issue 10 item 5): projections, predicates
 * on and off the shard key, binding joins, aggregates with GROUP BY / HAVING, ORDER BY + LIMIT,
 * DISTINCT, IN-subqueries, NULL tests. Every statement has a deterministic answer on one MariaDB:
 * a LIMIT always follows an ORDER BY ending in a unique key, grouped outputs only show columns
 * whose equal values are spelled alike (status, sku, numbers), and case-insensitively equal names
 * are only filtered, counted or sorted with the key as tie-breaker. Without ORDER BY the rows are
 * compared as multisets. Also correlated EXISTS / scalar subqueries and NOT IN over NULLs, comparisons
 * and sorts under a named collation, and MariaDB row functions (scattered and federated). The same
 * seed gives the same statements.
 */
final class RandomQueries {
    private final Random rnd;

    /** A few predicates per table for federated shapes, so their texts repeat and hit the plan cache. */
    private final java.util.Map<Table, List<String>> federatedPredicates = new java.util.HashMap<>();

    RandomQueries(long seed) {
        this.rnd = new Random(seed);
        for (Table t : TABLES) {
            List<String> pool = new ArrayList<>();
            for (int i = 0; i < 6; i++) pool.add(predicate(t, null));
            federatedPredicates.put(t, pool);
        }
    }

    /** One of the table's few federated predicates, qualified with {@code alias} (or not, for null). */
    private String federatedPredicate(Table t, String alias) {
        String p = pick(federatedPredicates.get(t));
        return alias == null ? p : qualify(p, t, alias);
    }

    /** A table, its unique key, groupable columns, summable numbers and predicates. */
    private record Table(String name, String alias, String key, List<String> groups, List<String> numbers,
                         List<String> everything, List<String> predicates) {
    }

    private static final Table USER = new Table("t_user", "u", "user_id", List.of("region_id", "YEAR(created_at)"),
            List.of("balance", "region_id", "user_id"), List.of("user_id", "name", "region_id", "created_at", "balance"),
            List.of("user_id = %d", "user_id IN (%d, %d, %d)", "user_id BETWEEN %d AND %d", "user_id > %d", "region_id = %r",
                    "region_id IS NULL", "balance > %m", "balance IS NOT NULL", "name = 'alice'", "name LIKE 'e%%'",
                    "name IN ('Bob', 'zoe', 'asa')", "created_at >= '2023-06-01'", "name IS NULL", "balance BETWEEN 0 AND %m"));
    private static final Table ORDER = new Table("t_order", "o", "order_id", List.of("status", "user_id", "MONTH(created_at)"),
            List.of("amount", "user_id", "order_id"), List.of("order_id", "user_id", "status", "amount", "created_at"),
            List.of("user_id = %d", "user_id IN (%d, %d)", "order_id < %o", "status = 'PAID'", "status IN ('NEW', 'SHIPPED')",
                    "status IS NULL", "amount > %m", "amount IS NULL", "amount <= %m AND user_id > %d",
                    "created_at < '2023-09-01'", "NOT (status = 'CANCELLED')", "user_id = %d OR status = 'REFUNDED'"));
    private static final Table ITEM = new Table("t_order_item", "i", "item_id", List.of("sku", "qty", "user_id"),
            List.of("qty", "price", "order_id"), List.of("item_id", "order_id", "user_id", "sku", "qty", "price"),
            List.of("user_id = %d", "order_id < %o", "sku = 'SKU-007'", "sku LIKE 'SKU-01%%'", "qty > 2", "qty IS NULL",
                    "price < %m", "sku IS NULL", "user_id IN (%d, %d) AND qty >= 1"));
    private static final List<Table> TABLES = List.of(USER, ORDER, ITEM);
    private static final List<String> AGGREGATES = List.of("COUNT(*)", "COUNT(%c)", "SUM(%n)", "MIN(%n)", "MAX(%n)", "AVG(%n)",
            "COUNT(DISTINCT %g)", "MIN(%g)", "MAX(%g)", "BIT_OR(%i)", "BIT_AND(%i)", "SUM(DISTINCT %n)");

    String next() {
        // federated shapes (joins off the key, UNION, derived tables) cost Calcite a compilation each
        // (their literals differ): fewer of them keeps a CI run of thousands of statements short
        return switch (rnd.nextInt(23)) {
            case 20 -> correlated();
            case 21 -> collated();
            case 22 -> functions();
            case 0, 1, 2, 3 -> plain();
            case 4, 5, 6, 7 -> grouped();
            case 8, 9 -> global();
            case 10, 11 -> distinct();
            case 12, 13 -> join();
            case 14 -> subquery();
            case 15 -> federatedJoin();
            case 16 -> union();
            case 17 -> derived();
            default -> expressions();
        };
    }

    private Table table() {
        return TABLES.get(rnd.nextInt(TABLES.size()));
    }

    private String where(Table t, String qualifier) {
        if (rnd.nextInt(4) == 0) return "";
        StringBuilder w = new StringBuilder(" WHERE ").append(predicate(t, qualifier));
        if (rnd.nextInt(3) == 0) w.append(rnd.nextBoolean() ? " AND " : " OR ").append(predicate(t, qualifier));
        return w.toString();
    }

    private String predicate(Table t, String qualifier) {
        String p = pick(t.predicates());
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '%' && i + 1 < p.length()) {
                char k = p.charAt(++i);
                switch (k) {
                    case 'd' -> out.append(1 + rnd.nextInt(120));
                    case 'o' -> out.append(1 + rnd.nextInt(400));
                    case 'r' -> out.append(1 + rnd.nextInt(6));
                    case 'm' -> out.append(rnd.nextInt(500)).append('.').append(rnd.nextInt(10)).append('5');
                    default -> out.append(k);
                }
            } else {
                out.append(c);
            }
        }
        return qualifier == null ? out.toString() : qualify(out.toString(), t, qualifier);
    }

    /** Prefixes the table's column names with its alias (for joins and subqueries). */
    private static String qualify(String sql, Table t, String alias) {
        String out = sql;
        for (String c : t.everything()) out = out.replaceAll("(?<![\\w.'])" + c + "(?![\\w'])", alias + "." + c);
        return out;
    }

    private String plain() {
        Table t = table();
        List<String> cols = subset(t.everything());
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", cols)).append(" FROM ").append(t.name())
                .append(where(t, null));
        if (rnd.nextInt(3) > 0) {
            String first = pick(t.everything());
            sql.append(" ORDER BY ").append(first).append(rnd.nextBoolean() ? " DESC" : "");
            if (!first.equals(t.key())) sql.append(", ").append(t.key()).append(rnd.nextBoolean() ? " DESC" : "");
            if (rnd.nextBoolean()) sql.append(limit());
        }
        return sql.toString();
    }

    private String limit() {
        int n = 1 + rnd.nextInt(30);
        return rnd.nextBoolean() ? " LIMIT " + n : " LIMIT " + rnd.nextInt(50) + ", " + n;
    }

    private String aggregate(Table t) {
        String a = pick(AGGREGATES);
        String number = pick(t.numbers());
        String integer = t == USER ? pick(List.of("user_id", "region_id")) : t == ORDER ? "order_id" : pick(List.of("qty", "item_id"));
        String groupable = t == USER ? "region_id" : t == ORDER ? "status" : "sku";
        return a.replace("%c", pick(t.everything())).replace("%n", number).replace("%i", integer).replace("%g", groupable);
    }

    private String grouped() {
        Table t = table();
        String g = pick(t.groups());
        List<String> aggs = new ArrayList<>();
        for (int i = 0, n = 1 + rnd.nextInt(3); i < n; i++) aggs.add(aggregate(t));
        StringBuilder sql = new StringBuilder("SELECT ").append(g).append(", ").append(String.join(", ", aggs))
                .append(" FROM ").append(t.name()).append(where(t, null)).append(" GROUP BY ").append(g);
        if (rnd.nextInt(4) == 0) sql.append(" HAVING COUNT(*) > ").append(rnd.nextInt(5));
        if (rnd.nextInt(3) > 0) {
            sql.append(" ORDER BY ").append(g).append(rnd.nextBoolean() ? " DESC" : "");
            if (rnd.nextBoolean()) sql.append(limit());
        }
        return sql.toString();
    }

    private String global() {
        Table t = table();
        List<String> aggs = new ArrayList<>();
        for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) aggs.add(aggregate(t));
        return "SELECT " + String.join(", ", aggs) + " FROM " + t.name() + where(t, null);
    }

    private String distinct() {
        Table t = table();
        String col = pick(t.groups());
        String sql = "SELECT DISTINCT " + col + " FROM " + t.name() + where(t, null);
        if (rnd.nextBoolean()) sql += " ORDER BY " + col + (rnd.nextBoolean() ? " DESC" : "") + (rnd.nextBoolean() ? limit() : "");
        return sql;
    }

    private String join() {
        // t_user, t_order and t_order_item are bound on user_id: the join runs on each shard
        boolean items = rnd.nextBoolean();
        Table right = items ? ITEM : ORDER;
        String on = rnd.nextBoolean() ? " ON u.user_id = " + right.alias() + ".user_id" : " USING (user_id)";
        String kind = rnd.nextInt(3) == 0 ? " LEFT JOIN " : " JOIN ";
        String w = rnd.nextBoolean() ? " WHERE " + predicate(right, right.alias()) : "";
        if (rnd.nextBoolean()) {
            String g = "u.region_id";
            return "SELECT " + g + ", COUNT(*), SUM(" + right.alias() + "." + (items ? "qty" : "amount") + ") FROM t_user u" + kind
                    + right.name() + " " + right.alias() + on + w + " GROUP BY " + g + " ORDER BY " + g;
        }
        String sql = "SELECT u.user_id, u.name, " + right.alias() + "." + right.key() + " FROM t_user u" + kind + right.name() + " "
                + right.alias() + on + w;
        if (rnd.nextBoolean()) sql += " ORDER BY " + right.alias() + "." + right.key() + ", u.user_id" + (rnd.nextBoolean() ? limit() : "");
        return sql;
    }

    private String subquery() {
        String inner = "SELECT user_id FROM t_order o" + (rnd.nextBoolean() ? " WHERE " + predicate(ORDER, "o") : "");
        String sql = "SELECT user_id, name FROM t_user WHERE user_id " + (rnd.nextInt(3) == 0 ? "NOT IN" : "IN") + " (" + inner + ")";
        if (rnd.nextBoolean()) sql += " AND " + predicate(USER, null);
        if (rnd.nextBoolean()) sql += " ORDER BY user_id" + (rnd.nextBoolean() ? limit() : "");
        return sql;
    }

    /**
     * EXISTS / NOT EXISTS correlated on the key, a scalar subquery, a NOT IN over a column holding
     * NULLs. Subqueries over sharded tables are federated: their predicates and limits come from
     * small pools, so repeated texts hit the plan cache instead of compiling each time.
     */
    private String correlated() {
        String limit = pick(List.of(" LIMIT 10", " LIMIT 22, 24", " LIMIT 5, 4"));
        return switch (rnd.nextInt(4)) {
            case 0 -> "SELECT u.user_id, u.name FROM t_user u WHERE " + (rnd.nextBoolean() ? "" : "NOT ")
                    + "EXISTS (SELECT 1 FROM t_order o WHERE o.user_id = u.user_id AND " + federatedPredicate(ORDER, "o") + ")"
                    + " ORDER BY u.user_id" + (rnd.nextBoolean() ? limit : "");
            case 1 -> "SELECT u.user_id, (SELECT COUNT(*) FROM t_order o WHERE o.user_id = u.user_id) AS orders FROM t_user u"
                    + " WHERE " + federatedPredicate(USER, "u") + " ORDER BY u.user_id" + limit;
            case 2 -> "SELECT order_id, status FROM t_order WHERE user_id = (SELECT MAX(user_id) FROM t_user WHERE "
                    + federatedPredicate(USER, null) + ") ORDER BY order_id";
            default -> "SELECT user_id, region_id FROM t_user WHERE region_id NOT IN (SELECT region_id FROM t_user WHERE "
                    + federatedPredicate(USER, null) + ")" + " ORDER BY user_id" + (rnd.nextBoolean() ? limit : "");
        };
    }

    private static final List<String> COLLATIONS = List.of("utf8mb4_bin", "utf8mb4_unicode_ci", "utf8mb4_general_ci");

    /** Comparisons, sorts and groups under a collation the statement names (names differ in case and accents). */
    private String collated() {
        String c = pick(COLLATIONS);
        return switch (rnd.nextInt(4)) {
            case 0 -> "SELECT user_id, name FROM t_user WHERE name = '" + pick(List.of("alice", "ALICE", "Bob", "emile", "zoe"))
                    + "' COLLATE " + c + " ORDER BY user_id";
            case 1 -> "SELECT user_id, name FROM t_user ORDER BY name COLLATE " + c + (rnd.nextBoolean() ? " DESC" : "")
                    + ", user_id" + limit();
            case 2 -> "SELECT COUNT(*), COUNT(DISTINCT name COLLATE utf8mb4_bin) FROM t_user" + where(USER, null);
            default -> "SELECT MIN(name COLLATE utf8mb4_bin), MAX(name COLLATE utf8mb4_bin) FROM t_user" + where(USER, null);
        };
    }

    /** Row functions, Calcite's and not (ATAN(y, x), BIN, CONV, FORMAT, SUBSTRING_INDEX, DATE_FORMAT, IF, IFNULL): scattered and federated. */
    private String functions() {
        String f = pick(List.of("BIN(o.order_id)", "CONV(o.order_id, 10, 16)", "OCT(o.user_id)", "HEX(o.status)", "FORMAT(o.amount, 1)",
                "SUBSTRING_INDEX(o.status, 'E', 1)", "DATE_FORMAT(o.created_at, '%Y-%m-%d %H:%i %W')", "IFNULL(o.status, 'none')",
                "IF(o.amount > 250, 'big', 'small')", "ATAN(o.user_id, 7)", "LPAD(o.status, 9, '.')", "CRC32(o.status)",
                "TO_DAYS(o.created_at)", "UCASE(o.status)"));
        if (rnd.nextBoolean()) {
            return "SELECT o.order_id, " + f + " AS f FROM t_order o" + where(ORDER, "o") + " ORDER BY o.order_id" + limit();
        }
        return "SELECT o.order_id, i.item_id, " + f + " AS f FROM t_order o JOIN t_order_item i ON o.order_id = i.order_id"
                + (rnd.nextBoolean() ? " WHERE " + federatedPredicate(ORDER, "o") : "") + " ORDER BY o.order_id, i.item_id LIMIT 20";
    }

    /** Joins the router cannot push down (not on the shard key): answered by the federation. */
    private String federatedJoin() {
        String w = rnd.nextBoolean() ? " WHERE " + federatedPredicate(ORDER, "o") : "";
        return switch (rnd.nextInt(5)) {
            case 0 -> "SELECT * FROM t_order o JOIN t_order_item i ON o.order_id = i.order_id" + w
                    + " ORDER BY i.item_id" + (rnd.nextBoolean() ? limit() : "");
            case 1 -> "SELECT o.status, COUNT(*) AS count, SUM(i.qty) AS value FROM t_order o JOIN t_order_item i ON o.order_id = i.order_id"
                    + w + " GROUP BY o.status ORDER BY o.status";
            case 2 -> "SELECT u.user_id, u.name, o.order_id FROM t_user u JOIN t_order o ON u.region_id = o.user_id" + w
                    + " ORDER BY o.order_id, u.user_id" + (rnd.nextBoolean() ? limit() : "");
            case 3 -> "SELECT o.order_id, i.sku, '" + pick(List.of("李雷", "dolphin 🐬", "Straße", "plain")) + "' AS tag"
                    + " FROM t_order o LEFT JOIN t_order_item i ON o.order_id = i.order_id" + w + " ORDER BY o.order_id, i.item_id";
            default -> "SELECT i.sku, SUM(DISTINCT o.amount), COUNT(DISTINCT o.user_id) FROM t_order o JOIN t_order_item i"
                    + " ON o.order_id = i.order_id" + w + " GROUP BY i.sku ORDER BY i.sku";
        };
    }

    private String union() {
        String all = rnd.nextBoolean() ? " UNION ALL " : " UNION ";
        return "SELECT user_id FROM t_user WHERE " + federatedPredicate(USER, null) + all + "SELECT user_id FROM t_order WHERE "
                + federatedPredicate(ORDER, null) + (rnd.nextBoolean() ? " ORDER BY user_id" : "");
    }

    private String derived() {
        Table t = rnd.nextBoolean() ? ORDER : ITEM;
        String g = t == ORDER ? "status" : "sku";
        return "SELECT x." + g + ", x.c FROM (SELECT " + g + ", COUNT(*) AS c FROM " + t.name() + federatedWhere(t) + " GROUP BY " + g
                + ") x WHERE x.c > " + rnd.nextInt(3) + " ORDER BY x." + g;
    }

    /** Expressions in the select list, ORDER BY an aggregate, aliases that are reserved words elsewhere. */
    private String expressions() {
        Table t = rnd.nextBoolean() ? ORDER : ITEM;
        String g = t == ORDER ? "status" : "sku";
        String n = t == ORDER ? "amount" : "price";
        return switch (rnd.nextInt(5)) {
            case 0 -> "SELECT " + t.key() + ", " + n + " * 2 AS value, COALESCE(" + n + ", 0) + 1, IFNULL(" + g + ", 'none') AS g, "
                    + "CASE WHEN " + n + " > 100 THEN 'big' ELSE 'small' END AS size FROM " + t.name() + federatedWhere(t)
                    + " ORDER BY " + t.key() + limit();
            case 1 -> "SELECT " + g + ", COUNT(*) AS count FROM " + t.name() + federatedWhere(t) + " GROUP BY " + g
                    + " ORDER BY COUNT(*) DESC, " + g + (rnd.nextBoolean() ? limit() : "");
            case 2 -> "SELECT " + g + ", SUM(" + n + ") AS total FROM " + t.name() + " GROUP BY " + g + " HAVING SUM(" + n + ") > "
                    + (500 * rnd.nextInt(6)) + " ORDER BY " + g;
            case 3 -> "SELECT " + g + ", MAX(" + n + ") - MIN(" + n + ") AS spread FROM " + t.name() + federatedWhere(t) + " GROUP BY " + g
                    + " ORDER BY " + g;
            default -> "SELECT DISTINCT " + g + ", " + (t == ORDER ? "user_id % 3" : "qty") + " FROM " + t.name() + federatedWhere(t)
                    + " ORDER BY 1, 2" + (rnd.nextBoolean() ? limit() : "");
        };
    }

    private String federatedWhere(Table t) {
        return rnd.nextInt(4) == 0 ? "" : " WHERE " + federatedPredicate(t, null);
    }

    private String pick(List<String> options) {
        return options.get(rnd.nextInt(options.size()));
    }

    private List<String> subset(List<String> all) {
        List<String> out = new ArrayList<>();
        for (String c : all) if (rnd.nextInt(3) > 0) out.add(c);
        if (out.isEmpty()) out.add(all.get(rnd.nextInt(all.size())));
        return out;
    }
}
