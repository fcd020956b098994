package io.dbmesh.proxy.backend;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class OkPacketInfoTest {

    /** The Connector/J fields it reads must exist: an upgrade that moves them fails here, not silently. */
    @Test
    void connectorInternalsResolve() {
        assertThat(OkPacketInfo.AVAILABLE).isTrue();
    }

    private static byte[] ok(int affected, int insertId, int status, int warnings, String info, byte... trailer) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x00);
        b.write(affected);
        b.write(insertId);
        b.write(status & 0xff);
        b.write(status >> 8);
        b.write(warnings);
        b.write(0);
        if (info != null) {
            byte[] text = info.getBytes(StandardCharsets.UTF_8);
            b.write(text.length);
            b.writeBytes(text);
        }
        b.writeBytes(trailer);
        byte[] packet = b.toByteArray();
        byte[] buffer = new byte[1024]; // Connector/J's reusable buffer: longer than the packet, old bytes after it
        java.util.Arrays.fill(buffer, (byte) 'x');
        System.arraycopy(packet, 0, buffer, 0, packet.length);
        return java.util.Arrays.copyOf(buffer, 1024);
    }

    private static int length(int infoLength, int trailer) {
        return 7 + (infoLength < 0 ? 0 : 1 + infoLength) + trailer;
    }

    @Test
    void readsTheInfoOfTheExpectedOkPacket() {
        String info = "Rows matched: 2  Changed: 1  Warnings: 0";
        byte[] p = ok(1, 0, 0x0002, 0, info);
        assertThat(OkPacketInfo.parse(p, length(info.length(), 0), 1, 0, 0x0002, 0)).isEqualTo(info);
    }

    @Test
    void sessionStateAfterTheInfoIsIgnored() {
        String info = "Records: 3  Duplicates: 0  Warnings: 0";
        byte[] p = ok(3, 7, 0x4002, 0, info, (byte) 3, (byte) 1, (byte) 1, (byte) 0);
        assertThat(OkPacketInfo.parse(p, length(info.length(), 4), 3, 7, 0x4002, 0)).isEqualTo(info);
    }

    @Test
    void anotherPacketGivesNoInfo() {
        String info = "Rows matched: 2  Changed: 2  Warnings: 0";
        int n = length(info.length(), 0);
        assertThat(OkPacketInfo.parse(ok(2, 0, 2, 0, info), n, 1, 0, 2, 0)).isEmpty();  // other affected rows
        assertThat(OkPacketInfo.parse(ok(2, 0, 2, 0, info), n, 2, 5, 2, 0)).isEmpty();  // other insert id
        assertThat(OkPacketInfo.parse(ok(2, 0, 2, 0, info), n, 2, 0, 3, 0)).isEmpty();  // other status
        assertThat(OkPacketInfo.parse(ok(2, 0, 2, 0, info), n, 2, 0, 2, 1)).isEmpty();  // other warnings
        byte[] row = ok(2, 0, 2, 0, info);
        row[0] = (byte) 0xfe;
        assertThat(OkPacketInfo.parse(row, n, 2, 0, 2, 0)).isEmpty();                   // not an OK
    }

    @Test
    void noInfoOrACutOffOneGivesNothing() {
        assertThat(OkPacketInfo.parse(ok(1, 0, 2, 0, null), length(-1, 0), 1, 0, 2, 0)).isEmpty();
        String info = "Rows matched: 1  Changed: 1  Warnings: 0";
        assertThat(OkPacketInfo.parse(ok(1, 0, 2, 0, info), length(info.length(), 0) - 5, 1, 0, 2, 0)).isEmpty();
        assertThat(OkPacketInfo.parse(null, 0, 0, 0, 0, 0)).isEmpty();
    }
}
