package io.dbmesh.proxy.session;

import io.dbmesh.core.result.ColumnType;
import io.dbmesh.proxy.backend.BackendConnection;
import io.dbmesh.proxy.command.BoundParameter;
import io.dbmesh.proxy.text.ClientCharset;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The values of one COM_STMT_EXECUTE bound to the backend's server-side prepared statement in the
 * binary protocol: each with the wire type the client gave it (TINY/SHORT/LONG/LONGLONG, FLOAT,
 * DOUBLE, DECIMAL text as NEWDECIMAL, DATE/DATETIME/TIME, strings as text, bytes as BLOB — which
 * is what a {@code _binary} literal is), long data as sent. No value goes through text.
 * {@link #supports} says which executions can: the others run as text with the values spliced in
 * ({@link ParameterLiterals}) — unsigned integers (Connector/J cannot send the unsigned flag) and
 * negative TIME (its Duration encoder writes those wrong), NULL in a SELECT (see {@link #supports}).
 */
final class BinaryParameters implements BackendConnection.ParameterBinder {
    private final List<BoundParameter> parameters;
    private final byte[][] longData;
    private final ClientCharset charset;

    BinaryParameters(List<BoundParameter> parameters, byte[][] longData, ClientCharset charset) {
        this.parameters = parameters;
        this.longData = longData;
        this.charset = charset;
    }

    /**
     * Whether every one of the first {@code count} parameters can be bound in binary as the client
     * sent it. A NULL in a SELECT cannot: Connector/J sends it typed VARCHAR, not NULL, so
     * {@code SELECT ?} would answer a VARCHAR column where MariaDB answers a NULL-typed one (in a
     * write the value is converted to its column's type, and the type does not show).
     *
     * @param write    the statement is DML, not SELECT
     * @param longData whether parameter i received long data (its value is null then)
     */
    static boolean supports(List<BoundParameter> parameters, int count, boolean write, java.util.function.IntPredicate longData) {
        for (int i = 0; i < count; i++) {
            BoundParameter p = parameters.get(i);
            Object v = p.value();
            if (p.unsigned()) return false;
            if (v == null && !write && !longData.test(i)) return false;
            if (v == null || v instanceof String || v instanceof byte[] || v instanceof Double || v instanceof Float
                    || v instanceof LocalDate || v instanceof LocalDateTime) continue;
            if (v instanceof Long) continue;
            if (v instanceof Duration d && !d.isNegative()) continue;
            return false;
        }
        return true;
    }

    @Override
    public void bind(PreparedStatement ps) throws SQLException {
        for (int i = 0; i < longData.length; i++) {
            int at = i + 1;
            BoundParameter p = parameters.get(i);
            byte[] data = longData[i];
            if (data != null) {
                String text = isText(p.type()) ? charset.text(data) : null;
                if (text != null) ps.setString(at, text);
                else ps.setBytes(at, data);
                continue;
            }
            switch (p.value()) {
                case null -> ps.setNull(at, Types.NULL);
                case Long l -> {
                    switch (p.type()) {
                        case TINY -> ps.setByte(at, (byte) (long) l);
                        case SHORT, YEAR -> ps.setShort(at, (short) (long) l);
                        case LONG, INT24 -> ps.setInt(at, (int) (long) l);
                        default -> ps.setLong(at, l);
                    }
                }
                case Double d -> ps.setDouble(at, d);
                case Float f -> ps.setFloat(at, f);
                case String s when p.type().isDecimal() && ParameterLiterals.isNumber(s) -> ps.setBigDecimal(at, new BigDecimal(s));
                case String s -> ps.setString(at, s);
                case byte[] b -> ps.setBytes(at, b);
                case LocalDate d -> ps.setObject(at, d);
                case LocalDateTime t -> ps.setObject(at, t);
                case Duration d -> ps.setObject(at, d);
                default -> throw new IllegalStateException("no binary binding for " + p.value().getClass().getSimpleName());
            }
        }
    }

    private static boolean isText(ColumnType t) {
        return t == ColumnType.VARCHAR || t == ColumnType.VAR_STRING || t == ColumnType.STRING
                || t == ColumnType.JSON || t == ColumnType.ENUM || t == ColumnType.SET || t.isDecimal();
    }
}
