package io.dbmesh.proxy.session;

import io.dbmesh.sharding.rule.DataNode;
import io.dbmesh.sharding.rule.ShardedTable;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The text of a backend's error or warning told in logical names: a shard says {@code Incorrect
 * decimal value: 'x' for column `orders_ds1`.`t_order_0`.`amount` at row 1}, the client must read
 * {@code `orders`.`t_order`.`amount`}.
 *
 * <p>The rule: the message is cut into name tokens — a backquoted name, or a maximal run of
 * identifier characters (letters, digits, {@code _}, {@code $}) — and a token that is exactly a
 * physical schema behind a logical database becomes that database's name, one that is exactly a
 * physical table of the sharded database in use ({@code t_order_0}) becomes its logical table.
 * A foreign key MariaDB named after a physical table ({@code t_order_item_0_ibfk_1}) gets the name
 * it has on the logical table ({@code t_order_item_ibfk_1}). Other parts of longer words
 * ({@code t_order_01}, {@code my_orders_ds0x}) are never touched, nor are
 * physical table names that are also logical table names. A quoted value that happens to equal a
 * physical name is mapped too (MariaDB's messages quote names and values alike).
 */
final class MessageNames {

    private MessageNames() {
    }

    /**
     * @param schemas physical schema → logical database (null when not mapped)
     * @param tables  physical table → logical table of the sharded database in use (empty otherwise)
     */
    static String logical(String message, Function<String, String> schemas, Map<String, String> tables) {
        if (message == null || message.isEmpty()) return message;
        StringBuilder out = null;
        int n = message.length();
        int copied = 0;
        int i = 0;
        while (i < n) {
            char c = message.charAt(i);
            int start, end, next;
            if (c == '`') {
                int close = message.indexOf('`', i + 1);
                if (close < 0) break;
                start = i + 1;
                end = close;
                next = close + 1;
            } else if (identifier(c)) {
                start = i;
                end = i + 1;
                while (end < n && identifier(message.charAt(end))) end++;
                next = end;
            } else {
                i++;
                continue;
            }
            String token = message.substring(start, end);
            String logical = schemas.apply(token);
            if (logical == null) logical = tables.get(token);
            if (logical == null) logical = generatedConstraint(token, tables);
            if (logical != null) {
                if (out == null) out = new StringBuilder(n + 8);
                out.append(message, copied, start).append(logical);
                copied = end;
            }
            i = next;
        }
        return out == null ? message : out.append(message, copied, n).toString();
    }

    /** The suffix MariaDB gives a foreign key it names itself: {@code <table>_ibfk_<n>}. */
    static final String FOREIGN_KEY_SUFFIX = "_ibfk_";

    /**
     * A foreign key named by MariaDB after a physical table ({@code t_order_item_0_ibfk_1}) under
     * the name it has on the logical table ({@code t_order_item_ibfk_1}), or null.
     */
    static String generatedConstraint(String token, Map<String, String> tables) {
        int at = token.lastIndexOf(FOREIGN_KEY_SUFFIX);
        if (at <= 0 || at + FOREIGN_KEY_SUFFIX.length() == token.length()) return null;
        for (int i = at + FOREIGN_KEY_SUFFIX.length(); i < token.length(); i++) {
            if (!Character.isDigit(token.charAt(i))) return null;
        }
        String logical = tables.get(token.substring(0, at));
        return logical == null ? null : logical + token.substring(at);
    }

    private static boolean identifier(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** Physical table → logical table of {@code db}'s sharded tables, where the names differ. */
    static Map<String, String> tables(ShardedDatabase db) {
        Map<String, String> out = new HashMap<>();
        for (ShardedTable t : db.rules().sharded().values()) {
            for (DataNode node : t.strategy().nodes()) {
                String physical = node.table();
                if (!physical.equals(t.name()) && db.rules().kind(physical) == io.dbmesh.sharding.rule.TableKind.DEFAULT) {
                    out.putIfAbsent(physical, t.name());
                }
            }
        }
        return out;
    }
}
