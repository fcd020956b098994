package io.dbmesh.it.compat;

import io.dbmesh.it.MariaDbInstance;
import io.dbmesh.it.MariaDbServers;
import io.dbmesh.it.OrdersExample;
import io.dbmesh.it.SidecarFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hibernate (hbm2ddl update, CRUD, JPQL join, pagination, bulk update/delete) and Flyway (three
 * migrations) through a passthrough sidecar and the sharded orders example print what they print
 * on MariaDB itself. Each side starts from databases of its own.
 */
class OrmAndMigrationCompatTest {
    private static final long PID = ProcessHandle.current().pid();
    static MariaDbInstance db;
    static SidecarFixture passthrough;
    static SidecarFixture sharded;
    static final String DIRECT = "compat_orm_direct_" + PID, PHYSICAL = "compat_orm_pt_" + PID;
    static final String DS0 = "compat_orm_ds0_" + PID, DS1 = "compat_orm_ds1_" + PID;
    static final String FW_DIRECT = "compat_fw_direct_" + PID, FW_PHYSICAL = "compat_fw_pt_" + PID;

    @BeforeAll
    static void start() {
        db = MariaDbServers.shared();
        for (String d : List.of(DIRECT, PHYSICAL, FW_DIRECT, FW_PHYSICAL)) db.recreateDatabase(d);
        passthrough = SidecarFixture.start(multiPassthrough());
        sharded = OrdersExample.start(db, DS0, DS1);
    }

    /** Logical {@code app} and {@code migrated} on their own physical databases (other names than the logical ones). */
    private static io.dbmesh.proxy.config.DbmeshConfig multiPassthrough() {
        return new io.dbmesh.proxy.config.ConfigLoader(new io.dbmesh.proxy.config.EnvSubstitution(java.util.Map.<String, String>of()::get)).parse("""
                listener: {host: 127.0.0.1, port: 0}
                users: [{name: root, password: ""}]
                data_sources:
                  orm: {url: "%s", user: root, password: ""}
                  fw: {url: "%s", user: root, password: ""}
                databases:
                  app: {data_source: orm}
                  migrated: {data_source: fw}
                """.formatted(db.jdbcUrl(PHYSICAL), db.jdbcUrl(FW_PHYSICAL)), "orm-test.yaml", java.nio.file.Path.of("."));
    }

    @AfterAll
    static void stop() {
        if (passthrough != null) passthrough.close();
        if (sharded != null) sharded.close();
        db.execute("DROP DATABASE IF EXISTS " + DIRECT, "DROP DATABASE IF EXISTS " + PHYSICAL, "DROP DATABASE IF EXISTS " + DS0,
                "DROP DATABASE IF EXISTS " + DS1, "DROP DATABASE IF EXISTS " + FW_DIRECT, "DROP DATABASE IF EXISTS " + FW_PHYSICAL);
    }

    private static List<String> hibernateOnMariaDb() {
        db.recreateDatabase(DIRECT);
        List<String> lines = HibernateScenario.run(db.jdbcUrl(DIRECT));
        assertThat(lines).contains("orders left: 3", "page 2 of 2: [3, 4]");
        return lines;
    }

    @Test
    void hibernateOnPassthrough() {
        assertThat(HibernateScenario.run(passthrough.mariadbUrl("app"))).isEqualTo(hibernateOnMariaDb());
    }

    /** hbm2ddl update reads the example's tables through DatabaseMetaData; server-side prepared (values bound). */
    @Test
    void hibernateOnTheShardedExample() {
        assertThat(HibernateScenario.run(sharded.mariadbUrl("orders") + "?useServerPrepStmts=true")).isEqualTo(hibernateOnMariaDb());
    }

    /**
     * The same application on the example's tables as they are (no schema tool): CRUD, joins,
     * pagination, bulk writes; over server-side prepared statements (values bound, not escaped).
     */
    @Test
    void hibernateWithoutTheSchemaToolOnTheShardedExample() {
        assertThat(HibernateScenario.run(sharded.mariadbUrl("orders") + "?useServerPrepStmts=true", "none")).isEqualTo(hibernateOnMariaDb());
    }

    @Test
    void hibernateWithoutTheSchemaToolOnTheShardedExampleInTextMode() {
        assertThat(HibernateScenario.run(sharded.mariadbUrl("orders"), "none")).isEqualTo(hibernateOnMariaDb());
    }

    private static List<String> flywayOnMariaDb() throws Exception {
        db.recreateDatabase(FW_DIRECT);
        List<String> lines = FlywayScenario.run(db.jdbcUrl(FW_DIRECT));
        assertThat(lines).contains("first migrate: 3 migrations", "second migrate: 0 migrations", "row: 103 flyway three 7");
        return lines;
    }

    @Test
    void flywayOnPassthrough() throws Exception {
        assertThat(FlywayScenario.run(passthrough.mariadbUrl("migrated"))).isEqualTo(flywayOnMariaDb());
    }

    /**
     * The example's tables exist before Flyway's first migration, so Flyway finds the schema
     * non-empty, as it does on MariaDB holding the same table: it must be baselined there too.
     */
    @Test
    void flywayFindsTheShardedExampleNonEmptyAsMariaDbWithTheSameTables() {
        db.recreateDatabase(FW_DIRECT);
        db.execute("CREATE TABLE " + FW_DIRECT + ".t_user (user_id BIGINT PRIMARY KEY, name VARCHAR(64))");
        String direct = FlywayScenario.withoutBaseline(db.jdbcUrl(FW_DIRECT), FW_DIRECT);
        assertThat(direct).contains("non-empty schema").contains("<schema>");
        assertThat(FlywayScenario.withoutBaseline(sharded.mariadbUrl("orders"), "orders")).isEqualTo(direct);
    }

    @Test
    void flywayOnTheShardedExample() throws Exception {
        assertThat(FlywayScenario.run(sharded.mariadbUrl("orders"))).isEqualTo(flywayOnMariaDb());
    }
}
