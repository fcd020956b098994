package io.dbmesh.proxy.packet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OkPacketTest {

    private static String hex(String info) {
        ByteBuf out = Unpooled.buffer();
        OkPacket.write(out, false, 2, 0, 0x0002, 0, info);
        return ByteBufUtil.hexDump(out);
    }

    @Test
    void infoIsALengthEncodedString() {
        // header, affected 2, insert id 0, status 0x0002, warnings 0, then 0x05 "Rec 1"
        assertThat(hex("Rec 1")).isEqualTo("00" + "02" + "00" + "0200" + "0000" + "05" + "5265632031");
    }

    @Test
    void emptyInfoIsLeftOut() {
        assertThat(hex("")).isEqualTo("0002000200" + "0000");
        assertThat(hex(null)).isEqualTo("0002000200" + "0000");
    }
}
