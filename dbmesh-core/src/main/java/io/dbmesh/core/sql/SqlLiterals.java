package io.dbmesh.core.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;

/**
 * The one parameter-binding policy of dbmesh: a statement's values are written into its text as
 * the SQL literals a client would have typed, and the backend runs text. Used for a passthrough
 * prepared statement's execution, for the physical statements of a sharded plan that carry
 * values, and for the literals the sharding planner shares between text statements. Strings
 * double their quotes (valid with and without NO_BACKSLASH_ESCAPES) and escape backslashes and
 * control characters only where backslashes are escapes; bytes become hex literals, which need no
 * escaping at all.
 */
public final class SqlLiterals {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private SqlLiterals() {
    }

    /**
     * The literal of a value a JDBC driver would take with {@code setObject}: null, Long, Integer,
     * Short, Byte, BigInteger, BigDecimal, Double, Float, Boolean, String, byte[], java.time dates,
     * times and durations (a TIME); anything else as the string of its {@code toString()}.
     */
    public static String literal(Object v, boolean noBackslashEscapes) {
        if (v == null) return "NULL";
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte || v instanceof BigInteger) {
            return v.toString();
        }
        if (v instanceof BigDecimal d) return d.toPlainString();
        if (v instanceof Double d) return Double.isFinite(d) ? d.toString() : quote(d.toString(), noBackslashEscapes);
        if (v instanceof Float f) return Float.isFinite(f) ? f.toString() : quote(f.toString(), noBackslashEscapes);
        if (v instanceof Boolean b) return b ? "1" : "0";
        if (v instanceof String s) return quote(s, noBackslashEscapes);
        if (v instanceof byte[] b) return hex(b);
        if (v instanceof LocalDateTime dt) return "'" + date(dt.toLocalDate()) + " " + time(dt.toLocalTime()) + "'";
        if (v instanceof LocalDate d) return "'" + date(d) + "'";
        if (v instanceof LocalTime t) return "'" + time(t) + "'";
        if (v instanceof Duration d) return "'" + duration(d) + "'";
        return quote(v.toString(), noBackslashEscapes);
    }

    /**
     * {@code sql} with its {@code ?} markers (outside strings, quoted names and comments, as the
     * server reads them in the given escaping mode) replaced by the literals of {@code values}, in
     * order; markers beyond the values stay (the backend then reports the wrong count).
     */
    public static String bind(String sql, List<Object> values, boolean noBackslashEscapes) {
        if (values.isEmpty()) return sql;
        StringBuilder out = new StringBuilder(sql.length() + 16 * values.size());
        SqlScanner s = new SqlScanner(sql, 0, sql.length(), noBackslashEscapes);
        int copied = 0;
        int next = 0;
        while (next < values.size() && s.next() != SqlScanner.Type.END) {
            if (!s.isParameterMarker()) continue;
            out.append(sql, copied, s.start()).append(literal(values.get(next++), noBackslashEscapes));
            copied = s.start() + 1;
        }
        return out.append(sql, copied, sql.length()).toString();
    }

    /** A string literal: quotes doubled; with backslash escapes on, backslash and control characters escaped. */
    public static String quote(String s, boolean noBackslashEscapes) {
        StringBuilder sb = new StringBuilder(s.length() + 8).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                sb.append("''");
            } else if (noBackslashEscapes) {
                sb.append(c);
            } else {
                switch (c) {
                    case '\0' -> sb.append("\\0");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\u001a' -> sb.append("\\Z");
                    default -> sb.append(c);
                }
            }
        }
        return sb.append('\'').toString();
    }

    /** {@code X'…'}: bytes as they are. */
    public static String hex(byte[] b) {
        char[] out = new char[b.length * 2 + 3];
        out[0] = 'X';
        out[1] = '\'';
        for (int i = 0; i < b.length; i++) {
            out[2 + 2 * i] = HEX[(b[i] >> 4) & 0xf];
            out[3 + 2 * i] = HEX[b[i] & 0xf];
        }
        out[out.length - 1] = '\'';
        return new String(out);
    }

    private static String date(LocalDate d) {
        return String.format(Locale.ROOT, "%04d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }

    private static String time(LocalTime t) {
        String base = String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        int micros = t.getNano() / 1000;
        return micros == 0 ? base : base + String.format(Locale.ROOT, ".%06d", micros);
    }

    /** A TIME in MySQL's text form: [-]HH:MM:SS[.ffffff], hours may exceed 24. */
    public static String duration(Duration d) {
        boolean negative = d.isNegative();
        Duration a = d.abs();
        String base = String.format(Locale.ROOT, "%s%02d:%02d:%02d", negative ? "-" : "", a.toHours(), a.toMinutesPart(),
                a.toSecondsPart());
        int micros = a.toNanosPart() / 1000;
        return micros == 0 ? base : base + String.format(Locale.ROOT, ".%06d", micros);
    }
}
