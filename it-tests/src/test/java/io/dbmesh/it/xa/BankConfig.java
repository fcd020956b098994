package io.dbmesh.it.xa;

import io.dbmesh.it.MariaDbInstance;
import io.dbmesh.it.SidecarFixture;

import java.util.Map;

/**
 * A sharded logical database {@code bank} over two data sources: {@code account(id, balance)} split
 * by {@code id % 2} (even ids on ds_0, odd on ds_1), {@code ledger(tid, acct, amount)} split by
 * {@code acct % 2} (a transfer's row for each account lives with the account), and a
 * {@code transactions:} section.
 */
final class BankConfig {
    private BankConfig() {
    }

    /** YAML for the bank over {@code db0}/{@code db1} (physical database names) on the given servers. */
    static String yaml(MariaDbInstance s0, String db0, MariaDbInstance s1, String db1, String transactions) {
        return """
                listener: {host: 127.0.0.1, port: 0}
                users: [{name: root, password: "", admin: true}, {name: teller, password: "teller"}]
                data_sources:
                  ds_0: {url: "%s", user: %s, password: "%s", pool: {max_size: 24, min_idle: 1}}
                  ds_1: {url: "%s", user: %s, password: "%s", pool: {max_size: 24, min_idle: 1}}
                databases:
                  bank:
                    sharding:
                      default_data_source: ds_0
                      tables:
                        account: {key: id, nodes: "ds_[0..1].account", algorithm: mod}
                        ledger: {key: acct, nodes: "ds_[0..1].ledger", algorithm: mod}
                      schema:
                        - CREATE TABLE IF NOT EXISTS account (id BIGINT PRIMARY KEY, balance BIGINT NOT NULL)
                        - CREATE TABLE IF NOT EXISTS ledger (tid BIGINT NOT NULL, acct BIGINT NOT NULL, amount BIGINT NOT NULL, PRIMARY KEY (tid, acct))
                    transactions: %s
                """.formatted(s0.jdbcUrl(db0), s0.user(), s0.password(), s1.jdbcUrl(db1), s1.user(), s1.password(), transactions);
    }

    /** A sidecar serving the bank over {@code db0}/{@code db1} on one server, both dropped first (leftovers of a killed run). */
    static SidecarFixture start(MariaDbInstance server, String db0, String db1, String transactions) {
        server.execute("DROP DATABASE IF EXISTS " + db0, "DROP DATABASE IF EXISTS " + db1);
        return SidecarFixture.fromYaml(yaml(server, db0, server, db1, transactions), Map.of());
    }

    /** Closes what {@link #start} opened and drops both databases. */
    static void stop(SidecarFixture sidecar, MariaDbInstance server, String db0, String db1) {
        if (sidecar != null) sidecar.close();
        if (server != null) server.execute("DROP DATABASE IF EXISTS " + db0, "DROP DATABASE IF EXISTS " + db1);
    }
}
