package io.dbmesh.sharding.federation;

import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Filters Calcite offers to a shard scan, rendered as MariaDB SQL for the shard query's WHERE, and
 * the shard-key values they pin (for pruning shards). Only what renders exactly is pushed: column
 * references, literals, comparisons, AND/OR/NOT, IS [NOT] NULL, LIKE. Anything else (casts Calcite
 * inserted, functions) is left to Calcite. A pushed filter is evaluated by MariaDB with MariaDB's
 * semantics (collations, comparisons), which is what a single server would have done.
 */
final class FilterSql {
    private FilterSql() {
    }

    /** The SQL text of a filter over the scan's columns, or null when it cannot be rendered exactly. */
    static String render(RexNode node, List<String> columnNames) {
        if (node instanceof RexInputRef ref) return quote(columnNames.get(ref.getIndex()));
        if (node instanceof RexLiteral literal) return literal(literal);
        if (!(node instanceof RexCall call)) return null;
        if (call.getKind() == org.apache.calcite.sql.SqlKind.CAST && sameFamily(call)) {
            // Calcite casts a collated VARCHAR column to plain VARCHAR (or INT to DECIMAL) before
            // comparing it with a literal; MariaDB compares the column itself, so the cast vanishes.
            return render(call.getOperands().get(0), columnNames);
        }
        List<String> operands = new ArrayList<>();
        for (RexNode operand : call.getOperands()) {
            String s = render(operand, columnNames);
            if (s == null) return null;
            operands.add(s);
        }
        return switch (call.getKind()) {
            case EQUALS -> binary(operands, "=");
            case NOT_EQUALS -> binary(operands, "<>");
            case LESS_THAN -> binary(operands, "<");
            case LESS_THAN_OR_EQUAL -> binary(operands, "<=");
            case GREATER_THAN -> binary(operands, ">");
            case GREATER_THAN_OR_EQUAL -> binary(operands, ">=");
            case LIKE -> operands.size() == 2 && call.getOperator().getName().equals("LIKE") ? binary(operands, "LIKE") : null;
            case AND -> "(" + String.join(" AND ", operands) + ")";
            case OR -> "(" + String.join(" OR ", operands) + ")";
            case NOT -> "(NOT " + operands.get(0) + ")";
            case IS_NULL -> "(" + operands.get(0) + " IS NULL)";
            case IS_NOT_NULL -> "(" + operands.get(0) + " IS NOT NULL)";
            default -> null;
        };
    }

    private static boolean sameFamily(RexCall cast) {
        org.apache.calcite.rel.type.RelDataType from = cast.getOperands().get(0).getType(), to = cast.getType();
        return org.apache.calcite.sql.type.SqlTypeUtil.inCharFamily(from) && org.apache.calcite.sql.type.SqlTypeUtil.inCharFamily(to)
                || org.apache.calcite.sql.type.SqlTypeUtil.isNumeric(from) && org.apache.calcite.sql.type.SqlTypeUtil.isNumeric(to)
                && !org.apache.calcite.sql.type.SqlTypeUtil.isApproximateNumeric(from)
                || org.apache.calcite.sql.type.SqlTypeUtil.isDatetime(from) && org.apache.calcite.sql.type.SqlTypeUtil.isDatetime(to);
    }

    private static String binary(List<String> operands, String op) {
        return operands.size() == 2 ? "(" + operands.get(0) + " " + op + " " + operands.get(1) + ")" : null;
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    private static String literal(RexLiteral literal) {
        if (literal.isNull()) return "NULL";
        return switch (literal.getTypeName()) {
            case CHAR, VARCHAR -> string(literal.getValueAs(NlsString.class).getValue());
            case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL -> literal.getValueAs(BigDecimal.class).toPlainString();
            case DOUBLE, FLOAT, REAL -> {
                Double d = literal.getValueAs(Double.class);
                yield d == null || d.isNaN() || d.isInfinite() ? null : Double.toString(d);
            }
            case BOOLEAN -> Boolean.TRUE.equals(literal.getValueAs(Boolean.class)) ? "TRUE" : "FALSE";
            case DATE -> string(literal.getValueAs(DateString.class).toString());
            case TIMESTAMP -> string(literal.getValueAs(TimestampString.class).toString());
            case TIME -> string(literal.getValueAs(TimeString.class).toString());
            default -> null;
        };
    }

    /** A MariaDB string literal; backslashes and quotes escaped so sql_mode does not matter. */
    static String string(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /**
     * The shard-key values a filter allows: {@code key = v} or an OR of such; null when the filter
     * does not pin the key to a list of values.
     */
    static List<Object> keyValues(RexNode node, int keyIndex) {
        if (node instanceof RexCall call && call.getKind() == org.apache.calcite.sql.SqlKind.EQUALS) {
            RexNode a = call.getOperands().get(0), b = call.getOperands().get(1);
            if (a instanceof RexInputRef ref && ref.getIndex() == keyIndex && b instanceof RexLiteral l) return value(l);
            if (b instanceof RexInputRef ref && ref.getIndex() == keyIndex && a instanceof RexLiteral l) return value(l);
            return null;
        }
        if (node instanceof RexCall call && call.getKind() == org.apache.calcite.sql.SqlKind.OR) {
            List<Object> all = new ArrayList<>();
            for (RexNode operand : call.getOperands()) {
                List<Object> v = keyValues(operand, keyIndex);
                if (v == null) return null;
                all.addAll(v);
            }
            return all;
        }
        return null;
    }

    private static List<Object> value(RexLiteral l) {
        if (l.isNull()) return List.of();
        Object v = switch (l.getTypeName()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> l.getValueAs(Long.class);
            case DECIMAL -> l.getValueAs(BigDecimal.class);
            case CHAR, VARCHAR -> l.getValueAs(NlsString.class).getValue();
            default -> null;
        };
        return v == null ? null : List.of(v);
    }
}
