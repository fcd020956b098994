package io.dbmesh.it.compat;

import org.junit.jupiter.api.Test;

/** mysqlclient / MySQLdb (python3-mysqldb, dbapi.py) through the sidecar prints what it prints on MariaDB itself (see {@link ClientCompatTest}). */
class MysqlclientCompatTest extends ClientCompatTest {

    @Override
    protected ClientProgram program() {
        return Clients.MYSQLCLIENT;
    }

    @Override
    protected int base() {
        return 1100;
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
