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

    /**
     * A MariaDB string literal that means the same under every sql_mode (quotes doubled), or null
     * for a string with a backslash, which NO_BACKSLASH_ESCAPES reads otherwise than the default
     * mode: such a filter stays with the federation, which evaluates it with MariaDB's collations.
     */
    static String string(String s) {
        if (s.indexOf('\\') >= 0) return null;
        return "'" + s.replace("'", "''") + "'";
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
        Object v = keyValue(l);
        return v == null ? null : List.of(v);
    }

    /** A literal as the shard functions take key values (Long, BigDecimal, String, LocalDate, LocalDateTime). */
    private static Object keyValue(RexLiteral l) {
        if (l.isNull()) return null;
        return switch (l.getTypeName()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> l.getValueAs(Long.class);
            case DECIMAL -> integral(l.getValueAs(BigDecimal.class)); // Calcite types every exact literal DECIMAL
            case CHAR, VARCHAR -> l.getValueAs(NlsString.class).getValue();
            case DATE -> java.time.LocalDate.parse(l.getValueAs(DateString.class).toString());
            case TIMESTAMP -> java.time.LocalDateTime.parse(l.getValueAs(TimestampString.class).toString().replace(' ', 'T'));
            default -> null;
        };
    }

    private static Object integral(BigDecimal d) {
        try {
            return d.stripTrailingZeros().scale() <= 0 ? (Object) d.longValueExact() : d;
        } catch (ArithmeticException tooLarge) {
            return d;
        }
    }

    /**
     * The bounds a filter puts on the shard key: {@code key > v}, {@code key <= v} … or an AND of such
     * (Calcite's expanded BETWEEN); null when it does not bound the key.
     */
    static io.dbmesh.sharding.algorithm.KeyRange keyRange(RexNode node, int keyIndex) {
        if (!(node instanceof RexCall call)) return null;
        if (call.getKind() == org.apache.calcite.sql.SqlKind.AND) {
            io.dbmesh.sharding.algorithm.KeyRange merged = null;
            for (RexNode operand : call.getOperands()) {
                io.dbmesh.sharding.algorithm.KeyRange r = keyRange(operand, keyIndex);
                if (r == null) continue; // other conjuncts do not widen the key's bounds
                merged = merged == null ? r : new io.dbmesh.sharding.algorithm.KeyRange(
                        r.lower() != null ? r.lower() : merged.lower(), r.lower() != null ? r.lowerInclusive() : merged.lowerInclusive(),
                        r.upper() != null ? r.upper() : merged.upper(), r.upper() != null ? r.upperInclusive() : merged.upperInclusive());
            }
            return merged;
        }
        if (call.getOperands().size() != 2) return null;
        RexNode a = call.getOperands().get(0), b = call.getOperands().get(1);
        org.apache.calcite.sql.SqlKind kind = call.getKind();
        if (b instanceof RexInputRef && a instanceof RexLiteral) { // literal op key: mirror it
            RexNode t = a;
            a = b;
            b = t;
            kind = kind.reverse();
        }
        if (!(a instanceof RexInputRef ref) || ref.getIndex() != keyIndex || !(b instanceof RexLiteral l)) return null;
        Object v = keyValue(l);
        if (v == null) return null;
        return switch (kind) {
            case GREATER_THAN -> io.dbmesh.sharding.algorithm.KeyRange.atLeast(v, false);
            case GREATER_THAN_OR_EQUAL -> io.dbmesh.sharding.algorithm.KeyRange.atLeast(v, true);
            case LESS_THAN -> io.dbmesh.sharding.algorithm.KeyRange.atMost(v, false);
            case LESS_THAN_OR_EQUAL -> io.dbmesh.sharding.algorithm.KeyRange.atMost(v, true);
            default -> null;
        };
    }
}
