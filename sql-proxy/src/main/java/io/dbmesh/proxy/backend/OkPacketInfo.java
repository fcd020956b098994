package io.dbmesh.proxy.backend;

import org.mariadb.jdbc.client.Context;
import org.mariadb.jdbc.client.impl.StandardClient;
import org.mariadb.jdbc.client.impl.StandardReadableByteBuf;
import org.mariadb.jdbc.client.socket.impl.PacketReader;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

/**
 * The info text of the OK packet a backend statement just ended with ("Rows matched: 2  Changed: 1
 * Warnings: 0", "Records: 3  Duplicates: 0  Warnings: 0"). Connector/J 3.x parses OK packets but
 * skips the info, and keeps it nowhere. The packet's bytes are still in the connection's reusable
 * read buffer ({@code PacketReader.readBuf}) until the next packet is read, so right after the
 * statement we parse them again there. The bytes are trusted only when they are an OK packet with
 * exactly the affected rows, insert id, status and warning count Connector/J reported for the
 * statement; anything else (a later packet, a Connector/J that reads differently) gives no info,
 * never a wrong one. The three fields are resolved once at class load, like {@link ConnectorInternals}.
 */
final class OkPacketInfo {

    static final boolean AVAILABLE;
    private static final VarHandle CLIENT_READER;
    private static final VarHandle READER_BUFFER;
    private static final VarHandle BUFFER_LIMIT;

    static {
        VarHandle reader = null;
        VarHandle buffer = null;
        VarHandle limit = null;
        boolean ok;
        try {
            reader = MethodHandles.privateLookupIn(StandardClient.class, MethodHandles.lookup())
                    .findVarHandle(StandardClient.class, "reader", org.mariadb.jdbc.client.socket.Reader.class);
            buffer = MethodHandles.privateLookupIn(PacketReader.class, MethodHandles.lookup())
                    .findVarHandle(PacketReader.class, "readBuf", StandardReadableByteBuf.class);
            limit = MethodHandles.privateLookupIn(StandardReadableByteBuf.class, MethodHandles.lookup())
                    .findVarHandle(StandardReadableByteBuf.class, "limit", int.class);
            ok = true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            ok = false;
        }
        AVAILABLE = ok;
        CLIENT_READER = reader;
        READER_BUFFER = buffer;
        BUFFER_LIMIT = limit;
    }

    private OkPacketInfo() {
    }

    /** The info of the last packet read on {@code connection} if it is the OK described; "" otherwise. */
    static String of(org.mariadb.jdbc.Connection connection, long affectedRows, long lastInsertId) {
        if (!AVAILABLE || !(connection.getClient() instanceof StandardClient client)
                || !(CLIENT_READER.get(client) instanceof PacketReader reader)
                || !(READER_BUFFER.get(reader) instanceof StandardReadableByteBuf buffer)) {
            return "";
        }
        Context context = connection.getContext();
        return parse(buffer.buf(), (int) BUFFER_LIMIT.get(buffer), affectedRows, lastInsertId,
                context.getServerStatus(), context.getWarning());
    }

    /**
     * The info of the OK packet in {@code packet[0, length)} when its fields are the expected ones,
     * "" when it has none or is not that packet. The info is a length-encoded string (what MariaDB
     * and MySQL servers write, with or without CLIENT_SESSION_TRACK); session-state data may follow.
     */
    static String parse(byte[] packet, int length, long affectedRows, long lastInsertId, int status, int warnings) {
        if (packet == null || length < 7 || length > packet.length || packet[0] != 0x00) {
            return "";
        }
        int[] at = {1};
        if (lenenc(packet, length, at) != affectedRows || lenenc(packet, length, at) != lastInsertId) {
            return "";
        }
        int p = at[0];
        if (p + 4 > length || u16(packet, p) != (status & 0xffff) || u16(packet, p + 2) != warnings) {
            return "";
        }
        at[0] = p + 4;
        if (at[0] >= length) {
            return "";
        }
        long size = lenenc(packet, length, at);
        if (size <= 0 || size > length - at[0]) {
            return "";
        }
        return new String(packet, at[0], (int) size, StandardCharsets.UTF_8);
    }

    /** A length-encoded integer at {@code at[0]} (advanced past it); -1 when malformed or cut off. */
    private static long lenenc(byte[] b, int length, int[] at) {
        int p = at[0];
        if (p >= length) return -1;
        int first = b[p] & 0xff;
        int bytes = first < 0xfb ? 0 : first == 0xfc ? 2 : first == 0xfd ? 3 : first == 0xfe ? 8 : -1;
        if (bytes < 0 || p + 1 + bytes > length) return -1;
        if (bytes == 0) {
            at[0] = p + 1;
            return first;
        }
        long value = 0;
        for (int i = bytes - 1; i >= 0; i--) value = (value << 8) | (b[p + 1 + i] & 0xff);
        at[0] = p + 1 + bytes;
        return value;
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8;
    }
}
