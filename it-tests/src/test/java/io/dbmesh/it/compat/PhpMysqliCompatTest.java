package io.dbmesh.it.compat;

import org.junit.jupiter.api.Test;

/** PHP mysqli (php_prog.php mysqli) through the sidecar prints what it prints on MariaDB itself (see {@link ClientCompatTest}). */
class PhpMysqliCompatTest extends ClientCompatTest {

    @Override
    protected ClientProgram program() {
        return Clients.PHP_MYSQLI;
    }

    @Override
    protected int base() {
        return 1400;
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
