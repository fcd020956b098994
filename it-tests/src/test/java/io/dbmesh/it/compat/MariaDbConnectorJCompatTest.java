package io.dbmesh.it.compat;

import org.junit.jupiter.api.Test;

/** MariaDB Connector/J (text protocol; useServerPrepStmts in the prepared step) through the sidecar prints what it prints on MariaDB itself (see {@link ClientCompatTest}). */
class MariaDbConnectorJCompatTest extends ClientCompatTest {

    @Override
    protected ClientProgram program() {
        return JdbcProgram.MARIADB;
    }

    @Override
    protected int base() {
        return 1900;
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
