package io.dbmesh.proxy.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SidecarValueRewriterTest {

    static final SidecarValueRewriter.Values VALUES = new SidecarValueRewriter.Values() {
        @Override
        public String variable(String name) {
            return name.equals("max_allowed_packet") ? "1024" : "'9.9-dbmesh'";
        }

        @Override
        public String database() {
            return "'app'";
        }

        @Override
        public String version() {
            return "'9.9-dbmesh'";
        }

        @Override
        public String connectionId() {
            return "77";
        }
    };

    @Test
    void bareSelectItemsKeepTheirColumnName() {
        assertThat(SidecarValueRewriter.rewrite("SELECT @@max_allowed_packet", VALUES, true))
                .isEqualTo("SELECT 1024 AS `@@max_allowed_packet`");
        assertThat(SidecarValueRewriter.rewrite("SELECT DATABASE(), @@session.max_allowed_packet, 1", VALUES, true))
                .isEqualTo("SELECT 'app' AS `DATABASE()`, 1024 AS `@@session.max_allowed_packet`, 1");
        assertThat(SidecarValueRewriter.rewrite("select version() limit 1", VALUES, true))
                .isEqualTo("select '9.9-dbmesh' AS `version()` limit 1");
    }

    @Test
    void aliasedOrEmbeddedValuesAreReplacedInPlace() {
        assertThat(SidecarValueRewriter.rewrite("SELECT @@max_allowed_packet AS m", VALUES, true))
                .isEqualTo("SELECT 1024 AS m");
        assertThat(SidecarValueRewriter.rewrite("SELECT @@max_allowed_packet + 1", VALUES, true))
                .isEqualTo("SELECT 1024 + 1");
    }

    @Test
    void connectionIdIsTheSidecars() {
        assertThat(SidecarValueRewriter.rewrite("SELECT CONNECTION_ID()", VALUES, false))
                .isEqualTo("SELECT 77 AS `CONNECTION_ID()`");
        assertThat(SidecarValueRewriter.rewrite("INSERT INTO log VALUES (connection_id())", VALUES, false))
                .isEqualTo("INSERT INTO log VALUES (77)");
    }

    @Test
    void databaseIsLeftToTheBackendWhenAsked() {
        assertThat(SidecarValueRewriter.rewrite("SELECT * FROM information_schema.tables WHERE table_schema = DATABASE()", VALUES, false))
                .isEqualTo("SELECT * FROM information_schema.tables WHERE table_schema = DATABASE()");
    }

    @Test
    void stringsAndCommentsAreUntouched() {
        String sql = "SELECT '@@max_allowed_packet', 'version()' /* DATABASE() */";
        assertThat(SidecarValueRewriter.rewrite(sql, VALUES, true)).isSameAs(sql);
    }
}
