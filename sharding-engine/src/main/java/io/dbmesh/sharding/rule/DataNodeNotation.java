package io.dbmesh.sharding.rule;

import java.util.ArrayList;
import java.util.List;

/**
 * Expands the compact data-node notation: {@code ds_[0..1].t_order_[0..3]} is the cartesian
 * product ds_0.t_order_0 … ds_1.t_order_3, in that order (data source major). A bracket holds a
 * numeric range {@code [a..b]} or a list {@code [x,y]}. The last '.' outside brackets separates the
 * data source from the table.
 */
public final class DataNodeNotation {
    private DataNodeNotation() {
    }

    public static List<DataNode> expand(String notation) {
        String text = notation.trim();
        int dot = -1, depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[') depth++;
            else if (c == ']') depth--;
            else if (c == '.' && depth == 0) dot = i;
        }
        if (dot <= 0 || dot == text.length() - 1) {
            throw new IllegalArgumentException("data nodes '" + notation + "' must look like data_source.table, e.g. ds_[0..1].t_order_[0..1]");
        }
        List<String> dataSources = expandNames(text.substring(0, dot), notation);
        List<String> tables = expandNames(text.substring(dot + 1), notation);
        List<DataNode> out = new ArrayList<>();
        for (String ds : dataSources) for (String t : tables) out.add(new DataNode(ds, t));
        return out;
    }

    /** Expands every bracket of a name, left to right. */
    static List<String> expandNames(String pattern, String notation) {
        int open = pattern.indexOf('[');
        if (open < 0) {
            if (pattern.contains("]")) throw new IllegalArgumentException("data nodes '" + notation + "' have a ']' without '['");
            return List.of(pattern);
        }
        int close = pattern.indexOf(']', open);
        if (close < 0) throw new IllegalArgumentException("data nodes '" + notation + "' have a '[' without ']'");
        String inside = pattern.substring(open + 1, close).trim();
        List<String> options = new ArrayList<>();
        int range = inside.indexOf("..");
        if (range >= 0) {
            String a = inside.substring(0, range).trim(), b = inside.substring(range + 2).trim();
            int from, to;
            try {
                from = Integer.parseInt(a);
                to = Integer.parseInt(b);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("data nodes '" + notation + "': [" + inside + "] is not a range of integers like [0..3]");
            }
            if (to < from) throw new IllegalArgumentException("data nodes '" + notation + "': range [" + inside + "] is empty");
            if (to - from > 4096) throw new IllegalArgumentException("data nodes '" + notation + "': range [" + inside + "] is too large");
            // [01..12] keeps the width of its bounds: t_2024_01 … t_2024_12
            int width = a.startsWith("0") && a.length() > 1 ? a.length() : 0;
            for (int i = from; i <= to; i++) options.add(width > 0 ? String.format("%0" + width + "d", i) : Integer.toString(i));
        } else {
            for (String o : inside.split(",")) {
                if (o.isBlank()) throw new IllegalArgumentException("data nodes '" + notation + "': empty item in [" + inside + "]");
                options.add(o.trim());
            }
        }
        String prefix = pattern.substring(0, open);
        List<String> rest = expandNames(pattern.substring(close + 1), notation);
        List<String> ordered = new ArrayList<>();
        // the leftmost bracket varies slowest, like reading the names in order
        for (String o : options) for (String suffix : rest) ordered.add(prefix + o + suffix);
        return ordered;
    }
}
