package io.dbmesh.sharding.merge;

import java.math.BigDecimal;

/**
 * Formats a DOUBLE the way MariaDB's text protocol does (for values the merge computes itself:
 * SUM/AVG of FLOAT and DOUBLE). MariaDB prints the shortest digit string that reads back as the
 * same double (Java's {@link Double#toString} finds the same digits), in plain notation unless the
 * decimal point would sit more than 15 places to the right of the first digit with no fraction
 * left ({@code 1e15}, {@code 1.234567890123456e15}, but {@code 1234567890123456.8}) or more than 14
 * zeros would follow it ({@code 1e-15}); exponents have no '+' and no leading zeros
 * ({@code 1e20}, {@code 1.5e-16}). Pinned against the server in {@code MariaDbDoubleFormatTest}.
 * Limit: for subnormal values (below 2.2e-308) Java may pick a closer two-digit string where
 * MariaDB prints one digit ({@code 9.9e-324} vs {@code 1e-323}).
 */
public final class MariaDbDoubleFormat {
    private MariaDbDoubleFormat() {
    }

    public static String format(double value) {
        if (value == 0) return "0"; // also -0
        if (Double.isNaN(value) || Double.isInfinite(value)) return value > 0 ? "inf" : value < 0 ? "-inf" : "nan";
        return layout(new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros(), value < 0);
    }

    /** A FLOAT (MariaDB prints FLOAT values rounded to 6 significant digits: 1234567 → 1234570). */
    public static String formatFloat(float value) {
        if (value == 0) return "0";
        if (Float.isNaN(value) || Float.isInfinite(value)) return value > 0 ? "inf" : value < 0 ? "-inf" : "nan";
        BigDecimal rounded = new BigDecimal(Math.abs((double) value)).round(new java.math.MathContext(6, java.math.RoundingMode.HALF_EVEN));
        return layout(rounded.stripTrailingZeros(), value < 0);
    }

    private static String layout(BigDecimal exact, boolean negative) {
        String digits = exact.unscaledValue().toString();
        int len = digits.length();
        int decpt = len - exact.scale(); // position of the decimal point relative to the first digit
        StringBuilder out = new StringBuilder(len + 8);
        if (negative) out.append('-');
        if (decpt < -14 || (decpt > 15 && decpt >= len)) {
            out.append(digits.charAt(0));
            if (len > 1) out.append('.').append(digits, 1, len);
            out.append('e').append(decpt - 1);
        } else if (decpt <= 0) {
            out.append("0.").append("0".repeat(-decpt)).append(digits);
        } else if (decpt >= len) {
            out.append(digits).append("0".repeat(decpt - len));
        } else {
            out.append(digits, 0, decpt).append('.').append(digits, decpt, len);
        }
        return out.toString();
    }
}
