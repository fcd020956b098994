package io.dbmesh.it.compat;

import org.junit.jupiter.api.Disabled;
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
    @Disabled("issue 8 item 4, federation: SQLAlchemy's ORM query on the sharded table is federated, and Calcite's parser does not read the backslash-escaped literal (O'Neil \\ … \\' end) (bytes engineer)")
    void sharded() throws Exception {
        assertSameAsOnMariaDb(Target.SHARDED);
    }
}
