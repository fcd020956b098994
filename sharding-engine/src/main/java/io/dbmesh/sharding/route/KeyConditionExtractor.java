package io.dbmesh.sharding.route;

import io.dbmesh.sharding.parse.ValueRef;

import io.dbmesh.sharding.parse.Literals;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reduces a WHERE expression to a {@link KeyCondition} on the shard key: {@code key = v},
 * {@code v = key}, {@code key IN (v, …)}, {@code key BETWEEN a AND b}, {@code <, <=, >, >=} in either
 * order, AND and OR of those, where v is a literal or a {@code ?}. NOT, IS NULL, functions of the
 * key, comparisons with other columns and subqueries are {@link KeyCondition#ANY}.
 */
public final class KeyConditionExtractor {
    private final Predicate<Column> isKey;

    public KeyConditionExtractor(Predicate<Column> isKey) {
        this.isKey = isKey;
    }

    public KeyCondition extract(Expression e) {
        if (e == null) return KeyCondition.ANY;
        if (e instanceof ParenthesedExpressionList<?> p && p.size() == 1) return extract(p.get(0));
        if (e instanceof AndExpression and) {
            List<KeyCondition> terms = new ArrayList<>();
            for (Expression t : flatten(and, AndExpression.class)) {
                KeyCondition c = extract(t);
                if (!(c instanceof KeyCondition.Any)) terms.add(c);
            }
            return terms.isEmpty() ? KeyCondition.ANY : terms.size() == 1 ? terms.get(0) : new KeyCondition.And(terms);
        }
        if (e instanceof OrExpression or) {
            List<KeyCondition> terms = new ArrayList<>();
            for (Expression t : flatten(or, OrExpression.class)) {
                KeyCondition c = extract(t);
                if (c instanceof KeyCondition.Any) return KeyCondition.ANY; // one unrestricted branch: anywhere
                terms.add(c);
            }
            return new KeyCondition.Or(terms);
        }
        if (e instanceof EqualsTo eq) {
            ValueRef v = keyComparedTo(eq.getLeftExpression(), eq.getRightExpression());
            if (v == null) v = keyComparedTo(eq.getRightExpression(), eq.getLeftExpression());
            return v == null ? KeyCondition.ANY : new KeyCondition.Equal(v);
        }
        if (e instanceof InExpression in && !in.isNot() && isKeyColumn(in.getLeftExpression())
                && in.getRightExpression() instanceof ExpressionList<?> list) {
            List<ValueRef> values = new ArrayList<>();
            for (Expression x : list) {
                ValueRef v = Literals.valueOf(x);
                if (v == null) return KeyCondition.ANY;
                values.add(v);
            }
            return values.isEmpty() ? KeyCondition.ANY : new KeyCondition.In(values);
        }
        if (e instanceof Between b && !b.isNot() && isKeyColumn(b.getLeftExpression())) {
            ValueRef lo = Literals.valueOf(b.getBetweenExpressionStart()), hi = Literals.valueOf(b.getBetweenExpressionEnd());
            return lo == null || hi == null ? KeyCondition.ANY : new KeyCondition.Range(lo, true, hi, true);
        }
        if (e instanceof GreaterThan g) return bound(g.getLeftExpression(), g.getRightExpression(), true, false);
        if (e instanceof GreaterThanEquals g) return bound(g.getLeftExpression(), g.getRightExpression(), true, true);
        if (e instanceof MinorThan m) return bound(m.getLeftExpression(), m.getRightExpression(), false, false);
        if (e instanceof MinorThanEquals m) return bound(m.getLeftExpression(), m.getRightExpression(), false, true);
        return KeyCondition.ANY;
    }

    /** {@code left > right} (greater) or {@code left < right}, either side may be the key. */
    private KeyCondition bound(Expression left, Expression right, boolean greater, boolean inclusive) {
        ValueRef v = keyComparedTo(left, right);
        if (v != null) {
            return greater ? new KeyCondition.Range(v, inclusive, null, false) : new KeyCondition.Range(null, false, v, inclusive);
        }
        v = keyComparedTo(right, left);
        if (v != null) { // value > key means key < value
            return greater ? new KeyCondition.Range(null, false, v, inclusive) : new KeyCondition.Range(v, inclusive, null, false);
        }
        return KeyCondition.ANY;
    }

    private ValueRef keyComparedTo(Expression keySide, Expression valueSide) {
        return isKeyColumn(keySide) ? Literals.valueOf(valueSide) : null;
    }

    private boolean isKeyColumn(Expression e) {
        if (e instanceof ParenthesedExpressionList<?> p && p.size() == 1) return isKeyColumn(p.get(0));
        return e instanceof Column c && isKey.test(c);
    }

    static <T extends net.sf.jsqlparser.expression.BinaryExpression> List<Expression> flatten(T e, Class<T> type) {
        List<Expression> out = new ArrayList<>();
        for (Expression side : List.of(e.getLeftExpression(), e.getRightExpression())) {
            Expression s = side;
            while (s instanceof ParenthesedExpressionList<?> p && p.size() == 1 && type.isInstance(p.get(0))) s = p.get(0);
            if (type.isInstance(s)) out.addAll(flatten(type.cast(s), type));
            else out.add(s);
        }
        return out;
    }
}
