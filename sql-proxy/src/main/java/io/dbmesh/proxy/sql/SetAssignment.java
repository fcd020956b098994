package io.dbmesh.proxy.sql;

/** One item of a SET statement, as {@link SetStatementParser} understood it. */
public sealed interface SetAssignment {

    /**
     * {@code [SESSION|GLOBAL] name = value}, {@code @@[session.|global.]name = value}.
     *
     * @param name     lower-case variable name
     * @param valueSql the value expression as written
     * @param literal  whether the value is a single literal (string, number, word like ON/DEFAULT)
     *                 that can be replayed as written; otherwise it must be read back after SET
     */
    record SystemVariable(boolean global, String name, String valueSql, boolean literal) implements SetAssignment {
    }

    /** {@code @name = value}; {@code name} keeps the @ and is lower-case (user variables ignore case). */
    record UserVariable(String name, String valueSql, boolean literal) implements SetAssignment {
    }

    /** {@code NAMES cs [COLLATE c]}, {@code CHARACTER SET cs}, {@code CHARSET cs}. */
    record Charset(String sql) implements SetAssignment {
    }

    /**
     * {@code [SESSION|GLOBAL] TRANSACTION characteristics}. Without a scope it only applies to the
     * next transaction.
     */
    record Transaction(Scope scope) implements SetAssignment {
        public enum Scope { NEXT, SESSION, GLOBAL }
    }

    /** SET PASSWORD, SET ROLE, SET DEFAULT ROLE, SET STATEMENT … FOR, or anything not understood. */
    record Other(String keyword) implements SetAssignment {
    }
}
