package io.dbmesh.sharding.parse;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds every node of a type anywhere in a JSqlParser tree (tables in joins, subqueries, column
 * qualifiers, parameters in any clause). JSqlParser's visitors cover only some positions and a
 * missed position would be a wrong physical table name, so this walks the object graph itself:
 * every field of every {@code net.sf.jsqlparser} object, lists and arrays included, each node once.
 * Results are in field order, which for the parser's classes is source order.
 */
public final class AstWalker {
    private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

    private AstWalker() {
    }

    public static <T> List<T> collect(Object root, Class<T> type) {
        List<T> out = new ArrayList<>();
        walk(root, type, out, new IdentityHashMap<>());
        return out;
    }

    private static <T> void walk(Object node, Class<T> type, List<T> out, IdentityHashMap<Object, Boolean> seen) {
        if (node == null || seen.put(node, Boolean.TRUE) != null) return;
        if (type.isInstance(node)) out.add(type.cast(node));
        if (node instanceof Collection<?> c) {
            for (Object o : c) walk(o, type, out, seen);
            return;
        }
        if (node instanceof Object[] arr) {
            for (Object o : arr) walk(o, type, out, seen);
            return;
        }
        String cls = node.getClass().getName();
        // parser nodes (SimpleNode) link back to parents: following them would reach the whole statement
        if (!cls.startsWith("net.sf.jsqlparser") || cls.startsWith("net.sf.jsqlparser.parser.")) return;
        for (Field f : fields(node.getClass())) {
            try {
                walk(f.get(node), type, out, seen);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + f, e);
            }
        }
    }

    private static List<Field> fields(Class<?> c) {
        return FIELDS.computeIfAbsent(c, k -> {
            List<Field> fs = new ArrayList<>();
            List<Class<?>> chain = new ArrayList<>();
            for (Class<?> x = k; x != null && x != Object.class; x = x.getSuperclass()) chain.add(0, x);
            for (Class<?> x : chain) {
                for (Field f : x.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive() || f.getType() == String.class) continue;
                    f.setAccessible(true);
                    fs.add(f);
                }
            }
            return List.copyOf(fs);
        });
    }
}
