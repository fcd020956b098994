package io.dbmesh.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColumnSpellingTest {
    @Test
    void takesTheStatementsSpelling() {
        String sql = "SELECT table_name, `Column_Name` FROM information_schema.columns WHERE table_schema = DATABASE()";
        assertThat(ColumnSpelling.in(sql, "TABLE_NAME")).isEqualTo("table_name");
        assertThat(ColumnSpelling.in(sql, "COLUMN_NAME")).isEqualTo("Column_Name");
        assertThat(ColumnSpelling.in(sql, "TABLE_SCHEMA")).isEqualTo("table_schema");
    }

    @Test
    void keepsTheColumnsOwnNameWhenTheStatementDoesNotSpellIt() {
        assertThat(ColumnSpelling.in("SELECT * FROM information_schema.tables", "TABLE_NAME")).isEqualTo("TABLE_NAME");
        // a string literal is not a spelling of the column
        assertThat(ColumnSpelling.in("SELECT 'table_name' FROM information_schema.tables", "TABLE_NAME")).isEqualTo("TABLE_NAME");
    }
}
