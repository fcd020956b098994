package io.dbmesh.sharding.merge;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The MariaDB collations the merge layer knows, by id and by name. An id it does not know (another
 * character set) falls back to {@code utf8mb4_general_ci}, MariaDB's default: values reach dbmesh
 * as UTF-8 anyway, and that is the order a client of a default-configured server sees.
 */
final class Collations {
    private static final Map<Integer, Collation> BY_ID = new HashMap<>();
    private static final Map<String, Collation> BY_NAME = new HashMap<>();
    static final int UTF8MB4_GENERAL_CI = 45;

    static {
        // Weight tables are shared: utf8mb3 and utf8mb4 variants weigh BMP characters alike.
        WeightCollation general = add(new WeightCollation(45, "utf8mb4_general_ci", "utf8mb4_general_ci", false, true));
        alias(33, "utf8mb3_general_ci", general, "utf8_general_ci");
        add(new WeightCollation(1069, "utf8mb4_general_nopad_ci", "utf8mb4_general_ci", false, false));
        add(new WeightCollation(1057, "utf8mb3_general_nopad_ci", "utf8mb4_general_ci", false, false));
        WeightCollation unicode = add(new WeightCollation(224, "utf8mb4_unicode_ci", "utf8mb4_unicode_ci", false, true));
        alias(192, "utf8mb3_unicode_ci", unicode, "utf8_unicode_ci");
        add(new WeightCollation(1248, "utf8mb4_unicode_nopad_ci", "utf8mb4_unicode_ci", false, false));
        WeightCollation unicode520 = add(new WeightCollation(246, "utf8mb4_unicode_520_ci", "utf8mb4_unicode_520_ci", true, true));
        alias(214, "utf8mb3_unicode_520_ci", unicode520, "utf8_unicode_520_ci");
        add(new WeightCollation(8, "latin1_swedish_ci", "latin1_swedish_ci", false, true));
        add(new WeightCollation(48, "latin1_general_ci", "latin1_general_ci", false, true));
        // ASCII text weighs the same (upper-cased) in latin1_swedish_ci.
        add(new WeightCollation(11, "ascii_general_ci", "latin1_swedish_ci", false, true));
        add(new CodePointCollation(46, "utf8mb4_bin"));
        add(new CodePointCollation(83, "utf8mb3_bin"));
        BY_NAME.put("utf8_bin", BY_ID.get(83));
        add(new CodePointCollation(47, "latin1_bin", true));
        add(new CodePointCollation(65, "ascii_bin"));
        add(new BinaryCollation(63, "binary"));
        add(new BinaryCollation(1070, "utf8mb4_nopad_bin"));
        add(new BinaryCollation(1107, "utf8mb3_nopad_bin"));
    }

    private Collations() {
    }

    private static <C extends Collation> C add(C c) {
        BY_ID.put(c.id(), c);
        BY_NAME.put(c.name(), c);
        return c;
    }

    /** The utf8mb3 twin of a utf8mb4 collation (same weights), also known by its legacy utf8_ name. */
    private static void alias(int id, String name, WeightCollation same, String legacyName) {
        WeightCollation c = same.twin(id, name);
        add(c);
        BY_NAME.put(legacyName, c);
    }

    static Collation byId(int id) {
        Collation c = BY_ID.get(id);
        return c != null ? c : BY_ID.get(UTF8MB4_GENERAL_CI);
    }

    /** By name (case-insensitive); null when unknown, so callers can report the name. */
    static Collation byName(String name) {
        return BY_NAME.get(name.toLowerCase(Locale.ROOT));
    }
}
