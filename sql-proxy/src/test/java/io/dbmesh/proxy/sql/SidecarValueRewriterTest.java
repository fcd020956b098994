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
    void databaseIsReplacedInStatementsWithTables() {
        assertThat(SidecarValueRewriter.rewrite("SELECT DISTINCT DATABASE() FROM t WHERE SCHEMA() = 'app'", VALUES, true))
                .isEqualTo("SELECT DISTINCT 'app' AS `DATABASE()` FROM t WHERE 'app' = 'app'");
        assertThat(SidecarValueRewriter.rewrite("INSERT INTO t VALUES (1, DATABASE()), (2, CONCAT(database ( ), '.x'))", VALUES, true))
                .isEqualTo("INSERT INTO t VALUES (1, 'app'), (2, CONCAT('app', '.x'))");
        assertThat(SidecarValueRewriter.rewrite("UPDATE t SET a = 1, b = DATABASE()", VALUES, true))
                .isEqualTo("UPDATE t SET a = 1, b = 'app'");
    }

    @Test
    void onlyItemsOfASelectListGetAnAlias() {
        assertThat(SidecarValueRewriter.rewrite("SELECT a FROM t GROUP BY a, DATABASE() HAVING 1 ORDER BY a, DATABASE()", VALUES, true))
                .isEqualTo("SELECT a FROM t GROUP BY a, 'app' HAVING 1 ORDER BY a, 'app'");
        assertThat(SidecarValueRewriter.rewrite("SELECT a, DATABASE() FROM t WHERE a IN (SELECT b FROM u), DATABASE()", VALUES, true))
                .isEqualTo("SELECT a, 'app' AS `DATABASE()` FROM t WHERE a IN (SELECT b FROM u), 'app'");
        assertThat(SidecarValueRewriter.rewrite("SELECT (SELECT 1 FROM u), DATABASE() d, x FROM t", VALUES, true))
                .isEqualTo("SELECT (SELECT 1 FROM u), 'app' d, x FROM t");
        assertThat(SidecarValueRewriter.rewrite("SELECT a FROM t UNION ALL SELECT DATABASE() FROM u", VALUES, true))
                .isEqualTo("SELECT a FROM t UNION ALL SELECT 'app' AS `DATABASE()` FROM u");
    }

    @Test
    void stringsAndCommentsAreUntouched() {
        String sql = "SELECT '@@max_allowed_packet', 'version()' /* DATABASE() */";
        assertThat(SidecarValueRewriter.rewrite(sql, VALUES, true)).isSameAs(sql);
    }
}
