package io.dbmesh.proxy.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SystemSchemasTest {

    @Test
    void qualifiedCatalogNamesCount() {
        assertThat(SystemSchemas.named("SELECT * FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")).isTrue();
        assertThat(SystemSchemas.named("SELECT * FROM `INFORMATION_SCHEMA`.`COLUMNS`")).isTrue();
        assertThat(SystemSchemas.named("SELECT db FROM mysql.proc WHERE db = DATABASE()")).isTrue();
        assertThat(SystemSchemas.named("SELECT * FROM performance_schema . threads")).isTrue();
        assertThat(SystemSchemas.named("SELECT * FROM sys.schema_table_statistics")).isTrue();
    }

    @Test
    void anythingElseDoesNot() {
        assertThat(SystemSchemas.named("SELECT DATABASE() FROM t")).isFalse();
        assertThat(SystemSchemas.named("SELECT 'information_schema.tables', DATABASE() FROM t")).isFalse();
        assertThat(SystemSchemas.named("SELECT mysql FROM t /* mysql.user */")).isFalse();
        assertThat(SystemSchemas.named("INSERT INTO sys_log VALUES (DATABASE())")).isFalse();
    }
}
