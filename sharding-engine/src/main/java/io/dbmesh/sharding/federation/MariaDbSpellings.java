package io.dbmesh.sharding.federation;

import io.dbmesh.core.sql.BlankedSql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MariaDB calls Calcite knows under another spelling, respelled before Calcite parses the
 * statement: two-argument {@code ATAN(y, x)} is {@code ATAN2(y, x)}, {@code IFNULL} is
 * {@code COALESCE}, {@code UCASE}/{@code LCASE} are {@code UPPER}/{@code LOWER}, and
 * {@code IF(c, a, b)} is {@code CASE WHEN c THEN a ELSE b END}. Arguments are found on the text with
 * literals blanked, so commas and parentheses inside strings never split them; nested calls are
 * respelled too. Anything else is left as written.
 */
final class MariaDbSpellings {
    private static final Pattern CALL = Pattern.compile("(?i)(?<![\\w.$])(ATAN|IFNULL|UCASE|LCASE|IF)\\s*\\(");

    private MariaDbSpellings() {
    }

    static String toCalcite(String sql) {
        String blank = BlankedSql.of(sql);
        Matcher m = CALL.matcher(blank);
        if (!m.find()) return sql;
        int open = m.end() - 1;
        List<String> args = new ArrayList<>();
        int depth = 0, start = open + 1, close = -1;
        for (int i = open + 1; i < blank.length() && close < 0; i++) {
            char c = blank.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (c == ')' || (c == ',' && depth == 0)) {
                args.add(toCalcite(sql.substring(start, i)));
                start = i + 1;
                if (c == ')') close = i;
            }
        }
        if (close < 0) return sql; // unbalanced: Calcite names the error
        String joined = String.join(",", args);
        String respelled = switch (m.group(1).toUpperCase(Locale.ROOT)) {
            case "ATAN" -> (args.size() == 2 ? "ATAN2(" : "ATAN(") + joined + ")";
            case "IFNULL" -> "COALESCE(" + joined + ")";
            case "UCASE" -> "UPPER(" + joined + ")";
            case "LCASE" -> "LOWER(" + joined + ")";
            default -> args.size() == 3 ? "(CASE WHEN " + args.get(0) + " THEN " + args.get(1) + " ELSE " + args.get(2) + " END)"
                    : "IF(" + joined + ")";
        };
        return sql.substring(0, m.start(1)) + respelled + toCalcite(sql.substring(close + 1));
    }
}
