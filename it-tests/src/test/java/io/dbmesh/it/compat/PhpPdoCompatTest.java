package io.dbmesh.it.compat;

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
    void passthrough() throws Exception {
        assertSameAsOnMariaDb(Target.PASSTHROUGH);
    }

    @Test
    void sharded() throws Exception {
        assertSameAsOnMariaDb(Target.SHARDED);
    }
}
