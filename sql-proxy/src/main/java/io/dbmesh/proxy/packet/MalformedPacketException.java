package io.dbmesh.proxy.packet;

/** A client packet that does not parse; answered with ER_MALFORMED_PACKET. */
public final class MalformedPacketException extends RuntimeException {
    public MalformedPacketException(String message) {
        super(message, null, false, false);
    }
}
