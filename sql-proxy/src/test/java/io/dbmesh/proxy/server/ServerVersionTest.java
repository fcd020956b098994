package io.dbmesh.proxy.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerVersionTest {
    @Test
    void mariaDbStyleVersionsGetThePrefixAndTheMariaDbMark() {
        assertThat(ServerVersion.announced("10.11.0-dbmesh")).isEqualTo("5.5.5-10.11.0-MariaDB-dbmesh");
        assertThat(ServerVersion.announced("11.4.2")).isEqualTo("5.5.5-11.4.2-MariaDB");
        assertThat(ServerVersion.announced("10.6.1-MariaDB-log")).isEqualTo("5.5.5-10.6.1-MariaDB-log");
        assertThat(ServerVersion.announced(null)).isEqualTo("5.5.5-10.11.0-MariaDB-dbmesh");
    }

    @Test
    void prefixedOrMySqlVersionsAreKept() {
        assertThat(ServerVersion.announced("5.5.5-10.11.0-MariaDB")).isEqualTo("5.5.5-10.11.0-MariaDB");
        assertThat(ServerVersion.announced("8.0.36-dbmesh")).isEqualTo("8.0.36-dbmesh");
    }

    @Test
    void versionFunctionAnswersWithoutTheHandshakePrefix() {
        assertThat(ServerVersion.reported("10.11.0-dbmesh")).isEqualTo("10.11.0-MariaDB-dbmesh");
        assertThat(ServerVersion.reported("8.0.36")).isEqualTo("8.0.36");
    }
}
