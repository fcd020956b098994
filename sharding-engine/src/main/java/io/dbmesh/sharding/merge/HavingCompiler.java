package io.dbmesh.sharding.merge;

import io.dbmesh.sharding.ShardingException;
import io.dbmesh.sharding.merge.HavingCondition.ColumnRef;
import io.dbmesh.sharding.merge.HavingCondition.Literal;
import io.dbmesh.sharding.merge.HavingCondition.Op;
import io.dbmesh.sharding.merge.HavingCondition.Operand;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnType;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a HAVING clause (JSqlParser) into a {@link HavingCondition} over the merged row, at plan
 * time. It understands AND / OR / NOT, the comparisons = &lt;&gt; != &lt; &lt;= &gt; &gt;=, BETWEEN,
 * IN (literals), IS [NOT] NULL and a bare numeric column, whose operands are merged columns (the
 * planner's resolver maps {@code COUNT(*)}, {@code SUM(x)}, aliases and group columns to their
 * index in the merged row) or literals. Comparisons follow the column's type: numbers
 * numerically, strings by collation, temporal values as temporal values. Anything else — an
 * expression over aggregates ({@code SUM(a)/COUNT(*) > 2}), a function, a subquery, a string
 * compared with a number — is refused with ER_NOT_SUPPORTED_YET naming it, so the planner never runs
 * a HAVING it would answer wrongly. {@link #canEvaluate} asks the same question without throwing.
 */
public final class HavingCompiler {
    private final List<Column> columns;
    private final Function<Expression, Integer> resolver;
    private final Map<Integer, Collation> collations;

    /**
     * @param columns    the merged row's columns
     * @param resolver   the merged-row index of an expression the planner can supply (an aggregate,
     *                   a group column, a select alias), or null/negative when it is not a column
     * @param collations real collations of character columns by index, where known
     */
    public HavingCompiler(List<Column> columns, Function<Expression, Integer> resolver, Map<Integer, Collation> collations) {
        this.columns = List.copyOf(columns);
        this.resolver = resolver;
        this.collations = Map.copyOf(collations);
    }

    public boolean canEvaluate(Expression having) {
        try {
            compile(having);
            return true;
        } catch (ShardingException e) {
            return false;
        }
    }

    public HavingCondition compile(Expression e) throws ShardingException {
        Integer column = resolve(e);
        if (column != null) return truthy(column, e);
        if (e instanceof Parenthesis p) return compile(p.getExpression());
        if (e instanceof ExpressionList<?> list && list.size() == 1) return compile(list.get(0));
        if (e instanceof AndExpression and) return new HavingCondition.And(List.of(compile(and.getLeftExpression()), compile(and.getRightExpression())));
        if (e instanceof OrExpression or) return new HavingCondition.Or(List.of(compile(or.getLeftExpression()), compile(or.getRightExpression())));
        if (e instanceof NotExpression not) return new HavingCondition.Not(compile(not.getExpression()));
        if (e instanceof IsNullExpression isNull) return new HavingCondition.IsNull(operand(isNull.getLeftExpression()), isNull.isNot());
        if (e instanceof ComparisonOperator cmp && op(cmp) != null) return compare(op(cmp), cmp.getLeftExpression(), cmp.getRightExpression());
        if (e instanceof Between between) {
            HavingCondition inRange = new HavingCondition.And(List.of(
                    compare(Op.GE, between.getLeftExpression(), between.getBetweenExpressionStart()),
                    compare(Op.LE, between.getLeftExpression(), between.getBetweenExpressionEnd())));
            return between.isNot() ? new HavingCondition.Not(inRange) : inRange;
        }
        if (e instanceof InExpression in && in.getRightExpression() instanceof ExpressionList<?> list) {
            List<HavingCondition> alternatives = new ArrayList<>();
            for (Expression item : list) alternatives.add(compare(Op.EQ, in.getLeftExpression(), item));
            HavingCondition any = new HavingCondition.Or(alternatives);
            return in.isNot() ? new HavingCondition.Not(any) : any;
        }
        throw unsupported(e);
    }

    private static Op op(ComparisonOperator c) {
        if (c instanceof EqualsTo) return Op.EQ;
        if (c instanceof NotEqualsTo) return Op.NE;
        if (c instanceof GreaterThan) return Op.GT;
        if (c instanceof GreaterThanEquals) return Op.GE;
        if (c instanceof MinorThan) return Op.LT;
        if (c instanceof MinorThanEquals) return Op.LE;
        return null;
    }

    private Integer resolve(Expression e) {
        Integer index = resolver.apply(e);
        return index == null || index < 0 || index >= columns.size() ? null : index;
    }

    private HavingCondition truthy(int column, Expression e) throws ShardingException {
        ColumnType type = columns.get(column).type();
        if (!type.isNumeric()) throw unsupported(e);
        return new HavingCondition.Truthy(new ColumnRef(column), ValueComparator.forColumn(columns.get(column)),
                "0".getBytes(StandardCharsets.ISO_8859_1));
    }

    private Operand operand(Expression e) throws ShardingException {
        Integer column = resolve(e);
        if (column != null) return new ColumnRef(column);
        throw unsupported(e);
    }

    private HavingCondition compare(Op op, Expression leftExpr, Expression rightExpr) throws ShardingException {
        Integer left = resolve(leftExpr), right = resolve(rightExpr);
        if (left == null && right == null) throw unsupported(leftExpr);
        if (left == null) { // literal op column: mirror it
            return compare(mirror(op), rightExpr, leftExpr);
        }
        Column lc = columns.get(left);
        if (right != null) {
            Column rc = columns.get(right);
            return new HavingCondition.Compare(op, new ColumnRef(left), new ColumnRef(right), columnsComparator(lc, rc, left, leftExpr));
        }
        Object literal = literal(rightExpr);
        if (literal == null) return new HavingCondition.Compare(op, new ColumnRef(left), new Literal(null), NullComparator.INSTANCE);
        return literalComparison(op, left, lc, literal, rightExpr);
    }

    private HavingCondition literalComparison(Op op, int index, Column c, Object literal, Expression e) throws ShardingException {
        ColumnType t = c.type();
        ColumnRef ref = new ColumnRef(index);
        if (t.isNumeric()) {
            String number = literal instanceof String s ? numericText(s, e) : (String) ((Object[]) literal)[0];
            boolean approximate = t.isFloatingPoint() || number.contains("e") || number.contains("E")
                    || literal instanceof String;
            ValueComparator cmp = approximate ? DoubleComparator.INSTANCE : NumericTextComparator.INSTANCE;
            return new HavingCondition.Compare(op, ref, new Literal(ascii(number)), cmp);
        }
        if (!(literal instanceof String s)) throw unsupported(e); // a string column against a number
        if (t == ColumnType.TIME || t == ColumnType.TIME2) {
            if (!s.matches("-?\\d{1,3}:\\d{2}:\\d{2}(\\.\\d{1,6})?")) throw unsupported(e);
            return new HavingCondition.Compare(op, ref, new Literal(ascii(s)), TimeComparator.INSTANCE);
        }
        if (t.isTemporal()) {
            if (!s.matches(DateTimeComparator.PATTERN)) throw unsupported(e);
            return new HavingCondition.Compare(op, ref, new Literal(ascii(s)), DateTimeComparator.INSTANCE);
        }
        if (t == ColumnType.YEAR || t == ColumnType.BIT || t == ColumnType.ENUM || t == ColumnType.SET
                || t == ColumnType.GEOMETRY || t == ColumnType.NULL) {
            throw unsupported(e);
        }
        return new HavingCondition.Compare(op, ref, new Literal(s.getBytes(StandardCharsets.UTF_8)),
                ValueComparator.forColumn(c, collations.get(index)));
    }

    private ValueComparator columnsComparator(Column a, Column b, int leftIndex, Expression e) throws ShardingException {
        if (a.type().isNumeric() && b.type().isNumeric()) {
            return a.type().isFloatingPoint() || b.type().isFloatingPoint() ? DoubleComparator.INSTANCE : NumericTextComparator.INSTANCE;
        }
        boolean aTime = a.type() == ColumnType.TIME || a.type() == ColumnType.TIME2;
        boolean bTime = b.type() == ColumnType.TIME || b.type() == ColumnType.TIME2;
        if (aTime && bTime) return TimeComparator.INSTANCE;
        if (a.type().isTemporal() && b.type().isTemporal() && !aTime && !bTime) return DateTimeComparator.INSTANCE;
        if (!a.type().isNumeric() && !b.type().isNumeric() && !a.type().isTemporal() && !b.type().isTemporal()) {
            return ValueComparator.forColumn(a, collations.get(leftIndex));
        }
        throw unsupported(e);
    }

    /** A literal: a String for string literals, Object[]{numberText} for numbers, null for NULL. */
    private Object literal(Expression e) throws ShardingException {
        if (e instanceof NullValue) return null;
        if (e instanceof StringValue s) return s.getValue().replace("''", "'");
        if (e instanceof LongValue l) return new Object[]{l.getStringValue()};
        if (e instanceof DoubleValue d) return new Object[]{d.toString()};
        if (e instanceof SignedExpression s && (s.getExpression() instanceof LongValue || s.getExpression() instanceof DoubleValue)) {
            String inner = (String) ((Object[]) literal(s.getExpression()))[0];
            return new Object[]{s.getSign() == '-' ? "-" + inner : inner};
        }
        if (e instanceof Parenthesis p) return literal(p.getExpression());
        throw unsupported(e);
    }

    /** A string literal compared with a number converts to a number in MySQL; only clean numbers are accepted. */
    private static String numericText(String s, Expression e) throws ShardingException {
        String t = s.trim();
        if (!t.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) throw unsupported(e);
        return t;
    }

    private static Op mirror(Op op) {
        return switch (op) {
            case LT -> Op.GT;
            case LE -> Op.GE;
            case GT -> Op.LT;
            case GE -> Op.LE;
            default -> op;
        };
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static ShardingException unsupported(Expression e) {
        return ShardingException.notSupported("HAVING condition " + e + " over merged shard results");
    }
}
