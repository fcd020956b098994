package io.dbmesh.sharding.federation;

import io.dbmesh.sharding.ShardingException;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnFlags;
import io.dbmesh.core.result.ColumnType;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * MariaDB columns as Calcite types, and shard values (MySQL text form) as the Java values
 * Calcite's generated code works on: INT → Integer, BIGINT → Long, BIGINT UNSIGNED and DECIMAL →
 * BigDecimal, DOUBLE → Double, FLOAT → Float, strings → String, binary → ByteString, DATE → days
 * since 1970, DATETIME/TIMESTAMP → milliseconds since 1970 (zone-less), TIME → milliseconds of the
 * day.
 *
 * <p>Limits (refused with an error naming the value rather than answered wrongly): zero dates
 * ('0000-00-00'), TIME values outside 00:00:00–23:59:59, fractions finer than milliseconds.
 */
final class TypeMapping {
    private TypeMapping() {
    }

    static RelDataType relType(RelDataTypeFactory f, Column c, io.dbmesh.sharding.merge.Collation collation) {
        boolean unsigned = c.unsigned();
        RelDataType t = switch (c.type()) {
            case TINY, SHORT, INT24, YEAR -> f.createSqlType(SqlTypeName.INTEGER);
            case LONG -> f.createSqlType(unsigned ? SqlTypeName.BIGINT : SqlTypeName.INTEGER);
            case LONGLONG -> unsigned ? f.createSqlType(SqlTypeName.DECIMAL, 20, 0) : f.createSqlType(SqlTypeName.BIGINT);
            case DECIMAL, NEWDECIMAL -> f.createSqlType(SqlTypeName.DECIMAL, decimalPrecision(c), c.decimals());
            case FLOAT -> f.createSqlType(SqlTypeName.REAL);
            case DOUBLE -> f.createSqlType(SqlTypeName.DOUBLE);
            case DATE, NEWDATE -> f.createSqlType(SqlTypeName.DATE);
            case DATETIME, DATETIME2, TIMESTAMP, TIMESTAMP2 -> f.createSqlType(SqlTypeName.TIMESTAMP, Math.min(c.decimals(), 3));
            case TIME, TIME2 -> f.createSqlType(SqlTypeName.TIME, Math.min(c.decimals(), 3));
            case BIT, GEOMETRY -> f.createSqlType(SqlTypeName.VARBINARY);
            case NULL -> f.createSqlType(SqlTypeName.NULL);
            default -> c.binary() ? f.createSqlType(SqlTypeName.VARBINARY) : collated(f, c, collation);
        };
        return f.createTypeWithNullability(t, true);
    }

    /** A VARCHAR that Calcite compares and sorts under the column's MariaDB collation. */
    private static RelDataType collated(RelDataTypeFactory f, Column c, io.dbmesh.sharding.merge.Collation real) {
        io.dbmesh.sharding.merge.Collation collation = real != null ? real : io.dbmesh.sharding.merge.ValueComparator.collationOf(c);
        return f.createTypeWithCharsetAndCollation(f.createSqlType(SqlTypeName.VARCHAR),
                CalciteCharset.get(), new MariaDbSqlCollation(collation));
    }

    /** MariaDB's display length of a DECIMAL column back to its precision. */
    static int decimalPrecision(Column c) {
        int p = (int) c.length() - (c.decimals() > 0 ? 1 : 0) - (c.unsigned() ? 0 : 1);
        return Math.max(1, Math.min(65, p));
    }

    /** A shard's text value as the Java value Calcite expects for the column's type. */
    static Object internal(byte[] v, Column c, RelDataType type) throws ShardingException {
        if (v == null) return null;
        String s = type.getSqlTypeName() == SqlTypeName.VARBINARY ? null : new String(v, StandardCharsets.UTF_8);
        return switch (type.getSqlTypeName()) {
            case INTEGER -> Integer.parseInt(s);
            case BIGINT -> Long.parseLong(s);
            case DECIMAL -> new BigDecimal(s);
            case REAL -> Float.parseFloat(s);
            case DOUBLE -> Double.parseDouble(s);
            case DATE -> {
                if (s.startsWith("0000")) throw ShardingException.notSupported("zero date '" + s + "' in a federated query");
                yield (int) LocalDate.parse(s).toEpochDay();
            }
            case TIMESTAMP -> {
                if (s.startsWith("0000")) throw ShardingException.notSupported("zero date '" + s + "' in a federated query");
                yield LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            case TIME -> timeMillis(s);
            case VARBINARY -> new ByteString(v);
            default -> s;
        };
    }

    private static int timeMillis(String s) throws ShardingException {
        long micros = io.dbmesh.sharding.merge.TimeValues.micros(s.getBytes(StandardCharsets.ISO_8859_1));
        if (micros < 0 || micros >= 86_400_000_000L) {
            throw ShardingException.notSupported("TIME value '" + s + "' outside 00:00:00..23:59:59 in a federated query");
        }
        return (int) (micros / 1000);
    }

    /** The MySQL column definition of a Calcite result column. */
    static Column column(String name, SqlTypeName type, int precision, int scale, boolean nullable) {
        int notNull = nullable ? 0 : ColumnFlags.NOT_NULL;
        int num = ColumnFlags.BINARY | ColumnFlags.NUM | notNull;
        return switch (type) {
            case TINYINT, SMALLINT, INTEGER -> new Column("", "", "", name, name, 63, 11, ColumnType.LONG, num, 0);
            case BIGINT -> new Column("", "", "", name, name, 63, 21, ColumnType.LONGLONG, num, 0);
            case BOOLEAN -> new Column("", "", "", name, name, 63, 1, ColumnType.LONG, num, 0);
            case DECIMAL -> new Column("", "", "", name, name, 63, precision + (scale > 0 ? 1 : 0) + 1L,
                    ColumnType.NEWDECIMAL, num, scale);
            case REAL, FLOAT -> new Column("", "", "", name, name, 63, 12, ColumnType.FLOAT, num, 31);
            case DOUBLE -> new Column("", "", "", name, name, 63, 22, ColumnType.DOUBLE, num, 31);
            case DATE -> new Column("", "", "", name, name, 63, 10, ColumnType.DATE, ColumnFlags.BINARY | notNull, 0);
            case TIMESTAMP -> new Column("", "", "", name, name, 63, 19 + (precision > 0 ? precision + 1L : 0),
                    ColumnType.DATETIME, ColumnFlags.BINARY | notNull, Math.max(0, precision));
            case TIME -> new Column("", "", "", name, name, 63, 10 + (precision > 0 ? precision + 1L : 0),
                    ColumnType.TIME, ColumnFlags.BINARY | notNull, Math.max(0, precision));
            case BINARY, VARBINARY -> new Column("", "", "", name, name, 63, Math.max(precision, 0),
                    ColumnType.BLOB, ColumnFlags.BINARY | ColumnFlags.BLOB | notNull, 0);
            default -> new Column("", "", "", name, name, 45, precision > 0 ? precision * 4L : 65535 * 4L,
                    ColumnType.VAR_STRING, notNull, 0);
        };
    }
}
