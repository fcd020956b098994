package io.dbmesh.it.compat;

import org.junit.jupiter.api.Test;

/** MySQL Connector/J (text protocol; useServerPrepStmts in the prepared step) through the sidecar prints what it prints on MariaDB itself (see {@link ClientCompatTest}). */
class MySqlConnectorJCompatTest extends ClientCompatTest {

    @Override
    protected ClientProgram program() {
        return JdbcProgram.MYSQL;
    }

    @Override
    protected int base() {
        return 2000;
    }

    @Test
    void passthrough() throws Exception {
        assertSameAsOnMariaDb(Target.PASSTHROUGH);
    }

    @Test
    void sharded() throws Exception {
        assertSameAsOnMariaDb(Target.SHARDED);
    }
}
