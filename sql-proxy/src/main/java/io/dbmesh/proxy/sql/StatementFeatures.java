package io.dbmesh.proxy.sql;

import io.dbmesh.core.sql.SqlDialect;
import io.dbmesh.core.sql.SqlScanner;

/**
 * Things inside a statement's text that change how the session must run it, found in one scan
 * with {@link SqlScanner} (strings and comments are skipped, so a literal 'GET_LOCK(' does not
 * count). The result is a bit set, to avoid allocating on the hot path.
 */
public final class StatementFeatures {

    /** {@code @v := …} or {@code … INTO @v}: a user variable assigned outside SET (not replayable). */
    public static final int ASSIGNS_USER_VARIABLE = 1;
    /** GET_LOCK(…): a named lock held by the backend connection. */
    public static final int NAMED_LOCK = 1 << 1;
    /** SQL_CALC_FOUND_ROWS: FOUND_ROWS() must run on the same backend connection next. */
    public static final int CALC_FOUND_ROWS = 1 << 2;
    /** LAST_INSERT_ID(): reads the value of an earlier statement of the session. */
    public static final int LAST_INSERT_ID = 1 << 3;
    /** A system variable the sidecar answers itself (@@max_allowed_packet, @@version). */
    public static final int SIDECAR_VARIABLE = 1 << 4;
    /** VERSION(), DATABASE(), SCHEMA() or CONNECTION_ID(): functions whose backend answer would be wrong. */
    public static final int SIDECAR_FUNCTION = 1 << 5;
    /** A FROM clause at the top level. */
    public static final int HAS_FROM = 1 << 6;
    /** FOR UPDATE, FOR SHARE, LOCK IN SHARE MODE: a locking read that must go to the primary. */
    public static final int LOCKING_READ = 1 << 7;

    private StatementFeatures() {
    }

    public static boolean has(int features, int flag) {
        return (features & flag) != 0;
    }

    // what the previous token was, as far as the multi-word features care
    private static final int AFTER_OTHER = 0;
    private static final int AFTER_INTO = 1;
    private static final int AFTER_FOR = 2;
    private static final int AFTER_LOCK = 3;
    private static final int AFTER_LOCK_IN = 4;

    public static int scan(String sql) {
        return scan(sql, SqlDialect.DEFAULT);
    }

    /** As {@link #scan(String)}, reading executable comments as {@code dialect}'s server does. */
    public static int scan(String sql, SqlDialect dialect) {
        return scan(new SqlScanner(sql, dialect));
    }

    /** As {@link #scan(String)}, from a fresh scanner over the statement (or one replaying a {@code ScannedSql}). */
    public static int scan(SqlScanner s) {
        String sql = s.sql();
        int features = 0;
        int depth = 0;
        int after = AFTER_OTHER;
        SqlScanner.Type previous = SqlScanner.Type.END;
        int previousWordStart = -1;
        while (s.next() != SqlScanner.Type.END) {
            SqlScanner.Type t = s.type();
            int nextAfter = AFTER_OTHER;
            switch (t) {
                case SYMBOL -> {
                    if (s.isSymbol('(')) {
                        depth++;
                        if (previous == SqlScanner.Type.WORD) {
                            features |= functionFeature(sql, previousWordStart);
                        }
                    } else if (s.isSymbol(')')) {
                        depth--;
                    } else if (s.isSymbol(',') && after == AFTER_INTO) {
                        nextAfter = AFTER_INTO; // INTO @a, @b
                    } else if (previous == SqlScanner.Type.USER_VARIABLE && s.end() - s.start() == 2) {
                        features |= ASSIGNS_USER_VARIABLE; // :=
                    }
                }
                case USER_VARIABLE -> {
                    if (after == AFTER_INTO) {
                        features |= ASSIGNS_USER_VARIABLE;
                        nextAfter = AFTER_INTO;
                    }
                }
                case SYSTEM_VARIABLE -> {
                    if (SidecarVariables.isAnswered(sql, s.start(), s.end())) {
                        features |= SIDECAR_VARIABLE;
                    }
                }
                case WORD -> {
                    if (depth == 0 && s.isWord("FROM")) {
                        features |= HAS_FROM;
                    } else if (s.isWord("SQL_CALC_FOUND_ROWS")) {
                        features |= CALC_FOUND_ROWS;
                    } else if (after == AFTER_FOR && (s.isWord("UPDATE") || s.isWord("SHARE"))) {
                        features |= LOCKING_READ;
                    } else if (after == AFTER_LOCK_IN && s.isWord("SHARE")) {
                        features |= LOCKING_READ;
                    }
                    if (s.isWord("INTO")) {
                        nextAfter = AFTER_INTO;
                    } else if (s.isWord("FOR")) {
                        nextAfter = AFTER_FOR;
                    } else if (s.isWord("LOCK")) {
                        nextAfter = AFTER_LOCK;
                    } else if (after == AFTER_LOCK && s.isWord("IN")) {
                        nextAfter = AFTER_LOCK_IN;
                    }
                    previousWordStart = s.start();
                }
                default -> {
                }
            }
            after = nextAfter;
            previous = t;
        }
        return features;
    }

    private static boolean regionIs(String sql, int start, String word) {
        return start >= 0 && start + word.length() <= sql.length()
                && sql.regionMatches(true, start, word, 0, word.length())
                && (start + word.length() == sql.length() || !SqlScanner.isWordChar(sql.charAt(start + word.length())));
    }

    private static int functionFeature(String sql, int wordStart) {
        if (wordStart < 0) return 0;
        if (regionIs(sql, wordStart, "GET_LOCK")) return NAMED_LOCK;
        if (regionIs(sql, wordStart, "LAST_INSERT_ID")) return LAST_INSERT_ID;
        if (regionIs(sql, wordStart, "VERSION") || regionIs(sql, wordStart, "DATABASE")
                || regionIs(sql, wordStart, "SCHEMA") || regionIs(sql, wordStart, "CONNECTION_ID")) {
            return SIDECAR_FUNCTION;
        }
        return 0;
    }
}
