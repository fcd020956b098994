package io.dbmesh.proxy.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits the client byte stream into {@link Frame}s: an explicit state machine over the 4-byte
 * header (3-byte little-endian length, 1-byte sequence id) and the payload.
 *
 * <ul>
 *   <li>A frame of exactly 0xFFFFFF bytes means the packet continues in the next frame (whose
 *   sequence id must be the next one); continuation frames are reassembled into one payload, which
 *   ends with the first frame shorter than 0xFFFFFF (possibly empty).</li>
 *   <li>max_allowed_packet is checked against the announced length before any payload byte is
 *   buffered: an oversized packet is announced with {@link PacketTooLarge} and then discarded;
 *   {@link PacketTooLarge.Skipped} follows once it has gone by, and nothing is decoded after it.</li>
 *   <li>Before {@link #authenticated()} the limit is the (small) pre-authentication packet size, and
 *   an oversized packet is announced with {@link PacketTooLarge#beforeLogin()} and nothing after its
 *   header is read: the connection closes without waiting for the rest.</li>
 *   <li>{@link #pauseAfterNextFrame()} stops decoding after one frame until {@link #resume} —
 *   used in the handshake, where the client may follow an SSLRequest immediately with TLS bytes
 *   that must not be read as MySQL frames but handed to a TLS handler inserted before this one.</li>
 * </ul>
 */
public final class PacketFrameDecoder extends ByteToMessageDecoder {
    public static final int MAX_FRAME = 0xffffff;

    private enum State { HEADER, PAYLOAD, DISCARD, PAUSED, CLOSED }

    private final long maxAllowedPacket;
    /** The limit now: the pre-authentication limit until {@link #authenticated()}, then max_allowed_packet. */
    private volatile long limit;
    private volatile boolean beforeLogin;
    private State state = State.HEADER;
    private int frameLength;
    private int sequenceId;
    private int firstSequenceId;
    /** Earlier frames of a packet split at 16 MiB; null while the packet has only one frame. */
    private CompositeByteBuf continued;
    private long packetLength;
    private boolean continuation;
    private boolean discarding;
    private long discardRemaining;
    private boolean pauseAfterNextFrame;

    public PacketFrameDecoder(long maxAllowedPacket) {
        this(maxAllowedPacket, maxAllowedPacket);
    }

    /**
     * @param preAuthPacket the largest packet before {@link #authenticated()}: an unauthenticated
     *                      client may not make the sidecar buffer (or even wait for) more than this
     */
    public PacketFrameDecoder(long maxAllowedPacket, long preAuthPacket) {
        this.maxAllowedPacket = maxAllowedPacket;
        this.limit = Math.min(preAuthPacket, maxAllowedPacket);
        this.beforeLogin = preAuthPacket < maxAllowedPacket;
    }

    /**
     * The client has logged in: packets up to max_allowed_packet from now on. Called by the command
     * thread before it sends the OK that lets the client send commands, so no command frame is
     * checked against the pre-authentication limit.
     */
    public void authenticated() {
        limit = maxAllowedPacket;
        beforeLogin = false;
    }

    /** Stop after the next complete frame; bytes arriving meanwhile stay buffered. Event loop only. */
    public void pauseAfterNextFrame() {
        pauseAfterNextFrame = true;
    }

    /**
     * Takes the bytes received since the pause (they belong to whatever handler is inserted in front
     * of this decoder, e.g. a TLS ClientHello) and resumes decoding with an empty buffer.
     * Event loop only.
     */
    public ByteBuf takeBufferedAndResume() {
        ByteBuf cumulation = internalBuffer();
        ByteBuf rest = cumulation.isReadable() ? cumulation.readBytes(cumulation.readableBytes()) : Unpooled.EMPTY_BUFFER;
        state = State.HEADER;
        return rest;
    }

    /** Resumes decoding the buffered bytes as frames. Event loop only. */
    public void resume(ChannelHandlerContext ctx) throws Exception {
        if (state != State.PAUSED) return;
        state = State.HEADER;
        channelRead(ctx, Unpooled.EMPTY_BUFFER);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            switch (state) {
                case HEADER -> {
                    if (in.readableBytes() < 4) return;
                    int length = in.readUnsignedMediumLE();
                    int seq = in.readUnsignedByte();
                    if (continuation && seq != ((sequenceId + 1) & 0xff)) {
                        throw new PacketsOutOfOrderException("continuation frame has sequence id " + seq
                                + ", expected " + ((sequenceId + 1) & 0xff));
                    }
                    if (!continuation) firstSequenceId = seq;
                    sequenceId = seq;
                    frameLength = length;
                    if (discarding) {
                        discardRemaining = length;
                        state = State.DISCARD;
                    } else if (packetLength + length > limit && beforeLogin) {
                        // not logged in: refuse at once, skip whatever follows unread, never wait for it
                        out.add(new PacketTooLarge(seq, packetLength + length, limit, true));
                        releaseContinued();
                        state = State.CLOSED;
                        in.skipBytes(in.readableBytes());
                        return;
                    } else if (packetLength + length > limit) {
                        out.add(new PacketTooLarge(seq, packetLength + length, maxAllowedPacket));
                        releaseContinued();
                        discarding = true;
                        discardRemaining = length;
                        state = State.DISCARD;
                    } else {
                        state = State.PAYLOAD;
                    }
                }
                case PAYLOAD -> {
                    if (in.readableBytes() < frameLength) return;
                    ByteBuf part = detach(in, frameLength);
                    packetLength += frameLength;
                    if (frameLength == MAX_FRAME) {
                        if (continued == null) continued = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
                        continued.addComponent(true, part);
                        continuation = true;
                        state = State.HEADER;
                    } else {
                        ByteBuf payload = part;
                        if (continued != null) {
                            continued.addComponent(true, part);
                            payload = continued;
                            continued = null;
                        }
                        out.add(new Frame(firstSequenceId, sequenceId, payload));
                        packetLength = 0;
                        continuation = false;
                        state = pauseAfterNextFrame ? State.PAUSED : State.HEADER;
                        pauseAfterNextFrame = false;
                        if (state == State.PAUSED) return;
                    }
                }
                case DISCARD -> {
                    int skip = (int) Math.min(discardRemaining, in.readableBytes());
                    in.skipBytes(skip);
                    discardRemaining -= skip;
                    if (discardRemaining > 0) return;
                    if (frameLength == MAX_FRAME) {
                        continuation = true;
                        state = State.HEADER;
                    } else {
                        // the whole oversized packet went by: the client now reads the error
                        state = State.CLOSED;
                        out.add(new PacketTooLarge.Skipped());
                        return;
                    }
                }
                case PAUSED -> {
                    return;
                }
                case CLOSED -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
            }
        }
    }

    /**
     * The payload leaves the event loop for the connection's command thread, which releases it.
     * Small payloads (nearly every command) are copied to a plain heap array, so no pooled buffer
     * is freed on a foreign thread; large ones are sliced to avoid copying megabytes.
     */
    private static ByteBuf detach(ByteBuf in, int length) {
        if (length > COPY_LIMIT) return in.readRetainedSlice(length);
        byte[] copy = new byte[length];
        in.readBytes(copy);
        return Unpooled.wrappedBuffer(copy);
    }

    private static final int COPY_LIMIT = 16 * 1024;

    private void releaseContinued() {
        if (continued != null) {
            continued.release();
            continued = null;
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        releaseContinued();
    }
}
