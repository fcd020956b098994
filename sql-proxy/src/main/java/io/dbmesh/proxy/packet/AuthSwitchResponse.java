package io.dbmesh.proxy.packet;

import io.netty.buffer.ByteBuf;

/**
 * Raw authentication data from the client during the connection phase: the answer to an auth
 * switch, or a step of a multi-round plugin (caching_sha2_password's public key request 0x02,
 * clear or RSA-encrypted password).
 */
public record AuthSwitchResponse(byte[] data) implements ClientPacket {
    public static AuthSwitchResponse decode(ByteBuf in) {
        return new AuthSwitchResponse(Wire.readRestBytes(in));
    }
}
