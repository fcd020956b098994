package io.dbmesh.it.compat;

import org.junit.jupiter.api.Test;

/** PyMySQL (python3-pymysql, dbapi.py) through the sidecar prints what it prints on MariaDB itself (see {@link ClientCompatTest}). */
class PyMySqlCompatTest extends ClientCompatTest {

    @Override
    protected ClientProgram program() {
        return Clients.PYMYSQL;
    }

    @Override
    protected int base() {
        return 1000;
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
