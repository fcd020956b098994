package io.dbmesh.it.compat;

import org.junit.jupiter.api.Disabled;
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
    @Disabled("issue 8 items 1, 2: bytes of _binary/latin1 text altered, VERSION() without -MariaDB (bytes engineer)")
    void passthrough() throws Exception {
        assertSameAsOnMariaDb(Target.PASSTHROUGH);
    }

    @Test
    @Disabled("issue 8 items 1, 2: bytes altered, VERSION() without -MariaDB; item 4: backslash-escaped quote rejected by the sharding parser (bytes engineer)")
    void sharded() throws Exception {
        assertSameAsOnMariaDb(Target.SHARDED);
    }
}
