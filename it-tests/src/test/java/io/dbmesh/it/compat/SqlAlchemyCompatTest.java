package io.dbmesh.it.compat;

import org.junit.jupiter.api.Test;

/** SQLAlchemy over PyMySQL (sqlalchemy_prog.py) through the sidecar prints what it prints on MariaDB itself (see {@link ClientCompatTest}). */
class SqlAlchemyCompatTest extends ClientCompatTest {

    @Override
    protected ClientProgram program() {
        return Clients.SQLALCHEMY;
    }

    @Override
    protected int base() {
        return 1200;
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
