package io.dbmesh.testsupport;

import java.nio.file.Path;
import java.util.List;

/**
 * The check every module's tests run on its own sources: no two packages depend on each other,
 * directly or around a circle. A failure names each cycle and, for every step of one circle, the
 * file and import that make it, which is where to cut.
 */
public final class PackageCycles {
    private PackageCycles() {
    }

    /** Throws an AssertionError naming every package cycle under {@code sourceRoot}, e.g. {@code src/main/java}. */
    public static void assertNone(Path sourceRoot) {
        PackageGraph graph = PackageGraph.of(sourceRoot);
        if (graph.packages().isEmpty()) throw new AssertionError("no Java sources under " + sourceRoot.toAbsolutePath());
        String report = describe(graph);
        if (!report.isEmpty()) throw new AssertionError(report);
    }

    /** The cycles of {@code graph} as text, empty when there are none. */
    static String describe(PackageGraph graph) {
        List<List<String>> cycles = graph.cycles();
        if (cycles.isEmpty()) return "";
        StringBuilder out = new StringBuilder(cycles.size() + " package cycle(s):");
        for (List<String> component : cycles) {
            List<String> circle = graph.circleIn(component);
            out.append("\n  ").append(String.join(" -> ", circle));
            for (int i = 0; i + 1 < circle.size(); i++) {
                out.append("\n    ").append(circle.get(i)).append(" -> ").append(circle.get(i + 1)).append(": ")
                        .append(graph.reason(circle.get(i), circle.get(i + 1)));
            }
            if (component.size() > circle.size() - 1) out.append("\n    (all of ").append(component).append(" are in one cycle)");
        }
        return out.toString();
    }
}
