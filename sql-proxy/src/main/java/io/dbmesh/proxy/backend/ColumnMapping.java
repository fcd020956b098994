package io.dbmesh.proxy.backend;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnFlags;
import io.dbmesh.core.result.ColumnType;
import org.mariadb.jdbc.client.ColumnDecoder;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Backend column definitions → {@link Column}, field for field. */
final class ColumnMapping {

    static final int BINARY_COLLATION = 63;
    static final int UTF8MB4_GENERAL_CI = 45;

    private ColumnMapping() {
    }

    /** Exact: from the column definition packet the backend sent. */
    static Column fromDecoder(ColumnDecoder d) {
        int charset = ConnectorInternals.charset(d);
        ColumnType type = ColumnType.ofCode(d.getType().get());
        if (charset < 0) {
            charset = d.isBinary() ? BINARY_COLLATION : UTF8MB4_GENERAL_CI;
        }
        return new Column(nn(d.getSchema()), nn(d.getTableAlias()), nn(d.getTable()), nn(d.getColumnAlias()),
                nn(d.getColumnName()), charset, d.getColumnLength(), type, d.getFlags(), d.getDecimals() & 0xff,
                d.getExtTypeName(), ConnectorInternals.extTypeFormat(d));
    }

    static List<Column> fromDecoders(ColumnDecoder[] decoders) {
        List<Column> columns = new ArrayList<>(decoders.length);
        for (ColumnDecoder d : decoders) {
            columns.add(fromDecoder(d));
        }
        return List.copyOf(columns);
    }

    /** Approximate: derived from the public JDBC metadata (fallback when the internals are unavailable). */
    static Column fromMetaData(ResultSetMetaData md, int i) throws SQLException {
        String typeName = md.getColumnTypeName(i).toUpperCase();
        ColumnType type = typeOf(md.getColumnType(i), typeName);
        int flags = 0;
        if (md.isNullable(i) == ResultSetMetaData.columnNoNulls) flags |= ColumnFlags.NOT_NULL;
        if (!md.isSigned(i) && type.isNumeric()) flags |= ColumnFlags.UNSIGNED;
        if (md.isAutoIncrement(i)) flags |= ColumnFlags.AUTO_INCREMENT;
        boolean binary = typeName.contains("BLOB") || typeName.contains("BINARY") || type == ColumnType.BIT
                || type == ColumnType.GEOMETRY || type.isNumeric() || type.isTemporal();
        if (binary) flags |= ColumnFlags.BINARY;
        int charset = binary && !typeName.contains("TEXT") ? BINARY_COLLATION : UTF8MB4_GENERAL_CI;
        return new Column(nn(md.getSchemaName(i)), nn(md.getTableName(i)), nn(md.getTableName(i)),
                nn(md.getColumnLabel(i)), nn(md.getColumnName(i)), charset, md.getPrecision(i), type, flags,
                Math.max(0, md.getScale(i)));
    }

    private static ColumnType typeOf(int jdbcType, String name) {
        if (name.startsWith("BIGINT")) return ColumnType.LONGLONG;
        if (name.startsWith("MEDIUMINT")) return ColumnType.INT24;
        if (name.startsWith("INT")) return ColumnType.LONG;
        if (name.startsWith("SMALLINT")) return ColumnType.SHORT;
        if (name.startsWith("TINYINT") || name.equals("BOOLEAN")) return ColumnType.TINY;
        if (name.startsWith("YEAR")) return ColumnType.YEAR;
        if (name.startsWith("JSON")) return ColumnType.JSON;
        if (name.startsWith("ENUM")) return ColumnType.STRING;
        if (name.startsWith("SET")) return ColumnType.STRING;
        return switch (jdbcType) {
            case Types.DECIMAL, Types.NUMERIC -> ColumnType.NEWDECIMAL;
            case Types.REAL, Types.FLOAT -> ColumnType.FLOAT;
            case Types.DOUBLE -> ColumnType.DOUBLE;
            case Types.DATE -> ColumnType.DATE;
            case Types.TIME -> ColumnType.TIME;
            case Types.TIMESTAMP -> name.startsWith("TIMESTAMP") ? ColumnType.TIMESTAMP : ColumnType.DATETIME;
            case Types.BIT, Types.BOOLEAN -> ColumnType.BIT;
            case Types.BLOB, Types.LONGVARBINARY, Types.LONGVARCHAR, Types.CLOB -> ColumnType.BLOB;
            case Types.CHAR, Types.BINARY -> ColumnType.STRING;
            case Types.NULL -> ColumnType.NULL;
            default -> ColumnType.VAR_STRING;
        };
    }

    private static String nn(String s) {
        return s == null ? "" : s;
    }
}
