package io.dbmesh.testsupport;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The dependencies between the packages of one source tree (a module's {@code src/main/java}):
 * package A depends on package B when a file of A refers to a type of B by an import or a qualified
 * name. Types of other modules and libraries are not nodes. Each edge keeps the first reference
 * that made it, so a cycle can be reported with where to cut it.
 */
public final class PackageGraph {
    /** from package -> to package -> the first "File.java: import x.Y" that made the edge */
    private final Map<String, Map<String, String>> edges = new TreeMap<>();

    private PackageGraph() {
    }

    public static PackageGraph of(Path sourceRoot) {
        return of(JavaSource.under(sourceRoot));
    }

    static PackageGraph of(List<JavaSource> sources) {
        PackageGraph g = new PackageGraph();
        Set<String> packages = new TreeSet<>();
        for (JavaSource s : sources) packages.add(s.packageName());
        for (String p : packages) g.edges.put(p, new TreeMap<>());
        for (JavaSource s : sources) {
            for (JavaSource.Reference r : s.references()) {
                String target = packageOf(r.name(), packages);
                if (target != null && !target.equals(s.packageName())) {
                    g.edges.get(s.packageName()).putIfAbsent(target, s.file().getFileName() + ": " + r.written());
                }
            }
        }
        return g;
    }

    /**
     * The package of the source tree that {@code name} (a type, a member of one, or {@code pkg.*})
     * lies in: the longest prefix that is one of {@code packages} and is followed by a type name.
     */
    private static String packageOf(String name, Set<String> packages) {
        String[] parts = name.split("\\.");
        for (int i = parts.length - 1; i >= 1; i--) {
            String next = parts[i];
            if (!next.equals("*") && (next.isEmpty() || !Character.isUpperCase(next.charAt(0)))) continue;
            String prefix = String.join(".", java.util.Arrays.copyOf(parts, i));
            if (packages.contains(prefix)) return prefix;
        }
        return null;
    }

    public Set<String> packages() {
        return edges.keySet();
    }

    /** The packages {@code from} depends on. */
    public Set<String> dependencies(String from) {
        return edges.getOrDefault(from, Map.of()).keySet();
    }

    /** Why {@code from} depends on {@code to}: the first reference found, or null when it does not. */
    public String reason(String from, String to) {
        return edges.getOrDefault(from, Map.of()).get(to);
    }

    /**
     * The strongly connected components with more than one package, i.e. the groups of packages
     * that depend on each other in a circle, each sorted, in order of their first package.
     */
    public List<List<String>> cycles() {
        Tarjan t = new Tarjan();
        for (String p : edges.keySet()) if (!t.index.containsKey(p)) t.visit(p);
        List<List<String>> out = new ArrayList<>();
        for (List<String> c : t.components) {
            if (c.size() > 1) out.add(new ArrayList<>(new TreeSet<>(c)));
        }
        out.sort((a, b) -> a.get(0).compareTo(b.get(0)));
        return out;
    }

    /** One shortest circle through the first package of {@code component}: a -> b -> … -> a. */
    public List<String> circleIn(List<String> component) {
        String start = component.get(0);
        Map<String, String> parent = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String p = queue.removeFirst();
            for (String q : dependencies(p)) {
                if (!component.contains(q)) continue;
                if (q.equals(start)) {
                    List<String> path = new ArrayList<>(List.of(start));
                    for (String x = p; !x.equals(start); x = parent.get(x)) path.add(1, x);
                    path.add(start);
                    return path;
                }
                if (!parent.containsKey(q)) {
                    parent.put(q, p);
                    queue.addLast(q);
                }
            }
        }
        throw new IllegalStateException("not a cycle: " + component);
    }

    /** Tarjan's algorithm; recursion depth is bounded by the number of packages (tens). */
    private final class Tarjan {
        final Map<String, Integer> index = new HashMap<>();
        final Map<String, Integer> low = new HashMap<>();
        final Deque<String> stack = new ArrayDeque<>();
        final Set<String> onStack = new java.util.HashSet<>();
        final List<List<String>> components = new ArrayList<>();

        void visit(String v) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.push(v);
            onStack.add(v);
            for (String w : dependencies(v)) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                List<String> c = new ArrayList<>();
                String w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    c.add(w);
                } while (!w.equals(v));
                components.add(c);
            }
        }
    }
}
