package io.dbmesh.proxy.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.List;

/**
 * Arbitrary client bytes, cut into arbitrary chunks, through the frame decoder (before and after
 * login). Whatever arrives: no exception but "packets out of order", no frame above the limit in
 * force, nothing after an oversized packet, every buffer released. Seeds in
 * {@code src/test/resources/io/dbmesh/proxy/codec/PacketFrameDecoderFuzzTestInputs}; CI runs them,
 * {@code JAZZER_FUZZ=1} fuzzes (README, "Security").
 */
class PacketFrameDecoderFuzzTest {
    private static final int MAX_ALLOWED = 64 << 10;
    private static final int PRE_AUTH = 4 << 10;

    @FuzzTest(maxDuration = "10m") // fuzzing mode only (JAZZER_FUZZ=1); CI runs the seeds
    void decodes(FuzzedDataProvider data) {
        boolean loggedIn = data.consumeBoolean();
        PacketFrameDecoder decoder = new PacketFrameDecoder(MAX_ALLOWED, PRE_AUTH);
        if (loggedIn) decoder.authenticated();
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        List<ByteBuf> written = new ArrayList<>();
        try {
            while (data.remainingBytes() > 0) {
                int chunk = data.consumeInt(1, 4096);
                byte[] bytes = data.consumeBytes(chunk);
                if (bytes.length == 0) break; // (an empty wrapped buffer is Netty's shared EMPTY_BUFFER, never released)
                ByteBuf in = Unpooled.wrappedBuffer(bytes);
                written.add(in);
                try {
                    ch.writeInbound(in);
                } catch (DecoderException e) {
                    assertThat(e).hasCauseInstanceOf(PacketsOutOfOrderException.class);
                    break; // the connection answers 1156 and closes
                }
            }
            long limit = loggedIn ? MAX_ALLOWED : PRE_AUTH;
            boolean tooLarge = false;
            Object m;
            while ((m = ch.readInbound()) != null) {
                assertThat(tooLarge).as("nothing is decoded after an oversized packet").isFalse();
                if (m instanceof Frame f) {
                    assertThat((long) f.payload().readableBytes()).isLessThanOrEqualTo(limit);
                    f.release();
                } else if (m instanceof PacketTooLarge p) {
                    assertThat(p.announcedLength()).isGreaterThan(limit);
                    assertThat(p.beforeLogin()).isEqualTo(!loggedIn);
                    tooLarge = !loggedIn; // before login nothing may follow, not even Skipped
                } else {
                    assertThat(m).isInstanceOf(PacketTooLarge.Skipped.class);
                    assertThat(loggedIn).isTrue();
                    tooLarge = true;
                }
            }
        } finally {
            ch.finishAndReleaseAll();
        }
        for (ByteBuf b : written) assertThat(b.refCnt()).as("input released").isZero();
    }
}
