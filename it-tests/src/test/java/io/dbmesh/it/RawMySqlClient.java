package io.dbmesh.it;

import io.dbmesh.proxy.auth.MysqlNativePassword;
import io.dbmesh.proxy.packet.Capabilities;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A MySQL client over a plain socket for what drivers never send: oversized and malformed packets
 * before and after login, raw COM_STMT_SEND_LONG_DATA. mysql_native_password only.
 */
public final class RawMySqlClient implements AutoCloseable {
    public static final int CAPABILITIES = Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION
            | Capabilities.PLUGIN_AUTH | Capabilities.LONG_PASSWORD | Capabilities.TRANSACTIONS
            | Capabilities.MULTI_RESULTS | Capabilities.CONNECT_WITH_DB;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private byte[] greeting;

    public RawMySqlClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(15_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Connects and logs in; fails unless the server answers OK. */
    public static RawMySqlClient login(int port, String user, String password, String database) throws IOException {
        RawMySqlClient c = new RawMySqlClient(port);
        byte[] answer = c.handshake(user, password, database);
        if (answer[0] != 0) {
            c.close();
            throw new IOException("login failed: " + describe(answer));
        }
        return c;
    }

    /** Reads the greeting. */
    public byte[] greeting() throws IOException {
        if (greeting == null) greeting = read();
        return greeting;
    }

    /** Reads the greeting and sends a handshake response; returns the server's answer. */
    public byte[] handshake(String user, String password, String database) throws IOException {
        return handshake(user, password, database, -1);
    }

    /**
     * As {@link #handshake(String, String, String)}, as a MariaDB client when {@code mariadbCapabilities}
     * is not negative: CLIENT_MYSQL (LONG_PASSWORD) left unset, MariaDB's extended capabilities in
     * the last four of the reserved bytes.
     */
    public byte[] handshake(String user, String password, String database, int mariadbCapabilities) throws IOException {
        byte[] g = greeting();
        int versionEnd = indexOf(g, 1, (byte) 0);
        byte[] scramble = new byte[20];
        System.arraycopy(g, versionEnd + 1 + 4, scramble, 0, 8);
        int part2 = versionEnd + 1 + 4 + 8 + 1 + 2 + 1 + 2 + 2 + 1 + 10;
        System.arraycopy(g, part2, scramble, 8, 12);
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        int caps = CAPABILITIES & (database == null ? ~Capabilities.CONNECT_WITH_DB : ~0)
                & (mariadbCapabilities >= 0 ? ~Capabilities.LONG_PASSWORD : ~0);
        writeInt(p, caps, 4);
        writeInt(p, 1 << 24, 4);
        p.write(45);
        p.write(new byte[19], 0, 19);
        writeInt(p, Math.max(0, mariadbCapabilities), 4);
        p.writeBytes(user.getBytes(StandardCharsets.UTF_8));
        p.write(0);
        byte[] auth = password.isEmpty() ? new byte[0] : MysqlNativePassword.scramble(password, scramble);
        p.write(auth.length);
        p.writeBytes(auth);
        if (database != null) {
            p.writeBytes(database.getBytes(StandardCharsets.UTF_8));
            p.write(0);
        }
        p.writeBytes("mysql_native_password".getBytes(StandardCharsets.UTF_8));
        p.write(0);
        write(1, p.toByteArray());
        return read();
    }

    /** One frame: header and payload. */
    public void write(int sequenceId, byte[] payload) throws IOException {
        out.write(header(payload.length, sequenceId));
        out.write(payload);
        out.flush();
    }

    /** A bare 4-byte header announcing {@code length} bytes (then send what you like, or nothing). */
    public void writeHeader(int length, int sequenceId) throws IOException {
        out.write(header(length, sequenceId));
        out.flush();
    }

    /** Raw bytes, no framing. */
    public void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    private static byte[] header(int length, int sequenceId) {
        return new byte[] {(byte) length, (byte) (length >> 8), (byte) (length >> 16), (byte) sequenceId};
    }

    /** A command (sequence id 0): command byte + body. */
    public void command(int code, byte[] body) throws IOException {
        byte[] payload = new byte[body.length + 1];
        payload[0] = (byte) code;
        System.arraycopy(body, 0, payload, 1, body.length);
        write(0, payload);
    }

    /** COM_QUERY and its first answer packet. */
    public byte[] query(String sql) throws IOException {
        command(0x03, sql.getBytes(StandardCharsets.UTF_8));
        return read();
    }

    public byte[] read() throws IOException {
        int length = in.readUnsignedByte() | in.readUnsignedByte() << 8 | in.readUnsignedByte() << 16;
        in.readUnsignedByte();
        byte[] payload = new byte[length];
        in.readFully(payload);
        return payload;
    }

    /** Reads packets until the server closes the connection; false when it is still open after the socket timeout. */
    public boolean closedByServer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) return true;
            }
        } catch (EOFException | SocketException e) {
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    public void soTimeout(int millis) throws SocketException {
        socket.setSoTimeout(millis);
    }

    public static boolean isOk(byte[] packet) {
        return packet.length > 0 && packet[0] == 0;
    }

    public static boolean isError(byte[] packet) {
        return packet.length > 0 && (packet[0] & 0xff) == 0xff;
    }

    public static int errorCode(byte[] err) {
        if (!isError(err)) throw new AssertionError("not an ERR packet: " + describe(err));
        return (err[1] & 0xff) | (err[2] & 0xff) << 8;
    }

    /** The SQLSTATE of an ERR packet (protocol 4.1: '#' + 5 characters). */
    public static String sqlState(byte[] err) {
        return new String(err, 4, 5, StandardCharsets.UTF_8);
    }

    public static String errorMessage(byte[] err) {
        return new String(err, 9, err.length - 9, StandardCharsets.UTF_8);
    }

    public static String describe(byte[] packet) {
        if (isError(packet)) return "ERR " + errorCode(packet) + " " + errorMessage(packet);
        return Arrays.toString(Arrays.copyOf(packet, Math.min(packet.length, 32)));
    }

    private static void writeInt(ByteArrayOutputStream p, int v, int bytes) {
        for (int i = 0; i < bytes; i++) p.write(v >>> (8 * i));
    }

    private static int indexOf(byte[] b, int from, byte value) {
        for (int i = from; i < b.length; i++) if (b[i] == value) return i;
        return -1;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
