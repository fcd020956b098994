package io.dbmesh.proxy.encode;

import io.dbmesh.proxy.codec.Frame;
import io.netty.buffer.ByteBuf;

import java.io.InputStream;

/**
 * A client's file for LOAD DATA LOCAL INFILE, as the client sends it: the LOCAL INFILE request
 * (0xFB and the file name) goes out when this is made, then each read takes the bytes of the
 * client's next packets, one packet in memory at a time, until the empty packet that ends the file.
 * {@link #close} reads and drops whatever the client still sends, so the conversation is where the
 * server's answer comes next even when the file was not read to its end.
 */
final class ClientFileStream extends InputStream {
    private static final int LOCAL_INFILE_REQUEST = 0xfb;

    private final ResponseContext context;
    private Frame current;
    private boolean ended;

    private ClientFileStream(ResponseContext context) {
        this.context = context;
    }

    static ClientFileStream request(ResponseContext context, byte[] fileName) {
        ByteBuf out = context.writer().begin();
        out.writeByte(LOCAL_INFILE_REQUEST);
        out.writeBytes(fileName);
        context.writer().end();
        context.writer().flush();
        return new ClientFileStream(context);
    }

    /** The packet with unread bytes, or null at the end of the file. */
    private ByteBuf packet() {
        while (!ended && (current == null || !current.payload().isReadable())) {
            if (current != null) {
                current.release();
                current = null;
            }
            Frame f = context.input().next(context.writer().nextSequenceId());
            if (!f.payload().isReadable()) {
                f.release();
                ended = true;
            } else {
                current = f;
            }
        }
        return ended ? null : current.payload();
    }

    @Override
    public int read() {
        ByteBuf p = packet();
        return p == null ? -1 : p.readUnsignedByte();
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) return 0;
        ByteBuf p = packet();
        if (p == null) return -1;
        int n = Math.min(len, p.readableBytes());
        p.readBytes(b, off, n);
        return n;
    }

    @Override
    public void close() {
        while (packet() != null) {
            current.payload().skipBytes(current.payload().readableBytes());
        }
    }
}
