package io.dbmesh.sharding.algorithm;

import io.dbmesh.sharding.ShardingException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * Conversions of shard-key values, so that {@code user_id = 7}, {@code user_id = '7'} and a bound
 * parameter 7 always land on the same shard (MySQL compares them as equal).
 */
public final class KeyValues {

    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[[ ]['T']HH:mm[:ss]]")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
            .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
            .toFormatter();

    private KeyValues() {
    }

    /** The value as an exact integer, or an error naming it. */
    public static long asLong(Object value) throws ShardingException {
        // what asDecimal(...).longValueExact() gives for them, without a BigDecimal per routed row
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        BigDecimal d = asDecimal(value);
        try {
            return d.setScale(0, java.math.RoundingMode.UNNECESSARY).longValueExact();
        } catch (ArithmeticException e) {
            throw new ShardingException(1105, "HY000", "Sharding value " + value + " is not an integer");
        }
    }

    public static BigDecimal asDecimal(Object value) throws ShardingException {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigDecimal d) return d;
        if (value instanceof BigInteger i) return new BigDecimal(i);
        if (value instanceof Double || value instanceof Float) return BigDecimal.valueOf(((Number) value).doubleValue());
        if (value instanceof Boolean b) return b ? BigDecimal.ONE : BigDecimal.ZERO;
        String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new ShardingException(1105, "HY000", "Sharding value '" + text + "' is not a number");
        }
    }

    /**
     * Canonical text for hashing: integers and integral decimals in plain decimal form, other
     * numbers without trailing zeros, strings as written, dates ISO with a space.
     */
    public static String canonicalText(Object value) {
        if (value instanceof byte[] bytes) return new String(bytes, StandardCharsets.UTF_8);
        if (value instanceof String s) return s;
        if (value instanceof LocalDateTime t) return t.toString().replace('T', ' ');
        if (value instanceof Number n) {
            BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
            d = d.stripTrailingZeros();
            return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
        }
        return String.valueOf(value);
    }

    public static LocalDateTime asDateTime(Object value) throws ShardingException {
        if (value instanceof LocalDateTime t) return t;
        if (value instanceof LocalDate d) return d.atStartOfDay();
        String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
        try {
            return LocalDateTime.parse(text.trim(), DATE_TIME);
        } catch (RuntimeException e) {
            throw new ShardingException(1105, "HY000", "Sharding value '" + text + "' is not a date or datetime");
        }
    }

    /** Orders two key values of the same column: numerically when both are numbers, else as text. */
    public static int compare(Object a, Object b) throws ShardingException {
        if (isNumeric(a) && isNumeric(b)) return asDecimal(a).compareTo(asDecimal(b));
        return canonicalText(a).compareTo(canonicalText(b));
    }

    static boolean isNumeric(Object v) {
        return v instanceof Number;
    }
}
