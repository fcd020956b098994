package io.dbmesh.it.compat;

import org.junit.jupiter.api.Test;

/**
 * Node.js mysql2 (mysql2_prog.js) through the sidecar prints what it prints on MariaDB itself (see
 * {@link ClientCompatTest}); its JSON column comes back parsed only when MariaDB's extended column
 * metadata (format "json") reaches it.
 */
class NodeMysql2CompatTest extends ClientCompatTest {

    @Override
    protected ClientProgram program() {
        return Clients.NODE_MYSQL2;
    }

    @Override
    protected int base() {
        return 1600;
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
