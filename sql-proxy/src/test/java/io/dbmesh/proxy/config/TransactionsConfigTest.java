package io.dbmesh.proxy.config;

import io.dbmesh.txn.TransactionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** YAML binding of a logical database's {@code transactions:} section, and its errors with file:line:column. */
class TransactionsConfigTest {
    @TempDir
    Path dir;

    private static final String HEAD = """
            users: [{ name: root }]
            data_sources:
              ds_0: { url: "jdbc:mariadb://a/x0", user: root }
              ds_1: { url: "jdbc:mariadb://b/x1", user: root }
            databases:
              shop:
                sharding:
                  default_data_source: ds_1
                  tables: { t: { key: id, nodes: "ds_[0..1].t", algorithm: mod } }
            """;

    private DbmeshConfig parse(String yaml) {
        return new ConfigLoader(new EnvSubstitution(Map.<String, String>of()::get)).parse(yaml, "test.yaml", dir);
    }

    private void assertError(String yaml, String position, String problem) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.yaml:" + position + ":")
                .hasMessageContaining(problem);
    }

    @Test
    void defaultsToLocalWithoutALog() {
        TransactionsConfig t = parse(HEAD).databases().get("shop").transactions();
        assertThat(t.mode()).isEqualTo(TransactionMode.LOCAL);
        assertThat(t.needsLog()).isFalse();
    }

    @Test
    void xaWithEveryKey() {
        TransactionsConfig t = parse(HEAD + "    transactions: {mode: xa, log: {data_source: ds_0}, recovery_interval: 5s,"
                + " lease: 10s, timeout: 2m}\n").databases().get("shop").transactions();
        assertThat(t.mode()).isEqualTo(TransactionMode.XA);
        assertThat(t.logDataSource()).isEqualTo("ds_0");
        assertThat(t.recoveryInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(t.lease()).isEqualTo(Duration.ofSeconds(10));
        assertThat(t.timeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void theLogDefaultsToTheDefaultDataSource() {
        TransactionsConfig t = parse(HEAD + "    transactions: {mode: xa}\n").databases().get("shop").transactions();
        assertThat(t.logDataSource()).isEqualTo("ds_1");
        assertThat(t.recoveryInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void errorsPointAtTheKey() {
        assertError(HEAD + "    transactions: {mode: seata}\n", "10", "unknown transaction mode 'seata'");
        assertError(HEAD + "    transactions: {mode: xa, log: {data_source: ds_9}}\n", "10", "unknown data source 'ds_9'");
        assertError(HEAD + "    transactions: {mode: xa, lease: 10s, timeout: 5s}\n", "10", "must be at least the lease");
        assertError(HEAD + "    transactions: {mode: xa, recovery: 1s}\n", "10", "unknown key 'recovery'");
        assertError(HEAD + "    transactions: {mode: xa, recovery_interval: 10ms}\n", "10", "must be at least 1000ms");
    }

    @Test
    void xaNeedsAShardedDatabase() {
        assertError("""
                users: [{ name: root }]
                data_sources: { ds_0: { url: "jdbc:mariadb://a/x0", user: root } }
                databases:
                  app:
                    data_source: ds_0
                    transactions:
                      mode: xa
                """, "7", "needs a sharded database");
    }
}
