package io.dbmesh.it.telemetry;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4 (the Java client library has no
 * parser): every line must be a HELP, TYPE or sample line; a sample's family must have been typed
 * before it; names and labels must be valid, label values properly escaped, values numbers;
 * no series may appear twice. Counters must end in {@code _total}, histogram families must have
 * cumulative buckets ending in {@code +Inf} equal to their {@code _count}.
 */
final class PrometheusText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");

    /** series ("name{a=\"x\",b=\"y\"}" with labels sorted) → value */
    final Map<String, Double> samples = new LinkedHashMap<>();
    final Map<String, String> types = new HashMap<>();

    static PrometheusText parse(String text) {
        PrometheusText p = new PrometheusText();
        Set<String> helped = new HashSet<>();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty()) continue;
            if (line.startsWith("# HELP ")) {
                String name = line.substring(7).split(" ", 2)[0];
                check(NAME.matcher(name).matches(), lineNo, line, "bad metric name");
                check(helped.add(name), lineNo, line, "second HELP");
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                check(parts.length == 2 && NAME.matcher(parts[0]).matches(), lineNo, line, "bad TYPE line");
                check(Set.of("counter", "gauge", "histogram", "summary", "untyped").contains(parts[1]), lineNo, line, "unknown type");
                check(p.types.put(parts[0], parts[1]) == null, lineNo, line, "second TYPE");
                continue;
            }
            check(!line.startsWith("#"), lineNo, line, "unknown comment line");
            Matcher m = SAMPLE.matcher(line);
            check(m.matches(), lineNo, line, "not a sample line");
            String name = m.group(1);
            String family = family(name, p.types);
            check(family != null, lineNo, line, "sample of a family without TYPE");
            TreeMap<String, String> labels = new TreeMap<>();
            if (m.group(3) != null && !m.group(3).isEmpty()) {
                Matcher l = LABEL.matcher(m.group(3));
                int at = 0;
                while (at < m.group(3).length()) {
                    check(l.find(at) && l.start() == at, lineNo, line, "bad label syntax");
                    check(labels.put(l.group(1), l.group(2)) == null, lineNo, line, "duplicate label");
                    at = l.end();
                }
            }
            double value = switch (m.group(4)) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> {
                    try {
                        yield Double.parseDouble(m.group(4));
                    } catch (NumberFormatException e) {
                        throw new AssertionError("line " + lineNo + ": bad value: " + line);
                    }
                }
            };
            String key = key(name, labels);
            check(p.samples.put(key, value) == null, lineNo, line, "duplicate series");
        }
        p.types.forEach((name, type) -> {
            if (type.equals("counter")) check(name.endsWith("_total") || p.samples.keySet().stream().noneMatch(k -> k.startsWith(name)),
                    0, name, "counter family not ending in _total");
        });
        p.checkHistograms();
        return p;
    }

    private static String family(String sample, Map<String, String> types) {
        if (types.containsKey(sample)) return sample;
        for (String suffix : new String[]{"_bucket", "_count", "_sum", "_total", "_created"}) {
            if (sample.endsWith(suffix)) {
                String base = sample.substring(0, sample.length() - suffix.length());
                if (types.containsKey(base)) return base;
                if (types.containsKey(base + "_total")) return base + "_total";
            }
        }
        return null;
    }

    static String key(String name, Map<String, String> labels) {
        if (labels.isEmpty()) return name;
        StringBuilder sb = new StringBuilder(name).append('{');
        new TreeMap<>(labels).forEach((k, v) -> sb.append(k).append("=\"").append(v).append("\","));
        sb.setLength(sb.length() - 1);
        return sb.append('}').toString();
    }

    /** The value of a series (0 when absent: a counter not incremented yet). */
    double value(String name, String... labelPairs) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) labels.put(labelPairs[i], labelPairs[i + 1]);
        return samples.getOrDefault(key(name, labels), 0.0);
    }

    boolean has(String name, String... labelPairs) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) labels.put(labelPairs[i], labelPairs[i + 1]);
        return samples.containsKey(key(name, labels));
    }

    /** Every histogram series: buckets cumulative (non-decreasing in le), +Inf present and equal to _count. */
    private void checkHistograms() {
        types.forEach((family, type) -> {
            if (!type.equals("histogram")) return;
            Map<String, TreeMap<Double, Double>> bySeries = new HashMap<>();
            samples.forEach((key, v) -> {
                if (!key.startsWith(family + "_bucket{")) return;
                String labels = key.substring(key.indexOf('{') + 1, key.length() - 1);
                Matcher le = Pattern.compile("(^|,)le=\"([^\"]*)\"").matcher(labels);
                check(le.find(), 0, key, "bucket without le");
                String rest = (labels.substring(0, le.start()) + labels.substring(le.end())).replaceAll("^,|,$", "");
                double bound = le.group(2).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(2));
                bySeries.computeIfAbsent(rest, r -> new TreeMap<>()).put(bound, v);
            });
            bySeries.forEach((labels, buckets) -> {
                double previous = 0;
                for (double count : buckets.values()) {
                    check(count >= previous, 0, family + "{" + labels + "}", "buckets not cumulative");
                    previous = count;
                }
                check(buckets.containsKey(Double.POSITIVE_INFINITY), 0, family + "{" + labels + "}", "no +Inf bucket");
                Double total = samples.get(labels.isEmpty() ? family + "_count" : family + "_count{" + labels + "}");
                check(total != null && total.equals(buckets.get(Double.POSITIVE_INFINITY)), 0, family + "{" + labels + "}",
                        "+Inf bucket differs from _count");
            });
        });
    }

    private static void check(boolean ok, int lineNo, String line, String problem) {
        if (!ok) throw new AssertionError("metrics text" + (lineNo > 0 ? " line " + lineNo : "") + ": " + problem + ": " + line);
    }
}
