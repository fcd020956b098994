package io.dbmesh.proxy.packet;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** MariaDB's extended capabilities in the handshake and the extended metadata block of a column definition. */
class MariaDbExtendedMetadataTest {

    private static final Column JSON = new Column("app", "t", "t", "doc", "doc", 45, 4294967295L, ColumnType.BLOB, 16, 0, "", "json");
    private static final Column PLAIN = new Column("app", "t", "t", "id", "id", 63, 11, ColumnType.LONG, 0, 0);

    private static String afterOrgName(Column c, boolean extended) {
        ByteBuf out = Unpooled.buffer();
        ColumnDefinition41.write(out, c, false, extended);
        // catalog "def", schema, table, org_table, name, org_name
        for (int i = 0; i < 6; i++) Wire.readLenencBytes(out);
        return ByteBufUtil.hexDump(out);
    }

    @Test
    void formatJsonFollowsTheOriginalName() {
        // block of 6 bytes: type 1 (format), "json" with its length
        assertThat(afterOrgName(JSON, true)).startsWith("06" + "01" + "04" + "6a736f6e" + "0c");
    }

    @Test
    void anEmptyBlockForAColumnWithoutExtendedType() {
        assertThat(afterOrgName(PLAIN, true)).startsWith("00" + "0c");
    }

    @Test
    void noBlockUnlessNegotiated() {
        assertThat(afterOrgName(JSON, false)).startsWith("0c");
    }

    @Test
    void typeNameAndFormatBothTravel() {
        Column uuid = new Column("app", "t", "t", "u", "u", 45, 36, ColumnType.STRING, 0, 0, "uuid", "x");
        assertThat(afterOrgName(uuid, true)).startsWith("09" + "00" + "04" + "75756964" + "01" + "01" + "78" + "0c");
    }

    @Test
    void theHandshakeAnnouncesExtendedMetadataAndMetadataCachingOnlyWithoutClientMysql() {
        assertThat(reservedTail(Capabilities.SERVER_DEFAULT))
                .isEqualTo(Capabilities.MARIADB_EXTENDED_METADATA | Capabilities.MARIADB_CACHE_METADATA);
        assertThat(reservedTail(Capabilities.SERVER_DEFAULT | Capabilities.LONG_PASSWORD)).isZero();
    }

    private static int reservedTail(int capabilities) {
        ByteBuf out = Unpooled.buffer();
        new HandshakeV10("10.11.19-MariaDB-dbmesh", 7, new byte[20], capabilities, Capabilities.MARIADB_SERVER_DEFAULT,
                45, 2, "mysql_native_password").write(out, 0);
        out.skipBytes(1);
        Wire.readNulString(out);
        out.skipBytes(4 + 8 + 1 + 2 + 1 + 2 + 2 + 1 + 6);
        return out.readIntLE();
    }

    @Test
    void aMariaDbClientAnswersInTheLastReservedBytesAMySqlClientDoesNot() {
        int base = Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION | Capabilities.PLUGIN_AUTH;
        assertThat(response(base, Capabilities.MARIADB_EXTENDED_METADATA).mariadbCapabilities()).isEqualTo(Capabilities.MARIADB_EXTENDED_METADATA);
        assertThat(response(base | Capabilities.LONG_PASSWORD, Capabilities.MARIADB_EXTENDED_METADATA).mariadbCapabilities()).isZero();
    }

    private static HandshakeResponse41 response(int capabilities, int mariadb) {
        ByteBuf in = Unpooled.buffer();
        in.writeIntLE(capabilities).writeIntLE(1 << 24).writeByte(45).writeZero(19).writeIntLE(mariadb);
        in.writeBytes("root".getBytes(StandardCharsets.US_ASCII)).writeByte(0);
        in.writeByte(0); // empty auth response
        in.writeBytes("mysql_native_password".getBytes(StandardCharsets.US_ASCII)).writeByte(0);
        return (HandshakeResponse41) HandshakeResponse41.decode(in);
    }
}
