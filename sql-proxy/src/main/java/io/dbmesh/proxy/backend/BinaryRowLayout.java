package io.dbmesh.proxy.backend;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnType;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a binary-protocol result row (COM_STMT_EXECUTE: 0x00, NULL bitmap with a 2-bit offset,
 * then each non-NULL value in its wire form) as the backend sent it: where each value starts and
 * ends, the row's total length, and each value in the text-protocol form {@link io.dbmesh.core.result.RowCursor}
 * promises. The row itself is forwarded unchanged to a binary client; the text form serves any
 * other consumer and is what MariaDB's text protocol writes, except FLOAT/DOUBLE without fixed
 * decimals, which are spelled as Java's shortest round-trip digits (parsing them back gives the same
 * bits, so a re-encode to binary is exact; MariaDB's text FLOAT has only 6 digits). Forwarding the
 * row is more exact than the text path was: the text protocol rounds FLOAT to 6 digits and
 * DOUBLE(M,D) to D decimals, and the binary value re-encoded from that text was not MariaDB's.
 */
final class BinaryRowLayout {
    private static final byte[] ZERO_DATE = "0000-00-00".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZERO_DATETIME = "0000-00-00 00:00:00".getBytes(StandardCharsets.US_ASCII);

    private final ColumnType[] types;
    private final boolean[] unsigned;
    private final int[] decimals;
    private final int bitmapLength;
    /** Start of each value, -1 for NULL; fixed-width values start at their first byte, others at their length prefix. */
    final int[] offsets;
    /** Length of the current row, bytes. */
    int rowLength;

    BinaryRowLayout(List<Column> columns) {
        int n = columns.size();
        types = new ColumnType[n];
        unsigned = new boolean[n];
        decimals = new int[n];
        for (int i = 0; i < n; i++) {
            types[i] = columns.get(i).type();
            unsigned[i] = columns.get(i).unsigned();
            decimals[i] = columns.get(i).decimals();
        }
        bitmapLength = (n + 7 + 2) / 8;
        offsets = new int[n];
    }

    /** Locates every value of {@code row} (starting at index 0). */
    void read(byte[] row) {
        int p = 1 + bitmapLength;
        for (int i = 0; i < types.length; i++) {
            int bit = i + 2;
            if ((row[1 + (bit >>> 3)] & (1 << (bit & 7))) != 0) {
                offsets[i] = -1;
                continue;
            }
            offsets[i] = p;
            p += switch (types[i]) {
                case NULL -> 0;
                case TINY -> 1;
                case SHORT, YEAR -> 2;
                case LONG, INT24, FLOAT -> 4;
                case LONGLONG, DOUBLE -> 8;
                case DATE, NEWDATE, DATETIME, DATETIME2, TIMESTAMP, TIMESTAMP2, TIME, TIME2 -> 1 + (row[p] & 0xff);
                default -> lenencTotal(row, p);
            };
        }
        rowLength = p;
    }

    /** Bytes a length-encoded string at {@code p} takes, prefix included. */
    private static int lenencTotal(byte[] r, int p) {
        int b = r[p] & 0xff;
        if (b < 0xfb) return 1 + b;
        if (b == 0xfc) return 3 + ((r[p + 1] & 0xff) | (r[p + 2] & 0xff) << 8);
        if (b == 0xfd) return 4 + ((r[p + 1] & 0xff) | (r[p + 2] & 0xff) << 8 | (r[p + 3] & 0xff) << 16);
        if (b == 0xfe) return Math.toIntExact(9 + le(r, p + 1, 8));
        return 1; // 0xfb (NULL) never appears in a binary row; 0xff is not a length
    }

    private static long le(byte[] r, int p, int n) {
        long v = 0;
        for (int k = n - 1; k >= 0; k--) v = (v << 8) | (r[p + k] & 0xff);
        return v;
    }

    /** Value {@code i} of the current row in text-protocol form, null for SQL NULL. */
    byte[] text(byte[] r, int i) {
        int p = offsets[i];
        if (p < 0) return null;
        return switch (types[i]) {
            case NULL -> null;
            case TINY -> ascii(unsigned[i] ? Integer.toString(r[p] & 0xff) : Integer.toString(r[p]));
            case SHORT -> {
                int v = (int) le(r, p, 2);
                yield ascii(Integer.toString(unsigned[i] ? v : (short) v));
            }
            case YEAR -> ascii(String.format("%04d", (int) le(r, p, 2)));
            case LONG, INT24 -> {
                long v = le(r, p, 4);
                yield ascii(Long.toString(unsigned[i] ? v : (int) v));
            }
            case LONGLONG -> {
                long v = le(r, p, 8);
                yield ascii(unsigned[i] ? Long.toUnsignedString(v) : Long.toString(v));
            }
            case FLOAT -> ascii(decimals[i] <= FIXED_DECIMALS_MAX ? fixed(Float.intBitsToFloat((int) le(r, p, 4)), decimals[i])
                    : floatText(Float.intBitsToFloat((int) le(r, p, 4))));
            case DOUBLE -> ascii(decimals[i] <= FIXED_DECIMALS_MAX ? fixed(Double.longBitsToDouble(le(r, p, 8)), decimals[i])
                    : doubleText(Double.longBitsToDouble(le(r, p, 8))));
            case DATE, NEWDATE -> date(r, p);
            case DATETIME, DATETIME2, TIMESTAMP, TIMESTAMP2 -> dateTime(r, p, decimals[i]);
            case TIME, TIME2 -> time(r, p, decimals[i]);
            default -> lenencBytes(r, p);
        };
    }

    private static byte[] lenencBytes(byte[] r, int p) {
        int b = r[p] & 0xff;
        int from;
        long len;
        if (b < 0xfb) {
            len = b;
            from = p + 1;
        } else if (b == 0xfc) {
            len = le(r, p + 1, 2);
            from = p + 3;
        } else if (b == 0xfd) {
            len = le(r, p + 1, 3);
            from = p + 4;
        } else {
            len = le(r, p + 1, 8);
            from = p + 9;
        }
        return Arrays.copyOfRange(r, from, from + Math.toIntExact(len));
    }

    private static byte[] date(byte[] r, int p) {
        if (r[p] == 0) return ZERO_DATE.clone();
        return ascii(String.format("%04d-%02d-%02d", le(r, p + 1, 2), r[p + 3], r[p + 4]));
    }

    private static byte[] dateTime(byte[] r, int p, int decimals) {
        int len = r[p];
        if (len == 0) return fraction(new StringBuilder(new String(ZERO_DATETIME, StandardCharsets.US_ASCII)), 0, decimals);
        StringBuilder s = new StringBuilder(26).append(String.format("%04d-%02d-%02d", le(r, p + 1, 2), r[p + 3], r[p + 4]));
        if (len == 4) return fraction(s.append(" 00:00:00"), 0, decimals);
        s.append(String.format(" %02d:%02d:%02d", r[p + 5], r[p + 6], r[p + 7]));
        return fraction(s, len >= 11 ? le(r, p + 8, 4) : 0, decimals);
    }

    private static byte[] time(byte[] r, int p, int decimals) {
        int len = r[p];
        StringBuilder s = new StringBuilder(18);
        long micros = 0;
        if (len == 0) {
            s.append("00:00:00");
        } else {
            if (r[p + 1] != 0) s.append('-');
            long hours = le(r, p + 2, 4) * 24 + r[p + 6];
            s.append(hours < 10 ? "0" : "").append(hours).append(String.format(":%02d:%02d", r[p + 7], r[p + 8]));
            if (len >= 12) micros = le(r, p + 9, 4);
        }
        return fraction(s, micros, decimals);
    }

    /**
     * Appends the fractional seconds as the text protocol does: as many digits as the column's
     * decimals say (1–6); for a column of unknown precision (MariaDB's 39), six digits when there are any.
     */
    private static byte[] fraction(StringBuilder s, long micros, int decimals) {
        int digits = decimals >= 1 && decimals <= 6 ? decimals : decimals > 6 && micros != 0 ? 6 : 0;
        if (digits > 0) {
            String six = String.format("%06d", micros);
            s.append('.').append(six, 0, digits);
        }
        return ascii(s.toString());
    }

    /** FLOAT(M,D)/DOUBLE(M,D): D decimals, as the text protocol writes them (31 means none fixed). */
    private static final int FIXED_DECIMALS_MAX = 30;

    private static String fixed(double v, int decimals) {
        return new java.math.BigDecimal(v).setScale(decimals, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    static String floatText(float f) {
        return trimmed(Float.toString(f));
    }

    static String doubleText(double d) {
        return trimmed(Double.toString(d));
    }

    /** Java's "1.0" and "1.0E10" as MariaDB spells them: "1", "1e10". */
    private static String trimmed(String s) {
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.endsWith(".0")) mantissa = mantissa.substring(0, mantissa.length() - 2);
        return e < 0 ? mantissa : mantissa + "e" + s.substring(e + 1);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
