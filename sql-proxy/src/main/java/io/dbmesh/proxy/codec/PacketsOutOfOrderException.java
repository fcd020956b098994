package io.dbmesh.proxy.codec;

import io.netty.handler.codec.CorruptedFrameException;

/** A continuation frame of a split packet did not carry the next sequence id. */
public final class PacketsOutOfOrderException extends CorruptedFrameException {
    public PacketsOutOfOrderException(String message) {
        super(message);
    }
}
