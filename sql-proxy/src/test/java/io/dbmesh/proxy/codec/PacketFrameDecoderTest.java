package io.dbmesh.proxy.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacketFrameDecoderTest {
    private static final int MAX = PacketFrameDecoder.MAX_FRAME;

    /** Frames {@code payload} the way a client does (split at 0xFFFFFF, empty trailer on exact multiples). */
    static ByteBuf framed(int firstSeq, byte[] payload) {
        ByteBuf out = Unpooled.buffer(payload.length + 8);
        int offset = 0, seq = firstSeq, chunk;
        do {
            chunk = Math.min(payload.length - offset, MAX);
            out.writeMediumLE(chunk);
            out.writeByte(seq++ & 0xff);
            out.writeBytes(payload, offset, chunk);
            offset += chunk;
        } while (chunk == MAX);
        return out;
    }

    static byte[] bytes(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Writes {@code in} into the channel in chunks of the given sizes (cycled), releasing it. */
    static void feed(EmbeddedChannel ch, ByteBuf in, int... chunkSizes) {
        int i = 0;
        while (in.isReadable()) {
            int n = Math.min(in.readableBytes(), chunkSizes[i++ % chunkSizes.length]);
            ch.writeInbound(in.readRetainedSlice(n));
        }
        in.release();
    }

    static List<Object> drain(EmbeddedChannel ch) {
        List<Object> out = new ArrayList<>();
        Object m;
        while ((m = ch.readInbound()) != null) out.add(m);
        return out;
    }

    static byte[] payloadOf(Object frame) {
        Frame f = (Frame) frame;
        byte[] b = new byte[f.payload().readableBytes()];
        f.payload().readBytes(b);
        f.release();
        return b;
    }

    @Test
    void decodesAPacketFedByteByByte() {
        EmbeddedChannel ch = new EmbeddedChannel(new PacketFrameDecoder(1 << 20));
        byte[] payload = {3, 'S', 'E', 'L', 'E', 'C', 'T', ' ', '1'};
        feed(ch, framed(0, payload), 1);
        List<Object> frames = drain(ch);
        assertThat(frames).hasSize(1);
        assertThat(((Frame) frames.get(0)).sequenceId()).isZero();
        assertThat(payloadOf(frames.get(0))).isEqualTo(payload);
    }

    @Test
    void decodesSeveralPacketsFromChunksSplitMidHeaderAndMidPayload() {
        EmbeddedChannel ch = new EmbeddedChannel(new PacketFrameDecoder(1 << 20));
        ByteBuf all = Unpooled.buffer();
        List<byte[]> payloads = List.of(bytes(10, 1), new byte[0], bytes(300, 2), bytes(1, 3));
        int seq = 0;
        for (byte[] p : payloads) {
            ByteBuf f = framed(seq++, p);
            all.writeBytes(f);
            f.release();
        }
        feed(ch, all, 2, 5, 3, 7, 1, 200);
        List<Object> frames = drain(ch);
        assertThat(frames).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(((Frame) frames.get(i)).sequenceId()).isEqualTo(i);
            assertThat(payloadOf(frames.get(i))).isEqualTo(payloads.get(i));
        }
    }

    @Test
    void reassemblesAPacketSplitAt16MiBFedAcrossTheBoundary() {
        EmbeddedChannel ch = new EmbeddedChannel(new PacketFrameDecoder(64 << 20));
        byte[] payload = bytes(MAX + 1000, 4);
        // chunk sizes put a cut 2 bytes into the second header and in the middle of both payloads
        feed(ch, framed(0, payload), 1 << 20, MAX + 4 - 16 * (1 << 20) + 2, 3, 1 << 20);
        List<Object> frames = drain(ch);
        assertThat(frames).hasSize(1);
        assertThat(((Frame) frames.get(0)).firstSequenceId()).as("the packet's own number").isZero();
        assertThat(((Frame) frames.get(0)).sequenceId()).as("the last frame's, answers continue from it").isEqualTo(1);
        assertThat(payloadOf(frames.get(0))).isEqualTo(payload);
    }

    @Test
    void anExactMultipleOf16MiBEndsWithAnEmptyFrame() {
        EmbeddedChannel ch = new EmbeddedChannel(new PacketFrameDecoder(64 << 20));
        byte[] payload = bytes(MAX, 5);
        ByteBuf wire = framed(3, payload);
        assertThat(wire.readableBytes()).isEqualTo(MAX + 8); // two headers, the second announcing 0 bytes
        ByteBuf trailer = wire.copy(MAX + 4, 4);
        feed(ch, wire.slice(0, MAX + 4), 4 << 20);
        assertThat(drain(ch)).as("a full 0xFFFFFF frame alone does not end the packet").isEmpty();
        ch.writeInbound(trailer);
        List<Object> frames = drain(ch);
        assertThat(frames).hasSize(1);
        assertThat(((Frame) frames.get(0)).firstSequenceId()).isEqualTo(3);
        assertThat(((Frame) frames.get(0)).sequenceId()).isEqualTo(4);
        assertThat(payloadOf(frames.get(0))).isEqualTo(payload);
    }

    @Test
    void continuationFramesMustCarryTheNextSequenceId() {
        EmbeddedChannel ch = new EmbeddedChannel(new PacketFrameDecoder(64 << 20));
        ByteBuf wire = framed(0, bytes(MAX + 5, 6));
        wire.setByte(MAX + 4 + 3, 7); // the second frame says 7 instead of 1
        assertThatThrownBy(() -> feed(ch, wire, 8 << 20))
                .isInstanceOf(PacketsOutOfOrderException.class)
                .isInstanceOf(DecoderException.class);
    }

    @Test
    void anOversizedPacketIsAnnouncedAtOnceThenDiscardedAndTheConnectionClosed() {
        EmbeddedChannel ch = new EmbeddedChannel(new PacketFrameDecoder(1000));
        ByteBuf wire = framed(0, bytes(5000, 7));
        ch.writeInbound(wire.readRetainedSlice(10)); // header plus 6 payload bytes
        List<Object> out = drain(ch);
        assertThat(out).containsExactly(new PacketTooLarge(0, 5000, 1000));
        feed(ch, wire.readRetainedSlice(4000), 1000);
        assertThat(drain(ch)).as("the client is still writing: wait").isEmpty();
        feed(ch, wire, 1000);
        assertThat(drain(ch)).containsExactly(new PacketTooLarge.Skipped());
        ByteBuf after = framed(0, bytes(10, 1));
        ch.writeInbound(after);
        assertThat(drain(ch)).as("nothing is decoded after an oversized packet").isEmpty();
    }

    @Test
    void maxAllowedPacketCountsTheWholeReassembledPacket() {
        EmbeddedChannel ch = new EmbeddedChannel(new PacketFrameDecoder(MAX + 10));
        feed(ch, framed(0, bytes(MAX + 11, 8)), 1 << 20);
        List<Object> out = drain(ch);
        assertThat(out).containsExactly(new PacketTooLarge(1, MAX + 11, MAX + 10), new PacketTooLarge.Skipped());
    }

    @Test
    void aPacketOfExactlyMaxAllowedPacketIsAccepted() {
        EmbeddedChannel ch = new EmbeddedChannel(new PacketFrameDecoder(100));
        feed(ch, framed(0, bytes(100, 9)), 33);
        assertThat(payloadOf(drain(ch).get(0))).hasSize(100);
    }

    @Test
    void pausesAfterOneFrameAndHandsOverTheBytesThatFollowed() throws Exception {
        PacketFrameDecoder decoder = new PacketFrameDecoder(1 << 20);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        decoder.pauseAfterNextFrame();
        ByteBuf wire = framed(1, bytes(32, 10));
        wire.writeBytes(new byte[]{0x16, 0x03, 0x01, 0x00, 0x05}); // what a TLS ClientHello starts with
        ch.writeInbound(wire);
        List<Object> out = drain(ch);
        assertThat(out).hasSize(1);
        payloadOf(out.get(0));
        ByteBuf rest = decoder.takeBufferedAndResume();
        assertThat(rest.readableBytes()).isEqualTo(5);
        assertThat(rest.getByte(0)).isEqualTo((byte) 0x16);
        rest.release();
        feed(ch, framed(2, bytes(4, 11)), 3);
        assertThat(drain(ch)).hasSize(1);
    }

    @Test
    void resumeDecodesWhatWasBufferedDuringThePause() throws Exception {
        PacketFrameDecoder decoder = new PacketFrameDecoder(1 << 20);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        decoder.pauseAfterNextFrame();
        ByteBuf wire = framed(1, bytes(40, 12));
        ByteBuf second = framed(3, bytes(7, 13));
        wire.writeBytes(second);
        second.release();
        ch.writeInbound(wire);
        assertThat(drain(ch)).hasSize(1).allSatisfy(PacketFrameDecoderTest::payloadOf);
        decoder.resume(ch.pipeline().context(decoder));
        List<Object> out = drain(ch);
        assertThat(out).hasSize(1);
        assertThat(((Frame) out.get(0)).sequenceId()).isEqualTo(3);
        assertThat(payloadOf(out.get(0))).hasSize(7);
    }
}
