package io.dbmesh.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * COM_STMT_PREPARE + COM_STMT_EXECUTE from a raw client: what comes back, as bytes (hex), so two
 * servers' answers to the same prepared statement can be compared byte for byte. Parameters go as
 * the test writes them on the wire (type code, unsigned flag, value bytes).
 */
public final class RawPreparedExecution {

    private RawPreparedExecution() {
    }

    /** A parameter as the client puts it on the wire: type code, unsigned flag, value bytes (null for NULL). */
    public record Param(int type, boolean unsigned, byte[] value) {
        public static Param of(int type, String hex) {
            return new Param(type, false, hex == null ? null : HexFormat.of().parseHex(hex));
        }

        public static Param unsigned(int type, String hex) {
            return new Param(type, true, HexFormat.of().parseHex(hex));
        }

        /** A length-encoded string value (shorter than 251 bytes). */
        public static Param text(int type, String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            o.write(b.length);
            o.writeBytes(b);
            return new Param(type, false, o.toByteArray());
        }
    }

    /**
     * The answer to {@code sql} prepared and executed once with {@code params}: "types [..]" (each
     * column definition's type byte) or, with {@code definitions}, every column definition packet in
     * hex; then each row packet in hex; "ok …" with the OK packet's hex; or the error code.
     */
    public static List<String> execute(int port, String database, String sql, List<Param> params, boolean definitions)
            throws IOException {
        try (RawMySqlClient c = RawMySqlClient.login(port, "root", "", database)) {
            c.command(0x16, sql.getBytes(StandardCharsets.UTF_8));
            byte[] ok = c.read();
            if (RawMySqlClient.isError(ok)) return List.of("prepare error " + RawMySqlClient.errorCode(ok));
            int id = (ok[1] & 0xff) | (ok[2] & 0xff) << 8 | (ok[3] & 0xff) << 16 | (ok[4] & 0xff) << 24;
            int columns = (ok[5] & 0xff) | (ok[6] & 0xff) << 8;
            int parameters = (ok[7] & 0xff) | (ok[8] & 0xff) << 8;
            if (parameters > 0) for (int i = 0; i <= parameters; i++) c.read();
            if (columns > 0) for (int i = 0; i <= columns; i++) c.read();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(new byte[] {(byte) id, (byte) (id >> 8), (byte) (id >> 16), (byte) (id >> 24), 0, 1, 0, 0, 0});
            if (!params.isEmpty()) {
                byte[] bitmap = new byte[(params.size() + 7) / 8];
                for (int i = 0; i < params.size(); i++) if (params.get(i).value() == null) bitmap[i / 8] |= (byte) (1 << (i % 8));
                body.writeBytes(bitmap);
                body.write(1);
                for (Param p : params) {
                    body.write(p.type());
                    body.write(p.unsigned() ? 0x80 : 0);
                }
                for (Param p : params) if (p.value() != null) body.writeBytes(p.value());
            }
            c.command(0x17, body.toByteArray());
            byte[] first = c.read();
            if (RawMySqlClient.isError(first)) return List.of("execute error " + RawMySqlClient.errorCode(first));
            if (RawMySqlClient.isOk(first)) return List.of("ok " + HexFormat.of().formatHex(first));
            List<String> out = new ArrayList<>();
            int n = first[0] & 0xff;
            List<String> types = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] def = c.read();
                if (definitions) out.add("definition " + HexFormat.of().formatHex(def));
                types.add(Integer.toHexString(def[def.length - 6] & 0xff)); // type byte of ColumnDefinition41
            }
            if (!definitions) out.add("types " + types);
            c.read(); // EOF after the column definitions
            while (true) {
                byte[] row = c.read();
                if ((row[0] & 0xff) == 0xfe && row.length < 9) break;
                out.add(HexFormat.of().formatHex(row));
            }
            return out;
        }
    }
}
