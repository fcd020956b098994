package io.dbmesh.sharding.federation;

import io.dbmesh.core.sql.BlankedSql;
import io.dbmesh.sharding.PhysicalStatement;
import io.dbmesh.sharding.ShardExecutor;
import io.dbmesh.sharding.ShardResult;
import io.dbmesh.sharding.ShardingException;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ForwardingCursor;
import io.dbmesh.core.result.RowCursor;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GROUP_CONCAT in a federated statement. Calcite concatenates every value (ORDER BY, DISTINCT and
 * SEPARATOR as MariaDB), but knows nothing of {@code group_concat_max_len}: MariaDB cuts a longer
 * result to that many bytes and adds warning 1260, which a merged result cannot carry. So a
 * GROUP_CONCAT is federated only as a select item of its own (its column is then known), the
 * session's {@code group_concat_max_len} is read from a data source (session variables follow the
 * session there), and a value longer than it fails the statement with ER_NOT_SUPPORTED_YET naming
 * GROUP_CONCAT instead of returning a value MariaDB would not return. GROUP_CONCAT anywhere else
 * (inside an expression, HAVING, ORDER BY, a subquery) is refused.
 */
final class GroupConcatLimit {
    private static final Pattern CALL = Pattern.compile("\\bGROUP_CONCAT\\s*\\(");
    private static final Pattern ALIAS = Pattern.compile("(?:AS\\s+)?[\\w$]+|");

    private GroupConcatLimit() {
    }

    /** Result columns that are a GROUP_CONCAT (empty: none in the statement); refuses other uses. */
    static List<Integer> columns(String sql) throws ShardingException {
        String blanked = BlankedSql.of(sql).toUpperCase(Locale.ROOT);
        int total = count(blanked);
        if (total == 0) return List.of();
        List<String> items = SelectItemTexts.of(sql);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String item = BlankedSql.of(items.get(i)).toUpperCase(Locale.ROOT).trim();
            if (item.equals("*") || item.endsWith(".*")) break; // later positions unknown
            Matcher m = CALL.matcher(item);
            if (!m.lookingAt()) continue;
            int end = closing(item, m.end());
            if (end > 0 && ALIAS.matcher(item.substring(end + 1).trim()).matches() && count(item) == 1) out.add(i);
        }
        if (out.size() != total) {
            throw ShardingException.notSupported("GROUP_CONCAT inside an expression, HAVING, ORDER BY or a subquery of a "
                    + "federated query (only a select item of its own is checked against group_concat_max_len)");
        }
        return out;
    }

    /** The session's group_concat_max_len, as a data source of the session sees it. */
    static long sessionLimit(ShardExecutor shards, String dataSource) throws SQLException {
        ShardResult r = shards.execute(new PhysicalStatement(dataSource, "SELECT @@SESSION.group_concat_max_len"));
        if (!(r instanceof ShardResult.Rows rows)) throw new SQLException("no group_concat_max_len", "HY000", 1105);
        try (RowCursor c = rows.cursor()) {
            if (!c.next() || c.value(0) == null) throw new SQLException("no group_concat_max_len", "HY000", 1105);
            return Long.parseLong(new String(c.value(0), StandardCharsets.US_ASCII));
        }
    }

    /** {@code input}, failing on a GROUP_CONCAT value longer than {@code limit} bytes. */
    static RowCursor guard(RowCursor input, List<Integer> columns, long limit) {
        return new ForwardingCursor(input) {
            @Override
            public boolean next() throws SQLException {
                if (!input.next()) return false;
                for (int c : columns) {
                    byte[] v = input.value(c);
                    if (v != null && v.length > limit) {
                        throw ShardingException.notSupported("GROUP_CONCAT result longer than group_concat_max_len ("
                                + limit + ") in a federated query: MariaDB would cut it with warning 1260");
                    }
                }
                return true;
            }
        };
    }

    private static int count(String s) {
        int n = 0;
        for (Matcher m = CALL.matcher(s); m.find(); ) n++;
        return n;
    }

    private static int closing(String s, int from) {
        int depth = 1;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') depth++;
            else if (c == ')' && --depth == 0) return i;
        }
        return -1;
    }
}
