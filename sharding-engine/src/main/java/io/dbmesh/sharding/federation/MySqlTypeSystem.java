package io.dbmesh.sharding.federation;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Calcite's type rules changed to MariaDB's where federated answers would otherwise differ:
 * DECIMAL up to 65 digits and 30 decimals; SUM of a DECIMAL is a DECIMAL 22 digits wider, SUM of
 * an integer a BIGINT (never an overflowing INT; MariaDB's type is DECIMAL, the digits are the same); AVG of an exact number is a DECIMAL with
 * 4 more decimals (div_precision_increment); SUM and AVG of FLOAT/DOUBLE are DOUBLE.
 */
public final class MySqlTypeSystem extends RelDataTypeSystemImpl {
    public static final MySqlTypeSystem INSTANCE = new MySqlTypeSystem();

    private static final int MAX_PRECISION = 65;
    private static final int MAX_SCALE = 30;

    // (Calcite 1.42: getMaxNumericPrecision/Scale are final and read these for DECIMAL)
    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX_PRECISION : super.getMaxPrecision(typeName);
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX_SCALE : super.getMaxScale(typeName);
    }

    /** MariaDB rounds DECIMAL results half away from zero (AVG 51.7833525 → 51.783353). */
    @Override
    public java.math.RoundingMode roundingMode() {
        return java.math.RoundingMode.HALF_UP;
    }

    @Override
    public RelDataType deriveSumType(RelDataTypeFactory f, RelDataType arg) {
        // Calcite's generated SUM adds values of the argument's Java type to the accumulator, so the
        // accumulator can only widen within its kind: DECIMAL stays DECIMAL (22 digits wider, like
        // MariaDB), integers become BIGINT (MariaDB says DECIMAL; the digits are the same).
        if (arg.getSqlTypeName() == SqlTypeName.DECIMAL) {
            return like(arg, f, f.createSqlType(SqlTypeName.DECIMAL, Math.min(MAX_PRECISION, precision(arg) + 22), scale(arg)));
        }
        if (SqlTypeUtil.isExactNumeric(arg)) return like(arg, f, f.createSqlType(SqlTypeName.BIGINT));
        if (SqlTypeUtil.isApproximateNumeric(arg)) return like(arg, f, f.createSqlType(SqlTypeName.DOUBLE));
        return super.deriveSumType(f, arg);
    }

    @Override
    public RelDataType deriveAvgAggType(RelDataTypeFactory f, RelDataType arg) {
        if (SqlTypeUtil.isExactNumeric(arg)) {
            return like(arg, f, f.createSqlType(SqlTypeName.DECIMAL, Math.min(MAX_PRECISION, precision(arg) + 4),
                    Math.min(MAX_SCALE, scale(arg) + 4)));
        }
        if (SqlTypeUtil.isApproximateNumeric(arg)) return like(arg, f, f.createSqlType(SqlTypeName.DOUBLE));
        return super.deriveAvgAggType(f, arg);
    }

    /** Digits of an exact type as MariaDB counts them (INT is 10 digits, BIGINT 19, BIGINT UNSIGNED 20). */
    private static int precision(RelDataType t) {
        return switch (t.getSqlTypeName()) {
            case TINYINT -> 3;
            case SMALLINT -> 5;
            case INTEGER -> 10;
            case BIGINT -> 19;
            default -> t.getPrecision();
        };
    }

    private static int scale(RelDataType t) {
        return t.getSqlTypeName() == SqlTypeName.DECIMAL ? t.getScale() : 0;
    }

    /**
     * With the argument's nullability, as Calcite's own rules expect (they add nullability for
     * empty groups themselves; forcing it here makes rewritten plans' row types disagree).
     */
    private static RelDataType like(RelDataType arg, RelDataTypeFactory f, RelDataType t) {
        return f.createTypeWithNullability(t, arg.isNullable());
    }
}
