package io.dbmesh.proxy.codec;

import io.netty.buffer.ByteBuf;

/**
 * One logical client packet: the payload reassembled from however many wire frames carried it,
 * and the sequence id of the last of them (the server's answer continues from it). The receiver
 * owns {@code payload} and must release it.
 */
public record Frame(int sequenceId, ByteBuf payload) {
    public void release() {
        payload.release();
    }
}
