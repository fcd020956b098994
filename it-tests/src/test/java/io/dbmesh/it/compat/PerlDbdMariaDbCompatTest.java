package io.dbmesh.it.compat;

import org.junit.jupiter.api.Test;

/** Perl DBI with DBD::MariaDB (dbd_mariadb.pl) through the sidecar prints what it prints on MariaDB itself (see {@link ClientCompatTest}). */
class PerlDbdMariaDbCompatTest extends ClientCompatTest {

    @Override
    protected ClientProgram program() {
        return Clients.PERL_DBD_MARIADB;
    }

    @Override
    protected int base() {
        return 1500;
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
