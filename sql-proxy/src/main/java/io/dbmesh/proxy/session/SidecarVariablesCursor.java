package io.dbmesh.proxy.session;

import io.dbmesh.core.result.ForwardingCursor;
import io.dbmesh.core.result.RowCursor;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * SHOW VARIABLES as the backend answers it, except the rows the sidecar answers itself:
 * max_allowed_packet (what the sidecar accepts), version (what its handshake announced) and
 * version_comment (the backend's with the dbmesh mark, as {@code @@version_comment} answers).
 */
final class SidecarVariablesCursor extends ForwardingCursor {
    private static final byte[] MAX_ALLOWED_PACKET = "max_allowed_packet".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERSION = "version".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERSION_COMMENT = "version_comment".getBytes(StandardCharsets.US_ASCII);

    private final byte[] maxAllowedPacket;
    private final byte[] version;
    private byte[] replacement;

    SidecarVariablesCursor(RowCursor backend, long maxAllowedPacket, String version) {
        super(backend);
        this.maxAllowedPacket = Long.toString(maxAllowedPacket).getBytes(StandardCharsets.US_ASCII);
        this.version = version.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean next() throws SQLException {
        if (!input.next()) {
            return false;
        }
        byte[] name = input.value(0);
        replacement = Arrays.equals(name, MAX_ALLOWED_PACKET) ? maxAllowedPacket
                : Arrays.equals(name, VERSION) ? version
                : Arrays.equals(name, VERSION_COMMENT) ? marked(input.value(1)) : null;
        return true;
    }

    private static byte[] marked(byte[] comment) {
        if (comment == null) return null;
        return (new String(comment, StandardCharsets.UTF_8) + io.dbmesh.proxy.sql.SidecarVariables.VERSION_COMMENT_MARK)
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] value(int index) {
        return index == 1 && replacement != null ? replacement : input.value(index);
    }
}
