package io.dbmesh.proxy.codec;

import io.dbmesh.proxy.testing.CollectingOutput;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PacketWriterTest {
    private static final int MAX = PacketFrameDecoder.MAX_FRAME;

    @Test
    void framesPacketsWithConsecutiveSequenceIdsInOneSend() {
        CollectingOutput out = new CollectingOutput();
        PacketWriter w = new PacketWriter(out, 1 << 16);
        w.startSequence(1);
        w.begin().writeBytes(new byte[]{1, 2, 3});
        w.end();
        w.begin();
        w.end();
        w.flush();
        assertThat(out.sends).isEqualTo(1);
        ByteBuf b = out.bytes;
        assertThat(b.readUnsignedMediumLE()).isEqualTo(3);
        assertThat(b.readUnsignedByte()).isEqualTo((short) 1);
        b.skipBytes(3);
        assertThat(b.readUnsignedMediumLE()).isZero();
        assertThat(b.readUnsignedByte()).isEqualTo((short) 2);
        assertThat(b.isReadable()).isFalse();
        assertThat(w.nextSequenceId()).isEqualTo(3);
    }

    @Test
    void sequenceIdsWrapAt256() {
        CollectingOutput out = new CollectingOutput();
        PacketWriter w = new PacketWriter(out, 1 << 16);
        w.startSequence(255);
        w.begin().writeByte(0);
        w.end();
        assertThat(w.nextSequenceId()).isZero();
    }

    @Test
    void splitsLargePayloadsAndTheDecoderReassemblesThem() {
        for (int length : new int[]{MAX - 1, MAX, MAX + 1, 2 * MAX, 2 * MAX + 7}) {
            CollectingOutput out = new CollectingOutput();
            PacketWriter w = new PacketWriter(out, 1 << 16);
            w.startSequence(5);
            byte[] payload = PacketFrameDecoderTest.bytes(length, length);
            w.begin().writeBytes(payload);
            w.end();
            w.flush();
            int frames = length / MAX + 1;
            assertThat(out.bytes.readableBytes()).as("length %d", length).isEqualTo(length + 4 * frames);
            assertThat(w.nextSequenceId()).isEqualTo(5 + frames);

            EmbeddedChannel ch = new EmbeddedChannel(new PacketFrameDecoder(1L << 30));
            PacketFrameDecoderTest.feed(ch, out.bytes, 3 << 20, 5, 1 << 20);
            List<Object> decoded = PacketFrameDecoderTest.drain(ch);
            assertThat(decoded).hasSize(1);
            assertThat(((Frame) decoded.get(0)).sequenceId()).isEqualTo(5 + frames - 1);
            assertThat(PacketFrameDecoderTest.payloadOf(decoded.get(0))).isEqualTo(payload);
        }
    }

    @Test
    void flushIfFullSendsOnlyPastTheThreshold() {
        CollectingOutput out = new CollectingOutput();
        PacketWriter w = new PacketWriter(out, 100);
        List<Integer> sendsAfterEach = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            w.begin().writeZero(30);
            w.end();
            w.flushIfFull();
            sendsAfterEach.add(out.sends);
        }
        assertThat(sendsAfterEach).containsExactly(0, 0, 1, 1, 1, 2, 2, 2, 3, 3);
    }

    @Test
    void abandonRollsBackAHalfWrittenPacket() {
        CollectingOutput out = new CollectingOutput();
        PacketWriter w = new PacketWriter(out, 1 << 16);
        w.begin().writeBytes(new byte[]{9, 9});
        w.end();
        w.begin().writeBytes(new byte[]{1, 2, 3});
        w.abandon();
        w.flush();
        assertThat(out.bytes.readableBytes()).isEqualTo(6);
    }
}
