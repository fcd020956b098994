package io.dbmesh.sharding.plan;

/**
 * The printable description of a plan: one node per line, children indented by two spaces, a
 * Route's physical statements listed under it as {@code data_source: SQL [parameters]}. This text is
 * what EXPLAIN ROUTE shows and what golden plan tests compare.
 */
public final class PlanPrinter {

    private PlanPrinter() {
    }

    public static String print(Plan plan) {
        StringBuilder out = new StringBuilder();
        print(plan, 0, out);
        return out.toString();
    }

    private static void print(Plan plan, int depth, StringBuilder out) {
        out.append("  ".repeat(depth)).append(plan.label()).append('\n');
        for (PlanTrees.Shown s : PlanTrees.statements(plan)) {
            out.append("  ".repeat(depth + 1));
            if (s.dataSource() != null) out.append(s.dataSource()).append(": ");
            out.append(s.sql());
            if (!s.parameters().isEmpty()) out.append(" ").append(describe(s.parameters()));
            out.append('\n');
        }
        for (Plan input : plan.inputs()) print(input, depth + 1, out);
    }

    static String describe(java.util.List<Object> parameters) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < parameters.size(); i++) {
            if (i > 0) b.append(", ");
            Object v = parameters.get(i);
            if (v == null) b.append("NULL");
            else if (v instanceof byte[] bytes) b.append("x'").append(java.util.HexFormat.of().formatHex(bytes)).append('\'');
            else if (v instanceof CharSequence) b.append('\'').append(v).append('\'');
            else b.append(v);
        }
        return b.append(']').toString();
    }
}
