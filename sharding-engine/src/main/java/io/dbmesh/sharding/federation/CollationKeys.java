package io.dbmesh.sharding.federation;

import io.dbmesh.sharding.merge.Collation;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The function behind {@code DBMESH_COLLATION_KEY(value, collation)}: a string equal for exactly
 * the values the MariaDB collation calls equal ('alice', 'ALICE', 'alice ' under
 * utf8mb4_general_ci). Federation compares string columns with each other through it, so Calcite's
 * hash joins match rows the way MariaDB would. Public because Calcite's generated code calls it.
 */
public final class CollationKeys {
    private CollationKeys() {
    }

    public static String key(String value, String collationName) {
        if (value == null) return null;
        Collation c = Collation.byName(collationName);
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return c == null ? value : HexFormat.of().formatHex(c.key(utf8));
    }
}
