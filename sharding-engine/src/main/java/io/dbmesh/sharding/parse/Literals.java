package io.dbmesh.sharding.parse;

import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimestampValue;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;

import io.dbmesh.core.sql.BackslashEscapes;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Reads values the router can use out of expressions: literals and {@code ?} markers. */
public final class Literals {
    private Literals() {
    }

    /** The value, or null when the expression is not a plain literal or parameter. */
    public static ValueRef valueOf(Expression e) {
        if (e instanceof ParenthesedExpressionList<?> p && p.size() == 1) return valueOf(p.get(0));
        if (e instanceof JdbcParameter p) return new ValueRef.Param(p.getIndex() - 1);
        if (e instanceof LongValue l) {
            BigInteger big = l.getBigIntegerValue();
            return new ValueRef.Literal(big.bitLength() < 64 ? (Object) big.longValue() : new BigDecimal(big));
        }
        if (e instanceof DoubleValue d) return new ValueRef.Literal(new BigDecimal(d.toString()));
        if (e instanceof StringValue s) return new ValueRef.Literal(unescape(s.getValue()));
        if (e instanceof NullValue) return new ValueRef.Literal(null);
        if (e instanceof DateTimeLiteralExpression d) return new ValueRef.Literal(unquote(d.getValue()));
        if (e instanceof DateValue d) return new ValueRef.Literal(d.getValue().toString());
        if (e instanceof TimestampValue t) return new ValueRef.Literal(t.getValue().toString());
        if (e instanceof SignedExpression s && s.getExpression() instanceof LongValue l) {
            BigDecimal v = new BigDecimal(l.getBigIntegerValue());
            if (s.getSign() == '-') v = v.negate();
            return new ValueRef.Literal(v.toBigInteger().bitLength() < 64 ? (Object) v.longValueExact() : v);
        }
        if (e instanceof SignedExpression s && s.getExpression() instanceof DoubleValue d) {
            BigDecimal v = new BigDecimal(d.toString());
            return new ValueRef.Literal(s.getSign() == '-' ? v.negate() : v);
        }
        return null;
    }

    /**
     * A string literal's value as MariaDB reads it by default: {@code ''} is a quote, and a
     * backslash escapes the next character ({@code \n}, {@code \0}, {@code \\}…; {@code \%} and
     * {@code \_} keep their backslash). Statements reach the parser in this spelling also under
     * NO_BACKSLASH_ESCAPES (the sidecar doubles their backslashes first), so this is the client's value.
     */
    public static String unescape(String v) {
        if (v.indexOf('\\') < 0 && v.indexOf('\'') < 0) return v;
        StringBuilder out = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\'' && i + 1 < v.length() && v.charAt(i + 1) == '\'') {
                out.append('\'');
                i++;
            } else if (c == '\\' && i + 1 < v.length()) {
                BackslashEscapes.appendValue(out, v.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.charAt(0) == '\'' && s.endsWith("'") ? s.substring(1, s.length() - 1) : s;
    }
}
