package io.dbmesh.proxy.packet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.StandardCharsets;

/**
 * The primitive field encodings of the MySQL protocol: length-encoded integers and strings,
 * NUL-terminated strings. All integers are little-endian. Writers take {@link CharSequence} and
 * encode UTF-8 straight into the buffer so no intermediate byte[] is built on the hot path.
 */
public final class Wire {
    /** The lenenc marker of SQL NULL in text rows. */
    public static final int NULL_MARKER = 0xfb;

    private Wire() {
    }

    public static long readLenencInt(ByteBuf in) {
        int first = in.readUnsignedByte();
        return switch (first) {
            case 0xfc -> in.readUnsignedShortLE();
            case 0xfd -> in.readUnsignedMediumLE();
            case 0xfe -> in.readLongLE();
            case 0xfb -> throw new MalformedPacketException("unexpected NULL marker where an integer was expected");
            case 0xff -> throw new MalformedPacketException("invalid length-encoded integer prefix 0xff");
            default -> first;
        };
    }

    public static void writeLenencInt(ByteBuf out, long value) {
        if (value >= 0 && value < 251) {
            out.writeByte((int) value);
        } else if (value >= 0 && value < (1 << 16)) {
            out.writeByte(0xfc);
            out.writeShortLE((int) value);
        } else if (value >= 0 && value < (1 << 24)) {
            out.writeByte(0xfd);
            out.writeMediumLE((int) value);
        } else {
            out.writeByte(0xfe);
            out.writeLongLE(value);
        }
    }

    public static int lenencIntSize(long value) {
        if (value >= 0 && value < 251) return 1;
        if (value >= 0 && value < (1 << 16)) return 3;
        if (value >= 0 && value < (1 << 24)) return 4;
        return 9;
    }

    public static byte[] readLenencBytes(ByteBuf in) {
        int length = checkedLength(in, readLenencInt(in));
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        return bytes;
    }

    public static String readLenencString(ByteBuf in) {
        int length = checkedLength(in, readLenencInt(in));
        String s = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return s;
    }

    public static void writeLenencBytes(ByteBuf out, byte[] bytes) {
        writeLenencInt(out, bytes.length);
        out.writeBytes(bytes);
    }

    public static void writeLenencString(ByteBuf out, CharSequence s) {
        if (s == null) {
            out.writeByte(0);
            return;
        }
        writeLenencInt(out, ByteBufUtil.utf8Bytes(s));
        ByteBufUtil.writeUtf8(out, s);
    }

    /** Reads up to the next NUL (consumed); the rest of the payload when there is no NUL. */
    public static String readNulString(ByteBuf in) {
        int end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) 0);
        int length = (end < 0 ? in.writerIndex() : end) - in.readerIndex();
        String s = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length + (end < 0 ? 0 : 1));
        return s;
    }

    public static byte[] readNulBytes(ByteBuf in) {
        int end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) 0);
        int length = (end < 0 ? in.writerIndex() : end) - in.readerIndex();
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        if (end >= 0) in.skipBytes(1);
        return bytes;
    }

    public static void writeNulString(ByteBuf out, CharSequence s) {
        ByteBufUtil.writeUtf8(out, s);
        out.writeByte(0);
    }

    /** The rest of the payload as a UTF-8 string (string&lt;EOF&gt;). */
    public static String readRestString(ByteBuf in) {
        String s = in.toString(StandardCharsets.UTF_8);
        in.skipBytes(in.readableBytes());
        return s;
    }

    public static byte[] readRestBytes(ByteBuf in) {
        byte[] bytes = new byte[in.readableBytes()];
        in.readBytes(bytes);
        return bytes;
    }

    private static int checkedLength(ByteBuf in, long length) {
        if (length < 0 || length > in.readableBytes()) {
            throw new MalformedPacketException("length " + length + " exceeds the " + in.readableBytes() + " bytes left in the packet");
        }
        return (int) length;
    }
}
