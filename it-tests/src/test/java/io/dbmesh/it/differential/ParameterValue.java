package io.dbmesh.it.differential;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A value bound to a {@code ?} marker. Each kind binds with its own JDBC setter so the binary
 * protocol carries a real typed parameter (MYSQL_TYPE_LONGLONG, NEWDECIMAL, VAR_STRING, DATETIME,
 * DATE, NULL) that the sidecar must decode and route on.
 */
public sealed interface ParameterValue {

    void bind(PreparedStatement statement, int index) throws SQLException;

    /** Written like the corpus writes it, for failure messages. */
    String literal();

    record IntegerValue(long value) implements ParameterValue {
        public void bind(PreparedStatement s, int i) throws SQLException {
            s.setLong(i, value);
        }

        public String literal() {
            return Long.toString(value);
        }
    }

    record DecimalValue(BigDecimal value) implements ParameterValue {
        public void bind(PreparedStatement s, int i) throws SQLException {
            s.setBigDecimal(i, value);
        }

        public String literal() {
            return value.toPlainString();
        }
    }

    record StringValue(String value) implements ParameterValue {
        public void bind(PreparedStatement s, int i) throws SQLException {
            s.setString(i, value);
        }

        public String literal() {
            return "'" + value.replace("'", "''") + "'";
        }
    }

    record DateTimeValue(LocalDateTime value) implements ParameterValue {
        public void bind(PreparedStatement s, int i) throws SQLException {
            s.setObject(i, value);
        }

        public String literal() {
            return "TIMESTAMP'" + value.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")) + "'";
        }
    }

    record DateValue(LocalDate value) implements ParameterValue {
        public void bind(PreparedStatement s, int i) throws SQLException {
            s.setObject(i, value);
        }

        public String literal() {
            return "DATE'" + value + "'";
        }
    }

    record NullValue() implements ParameterValue {
        public void bind(PreparedStatement s, int i) throws SQLException {
            s.setNull(i, Types.VARCHAR);
        }

        public String literal() {
            return "NULL";
        }
    }
}
