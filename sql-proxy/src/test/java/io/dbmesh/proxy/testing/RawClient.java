package io.dbmesh.proxy.testing;

import io.dbmesh.proxy.auth.MysqlNativePassword;
import io.dbmesh.proxy.packet.Capabilities;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal MySQL client over a plain socket, for protocol details drivers never exercise
 * (unknown commands, COM_FIELD_LIST, wrong sequence ids, a client that stops reading).
 */
public final class RawClient implements AutoCloseable {
    public static final int DEFAULT_CAPABILITIES = Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION
            | Capabilities.PLUGIN_AUTH | Capabilities.LONG_PASSWORD | Capabilities.TRANSACTIONS
            | Capabilities.MULTI_RESULTS | Capabilities.CONNECT_WITH_DB;

    public final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    public int lastSequenceId;
    public byte[] greeting;

    public RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Connects and authenticates with mysql_native_password; returns the server's answer (OK or ERR). */
    public static RawClient login(int port, String user, String password, int capabilities) throws IOException {
        RawClient c = new RawClient(port);
        byte[] answer = c.handshake(user, password, capabilities);
        if (answer[0] != 0) throw new IOException("login failed: " + new String(answer, StandardCharsets.UTF_8));
        return c;
    }

    public byte[] handshake(String user, String password, int capabilities) throws IOException {
        greeting = read();
        int versionEnd = indexOf(greeting, 1, (byte) 0);
        byte[] scramble = new byte[20];
        System.arraycopy(greeting, versionEnd + 1 + 4, scramble, 0, 8);
        int part2 = versionEnd + 1 + 4 + 8 + 1 + 2 + 1 + 2 + 2 + 1 + 10;
        System.arraycopy(greeting, part2, scramble, 8, 12);
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        writeInt(p, capabilities, 4);
        writeInt(p, 1 << 24, 4);
        p.write(45);
        p.write(new byte[23], 0, 23);
        p.writeBytes(user.getBytes(StandardCharsets.UTF_8));
        p.write(0);
        byte[] auth = password.isEmpty() ? new byte[0] : MysqlNativePassword.scramble(password, scramble);
        p.write(auth.length);
        p.writeBytes(auth);
        if ((capabilities & Capabilities.CONNECT_WITH_DB) != 0) {
            p.writeBytes("wire_test".getBytes(StandardCharsets.UTF_8));
            p.write(0);
        }
        p.writeBytes("mysql_native_password".getBytes(StandardCharsets.UTF_8));
        p.write(0);
        write(1, p.toByteArray());
        return read();
    }

    public String serverVersion() {
        return new String(greeting, 1, indexOf(greeting, 1, (byte) 0) - 1, StandardCharsets.UTF_8);
    }

    public void write(int sequenceId, byte[] payload) throws IOException {
        byte[] frame = new byte[payload.length + 4];
        frame[0] = (byte) payload.length;
        frame[1] = (byte) (payload.length >> 8);
        frame[2] = (byte) (payload.length >> 16);
        frame[3] = (byte) sequenceId;
        System.arraycopy(payload, 0, frame, 4, payload.length);
        out.write(frame);
        out.flush();
    }

    /** Sends a command (sequence id 0) made of a command byte and a body. */
    public void command(int code, byte[] body) throws IOException {
        byte[] payload = new byte[body.length + 1];
        payload[0] = (byte) code;
        System.arraycopy(body, 0, payload, 1, body.length);
        write(0, payload);
    }

    public void command(int code, String body) throws IOException {
        command(code, body.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] read() throws IOException {
        int length = in.readUnsignedByte() | in.readUnsignedByte() << 8 | in.readUnsignedByte() << 16;
        lastSequenceId = in.readUnsignedByte();
        byte[] payload = new byte[length];
        in.readFully(payload);
        return payload;
    }

    /** -1 when the server closed the connection. */
    public int readOrEof() throws IOException {
        return in.read();
    }

    public InputStream input() {
        return in;
    }

    public static int errorCode(byte[] err) {
        if ((err[0] & 0xff) != 0xff) throw new AssertionError("not an ERR packet: " + Arrays.toString(err));
        return (err[1] & 0xff) | (err[2] & 0xff) << 8;
    }

    public static String errorMessage(byte[] err) {
        return new String(err, 9, err.length - 9, StandardCharsets.UTF_8);
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
