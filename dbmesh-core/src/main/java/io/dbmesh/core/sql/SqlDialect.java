package io.dbmesh.core.sql;

/**
 * Which server a statement's text is read for, as far as the text itself depends on it: executable
 * comments. {@code /*!NNNNN … *}{@code /} is code when the server's version id (MAJOR*10000 +
 * MINOR*100 + PATCH) is at least NNNNN (5 or 6 digits; none = always; see {@link #executes} for
 * MariaDB's exception), and {@code /*M!NNNNN … *}{@code /} likewise but only on MariaDB; otherwise
 * both are comments. The sidecar must read a statement as
 * the backend that runs it will, or it tracks state the backend never set (and replays it elsewhere).
 *
 * @param versionId the backend's version id, e.g. 101119 for 10.11.19
 * @param mariadb   whether the backend is MariaDB (MySQL ignores {@code /*M!})
 */
public record SqlDialect(int versionId, boolean mariadb) {

    /** Before any backend answered: MariaDB 10.11.0, the version the sidecar announces by default. */
    public static final SqlDialect DEFAULT = new SqlDialect(101100, true);

    /**
     * Every executable comment is code, whatever its version or server: for a decision about a
     * statement that must hold on any server (see {@link #NO_VERSIONED_COMMENT} for the other extreme).
     */
    public static final SqlDialect EVERY_EXECUTABLE_COMMENT = new SqlDialect(Integer.MAX_VALUE, true);

    /** Only unversioned executable comments ({@code /*! … *}{@code /}) are code, as on every server. */
    public static final SqlDialect NO_VERSIONED_COMMENT = new SqlDialect(0, false);

    /** From a server's version string: "10.11.19-MariaDB-0+deb12u1", "5.5.5-10.11.19-MariaDB", "8.0.36". */
    public static SqlDialect of(String version) {
        if (version == null || version.isEmpty()) {
            return DEFAULT;
        }
        String v = version;
        boolean mariadb = v.toLowerCase(java.util.Locale.ROOT).contains("mariadb");
        if (v.startsWith("5.5.5-")) {
            v = v.substring(6); // MariaDB's replication prefix for MySQL clients
        }
        int[] parts = new int[3];
        int part = 0;
        int i = 0;
        boolean digits = false;
        for (; i < v.length() && part < 3; i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                parts[part] = Math.min(99, parts[part] * 10 + (c - '0'));
                digits = true;
            } else if (c == '.' && digits) {
                part++;
                digits = false;
            } else {
                break;
            }
        }
        if (parts[0] == 0) {
            return DEFAULT;
        }
        return new SqlDialect(parts[0] * 10000 + parts[1] * 100 + parts[2], mariadb);
    }

    /**
     * Whether an executable comment ({@code mariadbOnly}: {@code /*M!}) with {@code version} (-1: none)
     * is code. MariaDB reads {@code /*!} comments of versions 50700..99999 as MySQL's (5.7, 8.0
     * features) and skips them, whatever its own version; {@code /*M!} ones only compare versions.
     */
    public boolean executes(boolean mariadbOnly, int version) {
        if (versionId == Integer.MAX_VALUE) {
            return true;
        }
        if (mariadbOnly && !mariadb) {
            return false;
        }
        if (version < 0) {
            return true;
        }
        if (mariadb && !mariadbOnly && version >= 50700 && version <= 99999) {
            return false;
        }
        return version <= versionId;
    }
}
