package io.dbmesh.proxy.sql;

import io.dbmesh.core.sql.SqlScanner;
import java.util.Arrays;
import java.util.List;

/**
 * A prepared statement's SQL with the positions of its {@code ?} placeholders (outside strings and
 * comments), found once at prepare time, so each execution only splices literals in.
 */
public final class PlaceholderSql {

    private final String sql;
    private final int[] positions;

    private PlaceholderSql(String sql, int[] positions) {
        this.sql = sql;
        this.positions = positions;
    }

    public static PlaceholderSql of(String sql) {
        SqlScanner s = new SqlScanner(sql);
        int[] found = new int[8];
        int n = 0;
        while (s.next() != SqlScanner.Type.END) {
            if (s.isParameterMarker()) {
                if (n == found.length) {
                    found = Arrays.copyOf(found, n * 2);
                }
                found[n++] = s.start();
            }
        }
        return new PlaceholderSql(sql, Arrays.copyOf(found, n));
    }

    public String sql() {
        return sql;
    }

    public int placeholders() {
        return positions.length;
    }

    /** The SQL with the i-th placeholder replaced by {@code literals.get(i)}. */
    public String render(List<String> literals) {
        if (positions.length == 0) {
            return sql;
        }
        int extra = 0;
        for (String l : literals) {
            extra += l.length();
        }
        StringBuilder sb = new StringBuilder(sql.length() + extra);
        int copied = 0;
        for (int i = 0; i < positions.length; i++) {
            sb.append(sql, copied, positions[i]).append(literals.get(i));
            copied = positions[i] + 1;
        }
        return sb.append(sql, copied, sql.length()).toString();
    }
}
