package io.dbmesh.proxy.packet;

import io.netty.buffer.ByteBuf;

/** protocol::AuthSwitchRequest: asks the client to authenticate with another plugin. */
public record AuthSwitchRequest(String pluginName, byte[] pluginData) implements ServerPacket {
    @Override
    public void write(ByteBuf out, int capabilities) {
        out.writeByte(0xfe);
        Wire.writeNulString(out, pluginName);
        out.writeBytes(pluginData);
        out.writeByte(0);
    }
}
