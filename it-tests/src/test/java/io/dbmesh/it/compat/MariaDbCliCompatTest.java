package io.dbmesh.it.compat;

import org.junit.jupiter.api.Test;

/** The mariadb command-line client (mariadb_cli.sh) through the sidecar prints what it prints on MariaDB itself (see {@link ClientCompatTest}). */
class MariaDbCliCompatTest extends ClientCompatTest {

    @Override
    protected ClientProgram program() {
        return Clients.MARIADB_CLI;
    }

    @Override
    protected int base() {
        return 1700;
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
