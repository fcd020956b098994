package io.dbmesh.sharding;

import java.sql.SQLException;

/**
 * A planning or routing error the client must see as a MySQL ERR packet. It is an
 * {@link SQLException} on purpose: backend errors reach the session as SQLExceptions carrying the
 * backend's code and SQLSTATE, so the session needs exactly one catch to answer both. The codes are
 * the ones a MySQL server gives for the same situation wherever one exists.
 */
public class ShardingException extends SQLException {

    public ShardingException(int errorCode, String sqlState, String message) {
        super(message, sqlState, errorCode);
    }

    /** ER_NOT_SUPPORTED_YET: for SQL the sharding engine cannot run correctly; names the construct. */
    public static ShardingException notSupported(String construct) {
        return new ShardingException(1235, "42000", "This version of dbmesh doesn't yet support '" + construct + "'");
    }

    /** ER_PARSE_ERROR. */
    public static ShardingException parseError(String detail) {
        return new ShardingException(1064, "42000", "You have an error in your SQL syntax; " + detail);
    }

    /** ER_NO_SUCH_TABLE. */
    public static ShardingException noSuchTable(String database, String table) {
        return new ShardingException(1146, "42S02", "Table '" + database + "." + table + "' doesn't exist");
    }

    /** ER_WRONG_ARGUMENTS style error for a statement that would break the sharding invariants. */
    public static ShardingException shardKeyUpdate(String table, String column) {
        return new ShardingException(1105, "HY000", "Changing the sharding column '" + column + "' of table '"
                + table + "' is not allowed: delete the row and insert it again");
    }

    /** ER_WRONG_VALUE_COUNT_ON_ROW etc. are the backend's; this one is for values the rules cannot place. */
    public static ShardingException noShardFor(String table, Object value) {
        return new ShardingException(1105, "HY000", "No shard of table '" + table + "' holds sharding value " + value);
    }
}
