package io.dbmesh.sharding.federation;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import io.dbmesh.sharding.ShardingException;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * MariaDB row functions Calcite does not have, as Calcite user-defined functions of the federation's
 * schema, with MariaDB's results: BIN, OCT, HEX, CONV, FORMAT, SUBSTRING_INDEX, DATE_FORMAT, CRC32,
 * LPAD, RPAD, TO_DAYS. A NULL argument gives NULL, as in MariaDB. Each public static method is one
 * overload (its Java parameter types are the SQL ones Calcite matches); names are case-insensitive.
 * Checked against one MariaDB by {@code RowFunctionsMariaDbTest}. Functions whose result depends on
 * a collation (LOCATE, INSTR, FIELD, STRCMP) are not here: {@link FederatedSqlCheck} refuses them.
 */
public final class MariaDbFunctions {
    private MariaDbFunctions() {
    }

    /** Every public static method of this class, by its name: what {@link LogicalSchema} offers Calcite. */
    static Multimap<String, Function> all() {
        ImmutableMultimap.Builder<String, Function> out = ImmutableMultimap.builder();
        for (Method m : MariaDbFunctions.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())) {
                out.put(m.getName().toUpperCase(Locale.ROOT), ScalarFunctionImpl.create(m));
            }
        }
        return out.build();
    }

    public static String bin(Long n) {
        return n == null ? null : Long.toBinaryString(n);
    }

    public static String oct(Long n) {
        return n == null ? null : Long.toOctalString(n);
    }

    /** HEX of a number: its 64-bit two's complement in hexadecimal. */
    public static String hex(Long n) {
        return n == null ? null : Long.toHexString(n).toUpperCase(Locale.ROOT);
    }

    /** HEX of a string: two hexadecimal digits per byte of its UTF-8 form. */
    public static String hex(String s) {
        if (s == null) return null;
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) out.append(String.format("%02X", b & 0xff));
        return out.toString();
    }

    public static String conv(Long n, Long from, Long to) {
        return n == null ? null : conv(Long.toString(n), from, to);
    }

    /**
     * CONV(N, from_base, to_base) as MariaDB: the leading digits of N valid in {@code |from_base|}
     * (an optional sign first), as an unsigned 64-bit number (saturating), written in
     * {@code |to_base|} in upper case, signed when to_base is negative; NULL for a base outside 2..36.
     */
    public static String conv(String n, Long from, Long to) {
        if (n == null || from == null || to == null) return null;
        int fromBase = (int) Math.abs(from), toBase = (int) Math.abs(to);
        if (fromBase < 2 || fromBase > 36 || toBase < 2 || toBase > 36) return null;
        String s = n.strip();
        int i = 0;
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) negative = s.charAt(i++) == '-';
        long value = 0;
        for (; i < s.length(); i++) {
            int digit = Character.digit(s.charAt(i), fromBase);
            if (digit < 0) break;
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, fromBase)) > 0) {
                value = -1L; // saturates at 2^64 - 1, as MariaDB does
                break;
            }
            value = value * fromBase + digit;
        }
        if (negative) value = -value;
        return (to < 0 ? Long.toString(value, toBase) : Long.toUnsignedString(value, toBase)).toUpperCase(Locale.ROOT);
    }

    /** FORMAT(X, D): X rounded half away from zero to D (0..38) decimals, thousands separated by commas. */
    public static String format(BigDecimal x, Long decimals) {
        if (x == null || decimals == null) return null;
        int d = (int) Math.max(0, Math.min(38, decimals));
        String plain = x.setScale(d, RoundingMode.HALF_UP).abs().toPlainString();
        int dot = plain.indexOf('.');
        String whole = dot < 0 ? plain : plain.substring(0, dot);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) out.append(',');
            out.append(whole.charAt(i));
        }
        if (dot >= 0) out.append(plain, dot, plain.length());
        boolean zero = x.setScale(d, RoundingMode.HALF_UP).signum() == 0;
        return (x.signum() < 0 && !zero ? "-" : "") + out;
    }

    /**
     * SUBSTRING_INDEX(s, delimiter, count): what precedes the count-th delimiter from the left
     * (count &gt; 0) or follows the |count|-th from the right (count &lt; 0), matched case-sensitively;
     * the whole string when there are fewer delimiters.
     */
    public static String substring_index(String s, String delimiter, Long count) {
        if (s == null || delimiter == null || count == null) return null;
        if (count == 0 || delimiter.isEmpty()) return "";
        if (count > 0) {
            int at = -1;
            for (long k = 0; k < count; k++) {
                at = s.indexOf(delimiter, at < 0 ? 0 : at + delimiter.length());
                if (at < 0) return s;
            }
            return s.substring(0, at);
        }
        int at = s.length();
        for (long k = 0; k < -count; k++) {
            at = at - delimiter.length() < 0 ? -1 : s.lastIndexOf(delimiter, at - delimiter.length());
            if (at < 0) return s;
        }
        return s.substring(at + delimiter.length());
    }

    public static Long crc32(String s) {
        if (s == null) return null;
        CRC32 crc = new CRC32();
        crc.update(s.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    public static Long crc32(Long n) {
        return n == null ? null : crc32(Long.toString(n));
    }

    /** LPAD(s, length, pad): s cut to length characters, or padded on the left; NULL for a negative length or an empty pad that is needed. */
    public static String lpad(String s, Long length, String pad) {
        return pad(s, length, pad, true);
    }

    public static String lpad(Long n, Long length, String pad) {
        return n == null ? null : pad(Long.toString(n), length, pad, true);
    }

    public static String rpad(String s, Long length, String pad) {
        return pad(s, length, pad, false);
    }

    public static String rpad(Long n, Long length, String pad) {
        return n == null ? null : pad(Long.toString(n), length, pad, false);
    }

    private static String pad(String s, Long length, String pad, boolean left) {
        if (s == null || length == null || pad == null || length < 0) return null;
        int n = (int) Math.min(length, Integer.MAX_VALUE);
        int have = s.codePointCount(0, s.length());
        if (n <= have) return s.substring(0, s.offsetByCodePoints(0, n));
        if (pad.isEmpty()) return null;
        int[] cycle = pad.codePoints().toArray();
        StringBuilder fill = new StringBuilder();
        for (int k = 0; k < n - have; k++) fill.appendCodePoint(cycle[k % cycle.length]);
        return left ? fill + s : s + fill;
    }

    /** TO_DAYS(t): days since year 0 (MariaDB's proleptic calendar count). */
    public static Long to_days(Timestamp t) {
        return t == null ? null : t.toLocalDateTime().toLocalDate().toEpochDay() + 719_528L;
    }

    /**
     * DATE_FORMAT(t, format) with MariaDB's specifiers (English names); week-number specifiers
     * (%U %u %V %v %X %x) are refused by name rather than guessed.
     */
    public static String date_format(Timestamp t, String format) {
        if (t == null || format == null) return null;
        LocalDateTime d = t.toLocalDateTime();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                out.append(c);
                continue;
            }
            char f = format.charAt(++i);
            int hour12 = d.getHour() % 12 == 0 ? 12 : d.getHour() % 12;
            switch (f) {
                case 'a' -> out.append(d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'b' -> out.append(d.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'c' -> out.append(d.getMonthValue());
                case 'D' -> out.append(d.getDayOfMonth()).append(ordinal(d.getDayOfMonth()));
                case 'd' -> out.append(two(d.getDayOfMonth()));
                case 'e' -> out.append(d.getDayOfMonth());
                case 'f' -> out.append(String.format("%06d", d.getNano() / 1000));
                case 'H' -> out.append(two(d.getHour()));
                case 'h', 'I' -> out.append(two(hour12));
                case 'i' -> out.append(two(d.getMinute()));
                case 'j' -> out.append(String.format("%03d", d.getDayOfYear()));
                case 'k' -> out.append(d.getHour());
                case 'l' -> out.append(hour12);
                case 'M' -> out.append(d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'm' -> out.append(two(d.getMonthValue()));
                case 'p' -> out.append(d.getHour() < 12 ? "AM" : "PM");
                case 'r' -> out.append(two(hour12)).append(':').append(two(d.getMinute())).append(':').append(two(d.getSecond()))
                        .append(d.getHour() < 12 ? " AM" : " PM");
                case 'S', 's' -> out.append(two(d.getSecond()));
                case 'T' -> out.append(two(d.getHour())).append(':').append(two(d.getMinute())).append(':').append(two(d.getSecond()));
                case 'W' -> out.append(d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'w' -> out.append(d.getDayOfWeek().getValue() % 7);
                case 'Y' -> out.append(String.format("%04d", d.getYear()));
                case 'y' -> out.append(two(d.getYear() % 100));
                case 'U', 'u', 'V', 'v', 'X', 'x' -> throw new IllegalStateException(ShardingException.notSupported(
                        "DATE_FORMAT with %" + f + " (week numbers) in a query over differently sharded tables"));
                default -> out.append(f); // %% and unknown specifiers: the character itself
            }
        }
        return out.toString();
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static String ordinal(int day) {
        if (day >= 11 && day <= 13) return "th";
        return switch (day % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }
}
