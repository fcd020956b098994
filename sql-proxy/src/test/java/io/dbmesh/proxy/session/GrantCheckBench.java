package io.dbmesh.proxy.session;

import io.dbmesh.proxy.config.UserConfig;
import io.dbmesh.proxy.sql.StatementClassifier;
import io.dbmesh.proxy.sql.StatementKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Not a test: what the grant check and the name mapping add to a text point select of a non-admin
 * (no backend involved). Run with -Ddbmesh.bench=true -Dtest=GrantCheckBench.
 */
@EnabledIfSystemProperty(named = "dbmesh.bench", matches = "true")
class GrantCheckBench {

    @Test
    void pointSelect() throws Exception {
        LogicalDatabases dbs = new LogicalDatabases(Map.of("app", new PassthroughDatabase("app", "ds0")),
                Map.of("app", List.of("app_physical")));
        UserConfig user = new UserConfig("app", "", Set.of("app"), "mysql_native_password");
        SessionState state = new SessionState();
        state.database = "app";
        state.serving = dbs.find("app");
        var client = new io.dbmesh.proxy.command.ClientInfo(1, "app", "app", TestBackend.CLIENT_PROTOCOL_41, 45, Map.of(), null, false);
        InformationSchemaAccess is = new InformationSchemaAccess(user, "localhost", dbs, state, List::of, t -> List.of());
        Authorization access = new Authorization(user, client, dbs, state, is);
        LogicalNames names = new LogicalNames(dbs, state);
        for (String sql : List.of("SELECT c FROM sbtest1 WHERE id=5017", "select c1_0.id, c1_0.name from customers c1_0 where c1_0.id=5")) {
            StatementKind kind = StatementClassifier.classify(sql);
            int n = 500_000;
            for (int round = 0; round < 3; round++) {
                long t0 = System.nanoTime();
                int sink = 0;
                for (int i = 0; i < n; i++) {
                    String checked = access.check(sql, kind);
                    sink += names.toPhysical(checked, kind, false).length();
                }
                System.out.printf("%s: %.3f us per statement (%d)%n", sql, (System.nanoTime() - t0) / 1e3 / n, sink);
                t0 = System.nanoTime();
                for (int i = 0; i < n; i++) sink += io.dbmesh.proxy.sql.SchemaReferences.find(sql, false).size();
                System.out.printf("  find: %.3f us%n", (System.nanoTime() - t0) / 1e3 / n);
                t0 = System.nanoTime();
                for (int i = 0; i < n; i++) sink += io.dbmesh.proxy.sql.DatabaseTargets.find(sql).size();
                System.out.printf("  targets: %.3f us%n", (System.nanoTime() - t0) / 1e3 / n);
                t0 = System.nanoTime();
                for (int i = 0; i < n; i++) sink += names.toPhysical(sql, kind, false).length();
                System.out.printf("  names: %.3f us%n", (System.nanoTime() - t0) / 1e3 / n);
            }
        }
    }
}
