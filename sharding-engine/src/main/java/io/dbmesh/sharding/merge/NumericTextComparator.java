package io.dbmesh.sharding.merge;

import java.util.Arrays;

/**
 * Integers of every width (BIGINT UNSIGNED up to 18446744073709551615 included) and DECIMALs of any
 * precision, compared on their text without parsing: sign, then the integer part's length
 * (leading zeros of ZEROFILL skipped), then digits, then the fraction digits as if padded with
 * zeros. NULL first.
 */
enum NumericTextComparator implements ValueComparator {
    INSTANCE;

    @Override
    public int compare(byte[] a, byte[] b) {
        if (a == null || b == null) return a == b ? 0 : a == null ? -1 : 1;
        boolean na = isNegative(a), nb = isNegative(b);
        if (na != nb) return na ? -1 : 1;
        int magnitude = compareMagnitude(a, na ? 1 : 0, b, nb ? 1 : 0);
        return na ? -magnitude : magnitude;
    }

    /** Negative and not a negative zero ("-0.00" equals "0.00"). */
    private static boolean isNegative(byte[] v) {
        if (v.length == 0 || v[0] != '-') return false;
        for (int i = 1; i < v.length; i++) if (v[i] >= '1' && v[i] <= '9') return true;
        return false;
    }

    private static int compareMagnitude(byte[] a, int ia, byte[] b, int ib) {
        if (ia < a.length && (a[ia] == '+' || a[ia] == '-')) ia++;
        if (ib < b.length && (b[ib] == '+' || b[ib] == '-')) ib++;
        while (ia < a.length - 1 && a[ia] == '0' && a[ia + 1] != '.') ia++;
        while (ib < b.length - 1 && b[ib] == '0' && b[ib + 1] != '.') ib++;
        int pa = pointOrEnd(a, ia), pb = pointOrEnd(b, ib);
        int intLenA = pa - ia, intLenB = pb - ib;
        if (intLenA != intLenB) return Integer.compare(intLenA, intLenB);
        int c = Arrays.compare(a, ia, pa, b, ib, pb);
        if (c != 0) return Integer.signum(c);
        // Fractions: compare digit by digit, the shorter padded with zeros.
        int fa = pa + 1, fb = pb + 1;
        while (fa < a.length || fb < b.length) {
            int da = fa < a.length ? a[fa++] : '0';
            int db = fb < b.length ? b[fb++] : '0';
            if (da != db) return Integer.compare(da, db);
        }
        return 0;
    }

    private static int pointOrEnd(byte[] v, int from) {
        for (int i = from; i < v.length; i++) if (v[i] == '.') return i;
        return v.length;
    }

    @Override
    public byte[] key(byte[] value) {
        if (value == null) return null;
        if (!isNegative(value)) {
            int start = value.length > 0 && (value[0] == '-' || value[0] == '+') ? 1 : 0;
            return canonical(value, start, false);
        }
        return canonical(value, 1, true);
    }

    /** Digits without leading zeros of the integer part and trailing zeros of the fraction. */
    private static byte[] canonical(byte[] v, int from, boolean negative) {
        int start = from;
        while (start < v.length - 1 && v[start] == '0' && v[start + 1] != '.') start++;
        int end = v.length;
        int point = pointOrEnd(v, start);
        if (point < end) {
            while (end > point + 1 && v[end - 1] == '0') end--;
            if (end == point + 1) end = point;
        }
        byte[] out = new byte[end - start + (negative ? 1 : 0)];
        int o = 0;
        if (negative) out[o++] = '-';
        System.arraycopy(v, start, out, o, end - start);
        return out;
    }
}
