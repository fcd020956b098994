package io.dbmesh.proxy.session;

import io.dbmesh.proxy.command.BoundParameter;
import io.dbmesh.proxy.text.ClientCharset;
import io.dbmesh.core.result.ColumnType;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Renders a COM_STMT_EXECUTE parameter as a SQL literal for the text protocol. The sidecar runs
 * prepared statements as text statements on the backend (so results arrive in text form, like every
 * other result) and does the interpolation itself: binary values become hex literals, which need no
 * escaping at all; strings are escaped for the session's NO_BACKSLASH_ESCAPES mode.
 */
final class ParameterLiterals {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ParameterLiterals() {
    }

    /**
     * @param charset the client's character_set_client: string long data is text in it; bytes that
     *                are not valid text in it become a {@code _binary} hex literal, stored as sent
     */
    static String literal(BoundParameter p, byte[] longData, boolean noBackslashEscapes, ClientCharset charset) {
        if (longData != null) {
            if (isText(p.type())) {
                String text = charset.text(longData);
                return text != null ? quote(text, noBackslashEscapes) : "_binary " + hex(longData);
            }
            return hex(longData);
        }
        Object v = p.value();
        if (v == null) {
            return "NULL";
        }
        if (v instanceof Long l) {
            return p.unsigned() ? Long.toUnsignedString(l) : Long.toString(l);
        }
        if (v instanceof Integer i) {
            return p.unsigned() ? Integer.toUnsignedString(i) : Integer.toString(i);
        }
        if (v instanceof Double d) {
            return Double.isFinite(d) ? Double.toString(d) : quote(d.toString(), noBackslashEscapes);
        }
        if (v instanceof Float f) {
            return Float.isFinite(f) ? Float.toString(f) : quote(f.toString(), noBackslashEscapes);
        }
        if (v instanceof byte[] b) {
            return isText(p.type()) ? "_binary " + hex(b) : hex(b); // text the wire could not decode: its bytes
        }
        if (v instanceof String s) {
            if (p.type().isDecimal() && isNumber(s)) {
                return s;
            }
            return quote(s, noBackslashEscapes);
        }
        if (v instanceof LocalDateTime dt) {
            return "'" + date(dt.toLocalDate()) + " " + time(dt.toLocalTime()) + "'";
        }
        if (v instanceof LocalDate d) {
            return "'" + date(d) + "'";
        }
        if (v instanceof LocalTime t) {
            return "'" + time(t) + "'";
        }
        if (v instanceof Duration d) {
            return "'" + duration(d) + "'";
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        return quote(v.toString(), noBackslashEscapes);
    }

    private static boolean isText(ColumnType t) {
        return t == ColumnType.VARCHAR || t == ColumnType.VAR_STRING || t == ColumnType.STRING
                || t == ColumnType.JSON || t == ColumnType.ENUM || t == ColumnType.SET || t.isDecimal();
    }

    static boolean isNumber(String s) {
        int n = s.length();
        if (n == 0) return false;
        boolean digit = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (!((c == '-' || c == '+') && (i == 0 || s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E'))
                    && c != '.' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return digit;
    }

    static String quote(String s, boolean noBackslashEscapes) {
        StringBuilder sb = new StringBuilder(s.length() + 8).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (noBackslashEscapes) {
                if (c == '\'') sb.append('\'');
                sb.append(c);
                continue;
            }
            switch (c) {
                case '\0' -> sb.append("\\0");
                case '\'' -> sb.append("\\'");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\u001a' -> sb.append("\\Z");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    static String hex(byte[] b) {
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
        return String.format(java.util.Locale.ROOT, "%04d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }

    private static String time(LocalTime t) {
        String base = String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        int micros = t.getNano() / 1000;
        return micros == 0 ? base : base + String.format(java.util.Locale.ROOT, ".%06d", micros);
    }

    private static String duration(Duration d) {
        boolean negative = d.isNegative();
        Duration a = d.abs();
        long hours = a.toHours();
        int minutes = a.toMinutesPart();
        int seconds = a.toSecondsPart();
        int micros = a.toNanosPart() / 1000;
        String base = String.format(java.util.Locale.ROOT, "%s%02d:%02d:%02d", negative ? "-" : "", hours, minutes, seconds);
        return micros == 0 ? base : base + String.format(java.util.Locale.ROOT, ".%06d", micros);
    }
}
