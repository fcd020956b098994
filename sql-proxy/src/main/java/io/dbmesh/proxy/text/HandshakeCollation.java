package io.dbmesh.proxy.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The collation a client names (by one-byte id) in its handshake response: it sets the session's
 * {@code character_set_client}, {@code character_set_connection}, {@code character_set_results}
 * and {@code collation_connection}, as on MariaDB. Ids come from MariaDB 10.11's COLLATIONS table
 * (resource {@code handshake-collations.tsv}); an id MariaDB does not know (MySQL 8's 255,
 * utf8mb4_0900_ai_ci) makes MariaDB fall back to its default, and the sidecar keeps its backend's.
 */
public record HandshakeCollation(int id, String collation, String charset) {

    private static final Map<Integer, HandshakeCollation> BY_ID = load();

    /** The collation of {@code id}, or null when MariaDB does not know it. */
    public static HandshakeCollation of(int id) {
        return BY_ID.get(id);
    }

    public ClientCharset clientCharset() {
        return ClientCharset.of(charset);
    }

    private static Map<Integer, HandshakeCollation> load() {
        Map<Integer, HandshakeCollation> map = new HashMap<>();
        try (InputStream in = HandshakeCollation.class.getResourceAsStream("handshake-collations.tsv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                int id = Integer.parseInt(f[0]);
                map.put(id, new HandshakeCollation(id, f[1], f[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(map);
    }
}
