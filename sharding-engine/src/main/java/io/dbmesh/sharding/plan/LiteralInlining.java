package io.dbmesh.sharding.plan;

import io.dbmesh.core.sql.SqlLiterals;
import io.dbmesh.sharding.PhysicalStatement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the values of a normalized text statement back into its bound plan as the literals they
 * were: every physical statement gets its {@code ?} markers replaced by the values' SQL text and no
 * parameters. The backend then runs exactly the text the text-keyed path would have sent (same
 * statement kind, same literal spellings, same result types), only the analysis was shared.
 *
 * <p>Answers null, and the caller plans the original text instead, for plans this cannot carry
 * over exactly: federated ones (Calcite types a {@code ?} otherwise than a literal), local answers
 * and renamed catalog rows, and values other than the normalizer's and the planner's own (Long,
 * BigDecimal, String without backslashes).
 */
final class LiteralInlining {
    private LiteralInlining() {
    }

    static Plan inline(Plan plan) {
        return switch (plan) {
            case Route r -> inlineRoute(r);
            case MergeSort m -> inlineInputs(m);
            case MemorySort m -> inlineInputs(m);
            case Aggregate a -> inlineInputs(a);
            case Distinct d -> inlineInputs(d);
            case Limit l -> inlineInputs(l);
            case Project p -> inlineInputs(p);
            case GeneratedKey g -> inlineInputs(g);
            case Federated f -> null;
            case Values v -> null;
            case LogicalTableNames n -> null;
        };
    }

    private static Plan inlineRoute(Route r) {
        List<PhysicalStatement> statements = new ArrayList<>(r.statements().size());
        for (PhysicalStatement s : r.statements()) {
            String sql = inline(s.sql(), s.parameters());
            if (sql == null) return null;
            statements.add(new PhysicalStatement(s.dataSource(), sql));
        }
        return r.withStatements(statements);
    }

    /** The node over its inputs inlined, or null when one of them cannot be. */
    private static Plan inlineInputs(Plan node) {
        List<Plan> inputs = new ArrayList<>(node.inputs().size());
        for (Plan input : node.inputs()) {
            Plan inlined = inline(input);
            if (inlined == null) return null;
            inputs.add(inlined);
        }
        return node.withInputs(inputs);
    }

    /** {@code sql} with its markers (outside quotes and comments) replaced by the values, or null. */
    static String inline(String sql, List<Object> values) {
        if (values.isEmpty()) return sql;
        StringBuilder out = new StringBuilder(sql.length() + 16 * values.size());
        int next = 0;
        int copied = 0;
        int n = sql.length();
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = closingQuote(sql, i, c);
                if (end < 0) return null;
                i = end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) return null;
                i = end + 1;
            } else if (c == '#' || c == '-' && sql.startsWith("--", i) && (i + 2 == n || Character.isWhitespace(sql.charAt(i + 2)))) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl;
            } else if (c == '?') {
                if (next == values.size()) return null;
                String literal = literal(values.get(next++));
                if (literal == null) return null;
                out.append(sql, copied, i).append(literal);
                copied = i + 1;
            }
        }
        if (next != values.size()) return null;
        return out.append(sql, copied, n).toString();
    }

    /** The literal a value was read from; null for values no normalized literal gives. */
    private static String literal(Object v) {
        // quotes doubled, nothing escaped with a backslash: the same text in either escaping mode
        if (v instanceof Long || v instanceof Integer || v instanceof BigDecimal) return SqlLiterals.literal(v, true);
        if (v instanceof String s && s.indexOf('\\') < 0) return SqlLiterals.literal(s, true);
        return null;
    }

    /** Index of the closing quote ({@code ''} inside is a quote; no backslashes reach here), or -1. */
    private static int closingQuote(String sql, int start, char quote) {
        for (int i = start + 1; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\\') return -1; // the deparsed text of a statement without backslashes has none: do not guess
            if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) i++;
                else return i;
            }
        }
        return -1;
    }
}
