package io.dbmesh.it.compat;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** PHP PDO pdo_mysql (php_prog.php pdo) through the sidecar prints what it prints on MariaDB itself (see {@link ClientCompatTest}). */
class PhpPdoCompatTest extends ClientCompatTest {

    @Override
    protected ClientProgram program() {
        return Clients.PHP_PDO;
    }

    @Override
    protected int base() {
        return 1300;
    }

    @Test
    @Disabled("issue 8 items 1, 2: bytes of _binary/latin1 text and binary-protocol BLOB parameters altered, VERSION() without -MariaDB (bytes engineer)")
    void passthrough() throws Exception {
        assertSameAsOnMariaDb(Target.PASSTHROUGH);
    }

    @Test
    @Disabled("issue 8 items 1, 2: bytes altered, VERSION() without -MariaDB; item 4: backslash-escaped quote rejected by the sharding parser (bytes engineer)")
    void sharded() throws Exception {
        assertSameAsOnMariaDb(Target.SHARDED);
    }
}
