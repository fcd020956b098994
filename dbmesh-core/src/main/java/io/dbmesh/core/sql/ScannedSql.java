package io.dbmesh.core.sql;

import java.util.Arrays;

/**
 * A statement lexed once: the tokens {@link SqlScanner} found (comments included), kept as offsets
 * so that every reader of the statement — classification, feature scan, rewriters — replays them
 * with {@link #scanner()} (the same cursor API) instead of lexing the text again.
 */
public final class ScannedSql {
    private static final int IN_EXECUTABLE_COMMENT = 0x40;
    private static final SqlScanner.Type[] TYPES = SqlScanner.Type.values();

    private final String sql;
    private final SqlDialect dialect;
    private final byte[] types;
    private final int[] starts;
    private final int[] ends;
    private final int size;
    private final boolean unterminated;

    private ScannedSql(String sql, SqlDialect dialect, byte[] types, int[] starts, int[] ends, int size, boolean unterminated) {
        this.sql = sql;
        this.dialect = dialect;
        this.types = types;
        this.starts = starts;
        this.ends = ends;
        this.size = size;
        this.unterminated = unterminated;
    }

    /** {@code sql} lexed as {@code dialect}'s server reads it (with backslash escapes). */
    public static ScannedSql of(String sql, SqlDialect dialect) {
        int capacity = Math.max(8, sql.length() / 4);
        byte[] types = new byte[capacity];
        int[] starts = new int[capacity];
        int[] ends = new int[capacity];
        int n = 0;
        SqlScanner s = new SqlScanner(sql, dialect).reportComments();
        for (SqlScanner.Type t = s.next(); t != SqlScanner.Type.END; t = s.next()) {
            if (n == types.length) {
                types = Arrays.copyOf(types, n * 2);
                starts = Arrays.copyOf(starts, n * 2);
                ends = Arrays.copyOf(ends, n * 2);
            }
            types[n] = (byte) (t.ordinal() | (s.inExecutableComment() ? IN_EXECUTABLE_COMMENT : 0));
            starts[n] = s.start();
            ends[n] = s.end();
            n++;
        }
        return new ScannedSql(sql, dialect, types, starts, ends, n, s.unterminated());
    }

    /** A cursor over the tokens, as {@code new SqlScanner(sql, dialect)} would give them, without lexing. */
    public SqlScanner scanner() {
        return new SqlScanner(this);
    }

    public String sql() {
        return sql;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** How many tokens (comments included). */
    public int size() {
        return size;
    }

    public SqlScanner.Type type(int i) {
        return TYPES[types[i] & ~IN_EXECUTABLE_COMMENT];
    }

    public int start(int i) {
        return starts[i];
    }

    public int end(int i) {
        return ends[i];
    }

    public boolean inExecutableComment(int i) {
        return (types[i] & IN_EXECUTABLE_COMMENT) != 0;
    }

    public boolean unterminated() {
        return unterminated;
    }

    /** How many {@code ?} parameter markers the statement has. */
    public int parameterMarkers() {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (type(i) == SqlScanner.Type.PARAMETER_MARKER) n++;
        }
        return n;
    }
}
