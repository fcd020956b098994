package io.dbmesh.sharding.rewrite;

import io.dbmesh.sharding.parse.AstWalker;
import io.dbmesh.sharding.parse.Literals;
import io.dbmesh.sharding.merge.AggregateFunction;
import io.dbmesh.sharding.merge.SortKey;
import io.dbmesh.sharding.parse.ValueRef;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.JsonAggregateFunction;
import net.sf.jsqlparser.expression.MySQLGroupConcat;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Rewrites a SELECT that runs on several shards so its partial results can be merged exactly, and
 * says how ({@link MergeSpec}); or says why it cannot (then the statement is federated):
 * <ul>
 *   <li>ORDER BY: shards sort, the merge interleaves (columns the client did not select are added
 *       at the end of the select list and hidden afterwards);</li>
 *   <li>aggregates without the shard key among the GROUP BY columns: COUNT/SUM/MIN/MAX partials are
 *       combined, AVG(x) also fetches SUM(x) and COUNT(x); shards sort by the group columns so groups
 *       merge as a stream; an ORDER BY other than the grouping is a memory sort after that;</li>
 *   <li>GROUP BY containing the shard key: every group lives on one shard, shards aggregate alone
 *       (HAVING too);</li>
 *   <li>DISTINCT: shards de-duplicate, the merge again;</li>
 *   <li>LIMIT o, n: shards return o+n rows, the merge skips o and keeps n (no shard-level LIMIT when
 *       groups must be merged first).</li>
 * </ul>
 */
public final class ScatterSelectRewriter {
    private static final Set<String> AGGREGATES = Set.of("COUNT", "SUM", "MIN", "MAX", "AVG", "GROUP_CONCAT", "STD",
            "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "VARIANCE", "VAR_POP", "VAR_SAMP", "BIT_AND", "BIT_OR", "BIT_XOR",
            "JSON_ARRAYAGG", "JSON_OBJECTAGG");
    static final String DERIVED_PREFIX = "__dbmesh_";

    /** The result: a merge, or a reason to federate. */
    public sealed interface Outcome {
        record Merge(MergeSpec spec) implements Outcome {
        }

        record Federate(String reason) implements Outcome {
        }

        /** Neither a merge nor the federation can answer it exactly: refused, naming the construct. */
        record Refuse(String construct) implements Outcome {
        }
    }

    private final PlainSelect ps;
    private final Predicate<Column> isKey;
    private final List<SelectItem<?>> items;
    private final int star; // index of the first * item, or -1
    private final List<SelectItem<?>> derived = new ArrayList<>();

    private ScatterSelectRewriter(PlainSelect ps, Predicate<Column> isKey) {
        this.ps = ps;
        this.isKey = isKey;
        this.items = new ArrayList<>(ps.getSelectItems());
        int s = -1;
        for (int i = 0; i < items.size() && s < 0; i++) if (items.get(i).getExpression() instanceof AllColumns) s = i;
        this.star = s;
    }

    /** Mutates {@code ps} into the shard query (deparse it afterwards) when the outcome is a merge. */
    public static Outcome rewrite(PlainSelect ps, Predicate<Column> isKey) {
        return new ScatterSelectRewriter(ps, isKey).run();
    }

    static boolean isAggregate(Function f) {
        return f.getName() != null && AGGREGATES.contains(f.getName().toUpperCase(Locale.ROOT));
    }

    static boolean containsAggregate(Object e) {
        for (Function f : AstWalker.collect(e, Function.class)) if (isAggregate(f)) return true;
        return !AstWalker.collect(e, MySQLGroupConcat.class).isEmpty() || !AstWalker.collect(e, JsonAggregateFunction.class).isEmpty();
    }

    /**
     * The name of an aggregate JSqlParser parses as a node of its own (not a {@link Function}):
     * GROUP_CONCAT and JSON_ARRAYAGG / JSON_OBJECTAGG; null for anything else.
     */
    static String specialAggregate(Expression e) {
        if (e instanceof MySQLGroupConcat) return "GROUP_CONCAT";
        if (e instanceof JsonAggregateFunction j) {
            return j.getType() == net.sf.jsqlparser.expression.JsonFunctionType.OBJECT ? "JSON_OBJECTAGG" : "JSON_ARRAYAGG";
        }
        return null;
    }

    private Outcome run() {
        if (!AstWalker.collect(ps, AnalyticExpression.class).isEmpty()) return new Outcome.Federate("window function over a sharded table");
        if (ps.getMySqlSqlCalcFoundRows()) return new Outcome.Federate("SQL_CALC_FOUND_ROWS over several shards");
        if (ps.getIntoTables() != null && !ps.getIntoTables().isEmpty()) return new Outcome.Federate("SELECT … INTO over several shards");
        if (ps.getLimitBy() != null || ps.getFetch() != null) return new Outcome.Federate("LIMIT BY / FETCH over several shards");

        List<Expression> groupExprs = new ArrayList<>();
        if (ps.getGroupBy() != null) {
            if (ps.getGroupBy().isMysqlWithRollup() || (ps.getGroupBy().getGroupingSets() != null && !ps.getGroupBy().getGroupingSets().isEmpty())) {
                return new Outcome.Refuse("GROUP BY … WITH ROLLUP over several shards");
            }
            ExpressionList<?> list = ps.getGroupBy().getGroupByExpressionList();
            if (list != null) groupExprs.addAll(list);
        }
        boolean hasAggregate = containsAggregate(ps.getSelectItems()) || (ps.getHaving() != null && containsAggregate(ps.getHaving()))
                || (ps.getOrderByElements() != null && containsAggregate(ps.getOrderByElements()));
        boolean groupedByKey = groupExprs.stream().anyMatch(g -> g instanceof Column c && isKey.test(c));
        boolean mergeGroups = (hasAggregate || !groupExprs.isEmpty()) && !groupedByKey;

        // LIMIT, as values known now or at execution
        ValueRef offset = null, count = null;
        List<Integer> limitParams = new ArrayList<>();
        Limit limit = ps.getLimit();
        if (limit != null) {
            if (limit.isLimitAll() || limit.isLimitNull() || limit.getRowCount() == null) {
                ps.setLimit(null);
                limit = null;
            } else {
                count = Literals.valueOf(limit.getRowCount());
                offset = limit.getOffset() == null ? null : Literals.valueOf(limit.getOffset());
                if (count == null || (limit.getOffset() != null && offset == null)) return new Outcome.Federate("LIMIT with an expression");
            }
        }
        if (ps.getOffset() != null) {
            offset = Literals.valueOf(ps.getOffset().getOffset());
            if (offset == null) return new Outcome.Federate("OFFSET with an expression");
            ps.setOffset(null);
        }
        for (ValueRef v : java.util.Arrays.asList(offset, count)) {
            if (v instanceof ValueRef.Param p) limitParams.add(p.index());
        }

        Outcome o = mergeGroups ? aggregate(groupExprs, offset, count, limitParams)
                : plain(offset, count, limitParams);
        if (o instanceof Outcome.Merge) {
            List<SelectItem<?>> all = new ArrayList<>(items);
            all.addAll(derived);
            ps.setSelectItems(all);
        }
        return o;
    }

    /** No groups to merge: order, de-duplicate, limit. */
    private Outcome plain(ValueRef offset, ValueRef count, List<Integer> limitParams) {
        boolean distinct = ps.getDistinct() != null;
        if (distinct && ps.getDistinct().getOnSelectItems() != null) return new Outcome.Federate("DISTINCT ON over several shards");
        List<SortKey> keys = new ArrayList<>();
        List<int[]> pending = new ArrayList<>(); // {derived k, desc}
        List<OrderByElement> order = ps.getOrderByElements();
        if (order != null) {
            for (OrderByElement e : order) {
                int i = selectIndex(e.getExpression());
                if (i == -2) return new Outcome.Federate("ORDER BY position with SELECT * over several shards");
                if (i >= 0) keys.add(new SortKey(i, !e.isAsc()));
                else {
                    if (distinct) return new Outcome.Federate("DISTINCT with ORDER BY on a column not selected");
                    if (containsParameter(e.getExpression())) return new Outcome.Federate("ORDER BY with a parameter");
                    if (bareNameATableStarMayHold(e.getExpression())) {
                        return new Outcome.Federate("ORDER BY a bare column beside table.* in a join over several shards");
                    }
                    pending.add(new int[]{derive(e.getExpression()), e.isAsc() ? 0 : 1});
                    keys.add(null);
                }
            }
        }
        boolean distinctSorted = false;
        if (distinct && (order == null || order.isEmpty()) && star < 0) {
            // sort shards by every selected column so duplicates meet as neighbours in the merge
            List<OrderByElement> byAll = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                byAll.add(new OrderByElement().withExpression(new LongValue(i + 1)));
                keys.add(new SortKey(i, false));
            }
            ps.setOrderByElements(byAll);
            distinctSorted = true;
        } else if (distinct && star < 0 && ordersByEverySelected(keys)) {
            // ORDER BY covers every selected column (sysbench's DISTINCT c ... ORDER BY c): equal rows
            // already meet as neighbours in the merge, so only the previous row need be remembered
            distinctSorted = true;
        }
        keys = resolve(keys, pending);
        if (count != null) ps.setLimit(new Limit().withRowCount(new Column(SqlTemplate.LIMIT_MARKER)));
        return new Outcome.Merge(new MergeSpec(keys, null, null, List.of(), distinct, distinctSorted, offset, count,
                derived.size(), limitParams, explicitCollations(ps)));
    }

    /** Whether the merge keys name every selected column (then the merged rows are sorted on all of them). */
    private boolean ordersByEverySelected(List<SortKey> keys) {
        java.util.BitSet ordered = new java.util.BitSet();
        for (SortKey k : keys) if (k != null && k.column() >= 0) ordered.set(k.column());
        return ordered.nextClearBit(0) >= items.size();
    }

    /** Groups (or one global group) spread over shards: combine partial aggregates. */
    private Outcome aggregate(List<Expression> groupExprs, ValueRef offset, ValueRef count, List<Integer> limitParams) {
        if (star >= 0) return new Outcome.Federate("SELECT * with aggregates over several shards");
        if (ps.getHaving() != null) return new Outcome.Federate("HAVING over groups spanning shards");
        if (ps.getDistinct() != null) return new Outcome.Federate("DISTINCT with aggregates over several shards");
        List<AggregateFunction> functions = new ArrayList<>();
        List<AggregateFunction> derivedFunctions = new ArrayList<>();
        Expression distinctArgument = null;
        for (int position = 0; position < items.size(); position++) {
            SelectItem<?> item = items.get(position);
            Expression e = item.getExpression();
            if (e instanceof Function f && isAggregate(f) && f.isDistinct() && f.getName().equalsIgnoreCase("COUNT")
                    && f.getParameters() != null && f.getParameters().size() == 1) {
                // COUNT(DISTINCT x): shards group by x too and return x; the merge counts distinct x per group
                Expression x = (Expression) f.getParameters().get(0);
                if (distinctArgument != null && !distinctArgument.toString().equalsIgnoreCase(x.toString())) {
                    return new Outcome.Federate("COUNT(DISTINCT …) of different expressions over several shards");
                }
                distinctArgument = x;
                SelectItem<Expression> replaced = new SelectItem<>(x);
                replaced.setAlias(item.getAlias() != null ? item.getAlias() : new net.sf.jsqlparser.expression.Alias("`" + e.toString().replace("`", "``") + "`", true));
                items.set(position, replaced);
                functions.add(AggregateFunction.COUNT_DISTINCT);
                continue;
            }
            if (specialAggregate(e) != null) {
                // exact only over all the group's rows at once (order, separator, truncation): federated
                return new Outcome.Federate(specialAggregate(e) + "() over several shards");
            }
            if (e instanceof Function f && isAggregate(f)) {
                String name = f.getName().toUpperCase(Locale.ROOT);
                if (f.isDistinct() && !name.equals("MIN") && !name.equals("MAX")) {
                    return new Outcome.Federate(name + "(DISTINCT …) over several shards");
                }
                switch (name) {
                    case "COUNT" -> functions.add(AggregateFunction.COUNT);
                    case "SUM" -> functions.add(AggregateFunction.SUM);
                    case "MIN", "MAX" -> {
                        // the merge compares by the argument's collation, which metadata names only for a bare column
                        AggregateFunction.Kind kind = name.equals("MIN") ? AggregateFunction.Kind.MIN : AggregateFunction.Kind.MAX;
                        if (f.getParameters() != null && f.getParameters().size() == 1) {
                            int collation = items.size() + derive(new Function().withName("COLLATION").withParameters(f.getParameters()));
                            derivedFunctions.add(AggregateFunction.GROUP_KEY);
                            functions.add(AggregateFunction.extreme(kind, collation));
                        } else {
                            functions.add(name.equals("MIN") ? AggregateFunction.MIN : AggregateFunction.MAX);
                        }
                    }
                    case "BIT_AND" -> functions.add(AggregateFunction.BIT_AND);
                    case "BIT_OR" -> functions.add(AggregateFunction.BIT_OR);
                    case "BIT_XOR" -> functions.add(AggregateFunction.BIT_XOR);
                    case "AVG" -> {
                        int sum = items.size() + derive(new Function().withName("SUM").withParameters(f.getParameters()));
                        derivedFunctions.add(AggregateFunction.SUM);
                        int cnt = items.size() + derive(new Function().withName("COUNT").withParameters(f.getParameters()));
                        derivedFunctions.add(AggregateFunction.COUNT);
                        functions.add(AggregateFunction.avg(sum, cnt));
                    }
                    default -> {
                        return new Outcome.Federate(name + "() over several shards");
                    }
                }
            } else if (containsAggregate(e)) {
                return new Outcome.Federate("an expression over aggregates (" + e + ") over several shards");
            } else {
                functions.add(AggregateFunction.GROUP_KEY);
            }
        }
        List<Integer> groupBy = new ArrayList<>();
        for (Expression g : groupExprs) {
            int i = selectIndex(g);
            if (i < 0) {
                if (containsParameter(g)) return new Outcome.Federate("GROUP BY with a parameter");
                i = items.size() + derive(g);
                derivedFunctions.add(AggregateFunction.GROUP_KEY);
            }
            groupBy.add(i);
        }
        // the client's ORDER BY, over the merged groups
        List<SortKey> memoryKeys = new ArrayList<>();
        if (ps.getOrderByElements() != null) {
            for (OrderByElement e : ps.getOrderByElements()) {
                Expression x = e.getExpression();
                int i = selectIndex(x);
                if (i < 0) {
                    if (containsParameter(x)) return new Outcome.Federate("ORDER BY with a parameter");
                    AggregateFunction f;
                    if (x instanceof Function fn && isAggregate(fn)) {
                        String name = fn.getName().toUpperCase(Locale.ROOT);
                        if (fn.isDistinct() || !Set.of("COUNT", "SUM", "MIN", "MAX", "BIT_AND", "BIT_OR", "BIT_XOR").contains(name)) {
                            return new Outcome.Federate("ORDER BY " + x + " over several shards");
                        }
                        f = switch (name) {
                            case "COUNT" -> AggregateFunction.COUNT;
                            case "SUM" -> AggregateFunction.SUM;
                            case "MIN" -> AggregateFunction.MIN;
                            case "BIT_AND" -> AggregateFunction.BIT_AND;
                            case "BIT_OR" -> AggregateFunction.BIT_OR;
                            case "BIT_XOR" -> AggregateFunction.BIT_XOR;
                            default -> AggregateFunction.MAX;
                        };
                    } else if (containsAggregate(x)) {
                        return new Outcome.Federate("ORDER BY an expression over aggregates over several shards");
                    } else {
                        f = AggregateFunction.GROUP_KEY;
                    }
                    i = items.size() + derive(x);
                    derivedFunctions.add(f);
                }
                memoryKeys.add(new SortKey(i, !e.isAsc()));
            }
        }
        List<SortKey> mergeKeys = new ArrayList<>();
        List<OrderByElement> shardOrder = new ArrayList<>();
        for (int g : groupBy) {
            mergeKeys.add(new SortKey(g, false));
            shardOrder.add(new OrderByElement().withExpression(new LongValue(g + 1)));
        }
        ps.setOrderByElements(shardOrder.isEmpty() ? null : shardOrder);
        ps.setLimit(null); // every shard must return all its groups
        if (distinctArgument != null) {
            if (ps.getGroupBy() == null) {
                ps.setGroupByElement(new net.sf.jsqlparser.statement.select.GroupByElement()
                        .withGroupByExpressions(new ExpressionList<>(distinctArgument)));
            } else {
                @SuppressWarnings("unchecked")
                ExpressionList<Expression> list = (ExpressionList<Expression>) ps.getGroupBy().getGroupByExpressionList();
                list.add(distinctArgument);
            }
        }
        if (memoryKeys.equals(mergeKeys)) memoryKeys = List.of(); // already in that order
        functions.addAll(derivedFunctions);
        return new Outcome.Merge(new MergeSpec(mergeKeys, groupBy, functions, memoryKeys, false, false, offset, count,
                derived.size(), limitParams, explicitCollations(ps)));
    }

    /**
     * Shard-query columns written {@code expr COLLATE x}, by index (up to the first {@code *}, whose
     * width is unknown here). The merge must compare them by x: result metadata reports a
     * nopad_bin expression like a utf8mb4_bin one, which pads ('Bob' = 'Bob ').
     */
    private static java.util.Map<Integer, String> explicitCollations(PlainSelect shardQuery) {
        java.util.Map<Integer, String> out = new java.util.HashMap<>();
        List<SelectItem<?>> items = shardQuery.getSelectItems();
        for (int i = 0; i < items.size(); i++) {
            Expression e = items.get(i).getExpression();
            if (e instanceof AllColumns) break;
            if (e instanceof net.sf.jsqlparser.expression.CollateExpression c && c.getCollate() != null) {
                out.put(i, TableNames.unquote(c.getCollate()));
            }
        }
        return out;
    }

    /**
     * True for a bare column name while the select list has a {@code t.*} and the FROM a join:
     * MariaDB resolves the name against the select list first (the columns {@code t.*} expands to),
     * then against the joined tables; a hidden select item written bare is resolved against the
     * tables only, ambiguous in a self join ({@code SELECT u1.* … JOIN t_user u2 … ORDER BY user_id}).
     * Which table holds the column is not known here, so the statement goes to the federation.
     */
    private boolean bareNameATableStarMayHold(Expression e) {
        if (!(e instanceof Column c) || c.getTable() != null) return false;
        if (ps.getJoins() == null || ps.getJoins().isEmpty()) return false;
        for (SelectItem<?> item : items) {
            if (item.getExpression() instanceof net.sf.jsqlparser.statement.select.AllTableColumns) return true;
        }
        return false;
    }

    /** Adds a hidden select item; returns its position among the derived ones. */
    private int derive(Expression e) {
        int k = derived.size();
        derived.add(SelectItem.from(e, new net.sf.jsqlparser.expression.Alias(DERIVED_PREFIX + k, true)));
        return k;
    }

    /** Final sort keys: derived ones at the end, counted from the end when a * hides the real positions. */
    private List<SortKey> resolve(List<SortKey> keys, List<int[]> pending) {
        List<SortKey> out = new ArrayList<>();
        int p = 0;
        for (SortKey k : keys) {
            if (k != null) {
                out.add(k);
                continue;
            }
            int[] d = pending.get(p++);
            int index = star >= 0 ? d[0] - derived.size() : items.size() + d[0];
            out.add(new SortKey(index, d[1] == 1));
        }
        return out;
    }

    /**
     * The 0-based select-list position an ORDER BY / GROUP BY expression refers to: a position
     * number, an alias, the same expression text, or the same column. -1 when not selected (or not
     * at a position known before a *), -2 for a position number that a * makes unknowable.
     */
    private int selectIndex(Expression e) {
        if (e instanceof LongValue l) {
            long pos = l.getValue();
            if (star >= 0 && pos > star) return -2;
            return pos >= 1 && pos <= items.size() ? (int) pos - 1 : -1;
        }
        int limit = star >= 0 ? star : items.size();
        if (e instanceof Column c && c.getTable() == null) {
            String name = c.getUnquotedColumnName();
            for (int i = 0; i < limit; i++) {
                SelectItem<?> item = items.get(i);
                if (item.getAlias() != null && item.getUnquotedAliasName().equalsIgnoreCase(name)) return i;
            }
        }
        String text = e.toString();
        for (int i = 0; i < limit; i++) {
            if (items.get(i).getExpression().toString().equalsIgnoreCase(text) && items.get(i).getAlias() == null) return i;
        }
        if (e instanceof Column c) {
            for (int i = 0; i < limit; i++) {
                if (items.get(i).getExpression() instanceof Column sc && items.get(i).getAlias() == null
                        && sc.getUnquotedColumnName().equalsIgnoreCase(c.getUnquotedColumnName())
                        && (c.getTable() == null || sc.getTable() == null
                        || TableNames.lower(sc.getTable().getName()).equals(TableNames.lower(c.getTable().getName())))) {
                    return i;
                }
            }
        }
        for (int i = 0; i < limit; i++) {
            if (items.get(i).getExpression().toString().equalsIgnoreCase(text)) return i;
        }
        return -1;
    }

    private static boolean containsParameter(Object e) {
        return !AstWalker.collect(e, JdbcParameter.class).isEmpty();
    }
}
