package io.dbmesh.proxy.codec;

import io.netty.buffer.ByteBuf;

/**
 * One logical client packet: the payload reassembled from however many wire frames carried it.
 * {@code firstSequenceId} is what the client numbered the packet (0 for a command);
 * {@code sequenceId} is the last frame's, which the server's answer continues from. They differ only
 * for packets of 16 MiB and more. The receiver owns {@code payload} and must release it.
 */
public record Frame(int firstSequenceId, int sequenceId, ByteBuf payload) {
    public void release() {
        payload.release();
    }
}
