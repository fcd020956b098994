package io.dbmesh.sharding.engine;

import io.dbmesh.sharding.merge.MergeSettings;

import io.dbmesh.sharding.ShardExecutor;
import io.dbmesh.sharding.ShardResult;
import io.dbmesh.sharding.merge.Collation;
import io.dbmesh.sharding.merge.ColumnCollations;
import io.dbmesh.sharding.merge.ConcatCursor;
import io.dbmesh.sharding.merge.DistinctCursor;
import io.dbmesh.sharding.merge.LimitCursor;
import io.dbmesh.sharding.merge.ListCursor;
import io.dbmesh.sharding.merge.MemoryGroupByCursor;
import io.dbmesh.sharding.merge.MemorySortCursor;
import io.dbmesh.sharding.merge.MergeSortCursor;
import io.dbmesh.sharding.merge.ProjectCursor;
import io.dbmesh.sharding.merge.RowOrder;
import io.dbmesh.sharding.merge.StreamGroupByCursor;
import io.dbmesh.sharding.federation.FederatedExecutor;
import io.dbmesh.sharding.plan.Aggregate;
import io.dbmesh.sharding.plan.Distinct;
import io.dbmesh.sharding.plan.Federated;
import io.dbmesh.sharding.plan.GeneratedKey;
import io.dbmesh.sharding.plan.Limit;
import io.dbmesh.sharding.plan.LogicalTableNames;
import io.dbmesh.sharding.plan.MemorySort;
import io.dbmesh.sharding.plan.MergeSort;
import io.dbmesh.sharding.plan.Plan;
import io.dbmesh.sharding.plan.PlanTrees;
import io.dbmesh.sharding.plan.Project;
import io.dbmesh.sharding.plan.Route;
import io.dbmesh.sharding.plan.Values;
import io.dbmesh.core.result.RowCursor;
import io.dbmesh.core.result.UpdateResult;
import io.dbmesh.sharding.route.RouteOpcode;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link Plan}: each primitive becomes the cursor that implements it, stacked as the plan
 * is, with the Routes at the bottom sending physical statements through the session's
 * {@link ShardExecutor}. Row plans yield one streaming {@link RowCursor}; write plans an
 * {@link UpdateResult}. One executor per session (it holds the session's ShardExecutor).
 */
public final class PlanExecutor {
    private final ShardExecutor shards;
    private final FederatedExecutor federation;
    private final MergeSettings settings;
    private final ColumnCollations collations;

    public PlanExecutor(ShardExecutor shards, FederatedExecutor federation, MergeSettings settings) {
        this(shards, federation, settings, null);
    }

    /**
     * @param collations where the real collations of table columns are looked up (and cached) for
     *                   ordering and grouping; null to use what result metadata says (the
     *                   connection's default collation)
     */
    public PlanExecutor(ShardExecutor shards, FederatedExecutor federation, MergeSettings settings,
                        ColumnCollations collations) {
        this.shards = shards;
        this.federation = federation;
        this.settings = settings;
        this.collations = collations;
    }

    /**
     * Runs the plan. A route of one physical statement answers what its statement answered (rows or
     * a count, whatever the plan expected): a passthrough route is not parsed, so it cannot know.
     */
    public ShardResult execute(Plan plan) throws SQLException {
        if (plan instanceof Route r && r.statements().size() == 1) return shards.execute(r.statements().get(0));
        return plan.returnsRows() ? new ShardResult.Rows(rows(plan)) : new ShardResult.Updated(update(plan));
    }

    /** The rows of a plan as one cursor. */
    public RowCursor rows(Plan plan) throws SQLException {
        long max = settings.maxMemoryRows();
        return switch (plan) {
            case Route r -> {
                List<RowCursor> inputs = routeCursors(r);
                yield inputs.size() == 1 ? inputs.get(0) : new ConcatCursor(inputs);
            }
            case MergeSort m -> {
                List<RowCursor> inputs = inputs(m.input());
                Map<Integer, Collation> c;
                try {
                    c = collationsOf(m, inputs.get(0), keyColumns(m.keys()));
                } catch (SQLException e) {
                    for (RowCursor in : inputs) in.close();
                    throw e;
                }
                yield new MergeSortCursor(inputs, RowOrder.of(inputs.get(0).columns(), m.keys(), c));
            }
            case Aggregate a -> {
                RowCursor input = rows(a.input());
                Map<Integer, Collation> c = collationsOf(a, input, compared(a));
                yield a.sortedInput()
                        ? new StreamGroupByCursor(input, a.groupBy(), a.functions(), c, max)
                        : new MemoryGroupByCursor(input, a.groupBy(), a.functions(), c, max);
            }
            case Distinct d -> {
                RowCursor input = rows(d.input());
                yield new DistinctCursor(input, d.hiddenColumns(), d.sortedInput(),
                        collationsOf(d, input, java.util.stream.IntStream.range(0, input.columns().size()).boxed().toList()), max);
            }
            case Limit l -> new LimitCursor(rows(l.input()), l.offset(), l.count());
            case Project p -> new ProjectCursor(rows(p.input()), p.hiddenColumns());
            case MemorySort s -> {
                RowCursor input = rows(s.input());
                yield new MemorySortCursor(input, RowOrder.of(input.columns(), s.keys(), collationsOf(s, input, keyColumns(s.keys()))),
                        s.limit(), max);
            }
            case Values v -> values(v);
            case Federated f -> federation.execute(f, shards);
            case LogicalTableNames n -> new LogicalTableNamesCursor(rows(n.input()), n.nameColumn(), n.textColumn(),
                    n.physicalToLogical(), n.hidden());
            case GeneratedKey g -> throw new IllegalArgumentException("a write plan has no rows: " + g.label());
        };
    }

    // plain loops in this per-execution path: the streams were ~0.6 % of the sidecar's CPU on
    // sysbench read-only through two shards (profile, issue 13)
    private static List<Integer> keyColumns(List<io.dbmesh.sharding.merge.SortKey> keys) {
        List<Integer> out = new ArrayList<>(keys.size());
        for (io.dbmesh.sharding.merge.SortKey k : keys) out.add(k.column());
        return out;
    }

    /** The columns an aggregate compares values of: group keys, MIN/MAX and COUNT(DISTINCT) arguments. */
    private static List<Integer> compared(Aggregate a) {
        List<Integer> out = new ArrayList<>(a.groupBy());
        for (int i = 0; i < a.functions().size(); i++) {
            switch (a.functions().get(i).kind()) {
                case MIN, MAX, COUNT_DISTINCT -> out.add(i);
                default -> { }
            }
        }
        return out;
    }

    /**
     * Real collations of the table columns in a merge's input, from the data source of the Route
     * below; refuses when a {@code compared} column has a collation the merge cannot compare by.
     */
    private Map<Integer, Collation> collationsOf(Plan merge, RowCursor input, List<Integer> compared) throws SQLException {
        Route route = routeBelow(merge);
        if (route == null || route.statements().isEmpty()) return Map.of();
        String dataSource = route.statements().get(0).dataSource();
        Map<Integer, Collation> found = Map.of();
        if (collations != null) {
            found = collations.of(input.columns(), dataSource, shards);
            List<Integer> notOverridden = compared;
            if (!route.collations().isEmpty()) {
                notOverridden = new ArrayList<>(compared.size());
                for (Integer i : compared) if (!route.collations().containsKey(i)) notOverridden.add(i);
            }
            try {
                collations.requireKnown(input.columns(), notOverridden, dataSource);
            } catch (SQLException e) {
                input.close();
                throw e;
            }
        }
        if (route.collations().isEmpty()) return found;
        // a COLLATE written in the statement wins over what metadata or the table says
        Map<Integer, Collation> out = new java.util.HashMap<>(found);
        route.collations().forEach((index, name) -> {
            Collation c = Collation.byName(name);
            if (c != null && index < input.columns().size()) out.put(index, c);
        });
        return out;
    }

    /** The first Route of the tree in {@link PlanTrees#nodes} order (depth first), or null. */
    private static Route routeBelow(Plan plan) {
        if (plan instanceof Route r) return r;
        for (Plan input : plan.inputs()) {
            Route r = routeBelow(input);
            if (r != null) return r;
        }
        return null;
    }

    /** The separate row streams a merge consumes: one per physical statement of a Route. */
    private List<RowCursor> inputs(Plan plan) throws SQLException {
        return plan instanceof Route r ? routeCursors(r) : List.of(rows(plan));
    }

    private List<RowCursor> routeCursors(Route route) throws SQLException {
        List<ShardResult> results = shards.executeAll(route.statements());
        List<RowCursor> cursors = new ArrayList<>(results.size());
        for (ShardResult r : results) {
            if (r instanceof ShardResult.Rows rows) {
                cursors.add(rows.cursor());
            } else {
                for (RowCursor c : cursors) c.close();
                throw new SQLException("a physical statement of " + route.label() + " returned no rows", "HY000", 1105);
            }
        }
        if (cursors.isEmpty()) throw new SQLException(route.label() + " has no physical statements", "HY000", 1105);
        return cursors;
    }

    private static RowCursor values(Values v) {
        List<byte[][]> rows = new ArrayList<>(v.rows().size());
        for (List<byte[]> r : v.rows()) rows.add(r.toArray(new byte[0][]));
        return new ListCursor(v.columns(), rows);
    }

    /** The OK-packet fields of a write plan: counts summed, except broadcast copies (counted once). */
    public UpdateResult update(Plan plan) throws SQLException {
        return switch (plan) {
            case GeneratedKey g -> {
                UpdateResult inner = update(g.input());
                yield new UpdateResult(inner.affectedRows(), g.firstId(), inner.warnings(), inner.info());
            }
            case Route route -> update(route);
            case MergeSort m -> throw notAWrite(m);
            case Aggregate a -> throw notAWrite(a);
            case Distinct d -> throw notAWrite(d);
            case Limit l -> throw notAWrite(l);
            case Project p -> throw notAWrite(p);
            case MemorySort s -> throw notAWrite(s);
            case Values v -> throw notAWrite(v);
            case Federated f -> throw notAWrite(f);
            case LogicalTableNames n -> throw notAWrite(n);
        };
    }

    private static IllegalArgumentException notAWrite(Plan plan) {
        return new IllegalArgumentException("not a write plan: " + plan.label());
    }

    private UpdateResult update(Route route) throws SQLException {
        UpdateResult total = null;
        for (ShardResult r : shards.executeAll(route.statements())) {
            UpdateResult u = switch (r) {
                case ShardResult.Updated up -> up.result();
                case ShardResult.Rows rows -> {
                    rows.cursor().close();
                    yield UpdateResult.EMPTY;
                }
            };
            if (total == null) total = u;
            else if (route.opcode() != RouteOpcode.BROADCAST) total = total.plus(u);
        }
        return total == null ? UpdateResult.EMPTY : total;
    }
}
