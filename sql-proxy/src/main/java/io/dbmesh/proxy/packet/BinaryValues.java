package io.dbmesh.proxy.packet;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnType;
import io.dbmesh.proxy.text.ClientCharset;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Values of the binary protocol (protocol::Binary*), both ways:
 * <ul>
 *   <li>{@link #write}: a value in MySQL text form (as RowCursor carries it) → binary row value,
 *   converted per column type without building Strings for integers and temporals;</li>
 *   <li>{@link #read}: a COM_STMT_EXECUTE parameter → the Java value documented on BoundParameter.</li>
 * </ul>
 * Temporal layouts follow the server (sql/protocol.cc): the length byte is the shortest that
 * holds the non-zero fields, so an all-zero date is length 0.
 */
public final class BinaryValues {

    private BinaryValues() {
    }

    // ---- text form → binary row value ----

    public static void write(ByteBuf out, Column column, byte[] text) {
        switch (column.type()) {
            case TINY -> out.writeByte((int) parseLong(text));
            case SHORT, YEAR -> out.writeShortLE((int) parseLong(text));
            case LONG, INT24 -> out.writeIntLE((int) parseLong(text));
            case LONGLONG -> out.writeLongLE(parseLong(text));
            case FLOAT -> out.writeFloatLE(Float.parseFloat(ascii(text)));
            case DOUBLE -> out.writeDoubleLE(Double.parseDouble(ascii(text)));
            case DATE, NEWDATE, DATETIME, DATETIME2, TIMESTAMP, TIMESTAMP2 -> writeDateTime(out, text);
            case TIME, TIME2 -> writeTime(out, text);
            default -> {
                // DECIMAL as its string, BIT/ENUM/SET/JSON/BLOB/strings/GEOMETRY as bytes
                Wire.writeLenencInt(out, text.length);
                out.writeBytes(text);
            }
        }
    }

    /**
     * Parses a decimal integer in ASCII. Digits accumulate modulo 2^64, so an unsigned BIGINT
     * above Long.MAX_VALUE comes out with exactly the bits the binary protocol wants.
     */
    static long parseLong(byte[] text) {
        int i = 0;
        boolean negative = false;
        if (text.length > 0 && (text[0] == '-' || text[0] == '+')) {
            negative = text[0] == '-';
            i = 1;
        }
        if (i >= text.length) throw new NumberFormatException("not an integer: '" + ascii(text) + "'");
        long value = 0;
        for (; i < text.length; i++) {
            int d = text[i] - '0';
            if (d < 0 || d > 9) throw new NumberFormatException("not an integer: '" + ascii(text) + "'");
            value = value * 10 + d;
        }
        return negative ? -value : value;
    }

    /** "YYYY-MM-DD[ HH:MM:SS[.ffffff]]" → length byte + fields. */
    static void writeDateTime(ByteBuf out, byte[] t) {
        int year = digits(t, 0, 4), month = digits(t, 5, 2), day = digits(t, 8, 2);
        int hour = 0, minute = 0, second = 0, micros = 0;
        if (t.length >= 19) {
            hour = digits(t, 11, 2);
            minute = digits(t, 14, 2);
            second = digits(t, 17, 2);
            micros = fraction(t, 19);
        }
        int length = micros != 0 ? 11 : (hour | minute | second) != 0 ? 7 : (year | month | day) != 0 ? 4 : 0;
        out.writeByte(length);
        if (length == 0) return;
        out.writeShortLE(year);
        out.writeByte(month);
        out.writeByte(day);
        if (length == 4) return;
        out.writeByte(hour);
        out.writeByte(minute);
        out.writeByte(second);
        if (length == 11) out.writeIntLE(micros);
    }

    /** "[-]H+:MM:SS[.ffffff]" (hours up to 838) → length byte, sign, days, h, m, s, micros. */
    static void writeTime(ByteBuf out, byte[] t) {
        int i = 0;
        boolean negative = t.length > 0 && t[0] == '-';
        if (negative) i = 1;
        int colon = i;
        while (colon < t.length && t[colon] != ':') colon++;
        int hours = digits(t, i, colon - i);
        int minute = digits(t, colon + 1, 2);
        int second = digits(t, colon + 4, 2);
        int micros = fraction(t, colon + 6);
        int length = micros != 0 ? 12 : (hours | minute | second) != 0 ? 8 : 0;
        out.writeByte(length);
        if (length == 0) return;
        out.writeByte(negative ? 1 : 0);
        out.writeIntLE(hours / 24);
        out.writeByte(hours % 24);
        out.writeByte(minute);
        out.writeByte(second);
        if (length == 12) out.writeIntLE(micros);
    }

    private static int digits(byte[] t, int from, int count) {
        if (from + count > t.length || count <= 0) throw new NumberFormatException("not a temporal value: '" + ascii(t) + "'");
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int d = t[i] - '0';
            if (d < 0 || d > 9) throw new NumberFormatException("not a temporal value: '" + ascii(t) + "'");
            v = v * 10 + d;
        }
        return v;
    }

    /** Digits after the '.' at {@code dot}, scaled to microseconds; 0 when absent. */
    private static int fraction(byte[] t, int dot) {
        if (dot >= t.length || t[dot] != '.') return 0;
        int micros = 0, n = 0;
        for (int i = dot + 1; i < t.length && n < 6; i++, n++) {
            micros = micros * 10 + (t[i] - '0');
        }
        for (; n < 6; n++) micros *= 10;
        return micros;
    }

    private static String ascii(byte[] t) {
        return new String(t, StandardCharsets.ISO_8859_1);
    }

    // ---- COM_STMT_EXECUTE parameter → Java value ----

    /** Reads one non-NULL parameter value of the given type (see BoundParameter for the mapping), text as UTF-8. */
    public static Object read(ByteBuf in, ColumnType type, boolean unsigned) {
        return read(in, type, unsigned, ClientCharset.UTF8MB4);
    }

    /**
     * Reads one non-NULL parameter value; string parameters are in the client's character set
     * and stay byte[] when they are not valid text in it (a BLOB sent as a string parameter), so
     * no byte is lost to a replacement character.
     */
    public static Object read(ByteBuf in, ColumnType type, boolean unsigned, ClientCharset charset) {
        return switch (type) {
            case NULL -> null;
            case TINY -> (long) (unsigned ? in.readUnsignedByte() : in.readByte());
            case SHORT, YEAR -> (long) (unsigned ? in.readUnsignedShortLE() : in.readShortLE());
            case LONG, INT24 -> unsigned ? in.readUnsignedIntLE() : (long) in.readIntLE();
            case LONGLONG -> in.readLongLE();
            case FLOAT -> in.readFloatLE();
            case DOUBLE -> in.readDoubleLE();
            case DECIMAL, NEWDECIMAL -> Wire.readLenencString(in);
            case VARCHAR, VAR_STRING, STRING, ENUM, SET, JSON -> {
                byte[] bytes = Wire.readLenencBytes(in);
                String text = charset.text(bytes);
                yield text != null ? text : bytes;
            }
            case DATE, NEWDATE -> readDate(in);
            case DATETIME, DATETIME2, TIMESTAMP, TIMESTAMP2 -> readDateTime(in);
            case TIME, TIME2 -> readTime(in);
            case BIT, TINY_BLOB, MEDIUM_BLOB, LONG_BLOB, BLOB, GEOMETRY -> Wire.readLenencBytes(in);
        };
    }

    /** LocalDate, or the text "0000-00-00"-style form when the date is not a valid calendar date. */
    private static Object readDate(ByteBuf in) {
        int length = in.readUnsignedByte();
        int year = 0, month = 0, day = 0;
        if (length >= 4) {
            year = in.readUnsignedShortLE();
            month = in.readUnsignedByte();
            day = in.readUnsignedByte();
            in.skipBytes(length - 4);
        } else {
            in.skipBytes(length);
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return String.format("%04d-%02d-%02d", year, month, day);
        }
    }

    /** LocalDateTime, or the text form for zero/invalid dates ("0000-00-00 00:00:00"). */
    private static Object readDateTime(ByteBuf in) {
        int length = in.readUnsignedByte();
        int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, micros = 0;
        if (length >= 4) {
            year = in.readUnsignedShortLE();
            month = in.readUnsignedByte();
            day = in.readUnsignedByte();
        }
        if (length >= 7) {
            hour = in.readUnsignedByte();
            minute = in.readUnsignedByte();
            second = in.readUnsignedByte();
        }
        if (length >= 11) micros = in.readIntLE();
        if (length != 0 && length != 4 && length != 7 && length != 11) {
            throw new MalformedPacketException("invalid DATETIME parameter length " + length);
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, micros * 1000);
        } catch (DateTimeException e) {
            String s = String.format("%04d-%02d-%02d %02d:%02d:%02d", year, month, day, hour, minute, second);
            return micros == 0 ? s : s + String.format(".%06d", micros);
        }
    }

    private static Duration readTime(ByteBuf in) {
        int length = in.readUnsignedByte();
        if (length == 0) return Duration.ZERO;
        if (length != 8 && length != 12) throw new MalformedPacketException("invalid TIME parameter length " + length);
        boolean negative = in.readByte() != 0;
        long days = in.readUnsignedIntLE();
        int hour = in.readUnsignedByte(), minute = in.readUnsignedByte(), second = in.readUnsignedByte();
        long micros = length == 12 ? in.readUnsignedIntLE() : 0;
        Duration d = Duration.ofDays(days).plusHours(hour).plusMinutes(minute).plusSeconds(second).plusNanos(micros * 1000);
        return negative ? d.negated() : d;
    }
}
