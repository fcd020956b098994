package io.dbmesh.sharding.federation;

import org.apache.calcite.DataContext;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.util.NlsString;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Replaces the dynamic parameters ({@code ?}) of a filter Calcite offers a shard scan with the
 * values of the current execution (Calcite keeps them in the DataContext as {@code ?0}, {@code ?1}
 * …), so that a plan compiled once prunes shards and pushes filters by each execution's values, as
 * it does for literals. Only values that mean the same as a literal of the parameter's type are
 * replaced: numbers (or numeric text) where a number is expected, text where text is expected.
 * Anything else (temporal values, bytes, NULL, a number compared with text) stays a parameter, and
 * Calcite evaluates that filter itself after reading every shard.
 */
final class ParameterLiterals {
    private ParameterLiterals() {
    }

    static RexNode substitute(RexNode filter, DataContext root, RexBuilder rex) {
        return filter.accept(new RexShuttle() {
            @Override
            public RexNode visitDynamicParam(RexDynamicParam param) {
                RexNode literal = literal(root.get("?" + param.getIndex()), param.getType(), rex);
                return literal != null ? literal : param;
            }
        });
    }

    /** The literal meaning {@code value} as a {@code type}, or null when there is none to trust. */
    static RexNode literal(Object value, RelDataType type, RexBuilder rex) {
        if (value == null) return null;
        if (SqlTypeUtil.isExactNumeric(type)) {
            BigDecimal number = exact(value);
            return number == null ? null : rex.makeExactLiteral(number);
        }
        if (SqlTypeUtil.inCharFamily(type) && value instanceof String s) {
            return rex.makeCharLiteral(new NlsString(s, null, null));
        }
        return null;
    }

    private static BigDecimal exact(Object value) {
        return switch (value) {
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Short s -> BigDecimal.valueOf(s);
            case Byte b -> BigDecimal.valueOf(b);
            case BigInteger b -> new BigDecimal(b);
            case BigDecimal d -> d;
            case String s -> {
                try {
                    yield new BigDecimal(s.strip());
                } catch (NumberFormatException notANumber) {
                    yield null;
                }
            }
            default -> null;
        };
    }
}
