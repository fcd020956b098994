package io.dbmesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbmesh.proxy.config.UserConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Wrong credentials, unknown databases and missing grants get the errors a MySQL server gives. */
class LoginErrorsTest {
    private static SidecarFixture sidecar;

    @BeforeAll
    static void start() {
        MariaDbInstance db = MariaDbServers.shared();
        db.recreateDatabase("it_login");
        sidecar = SidecarFixture.start(SidecarFixture.passthroughConfig(db, "it_login", "shop", List.of(
                new UserConfig("app", "s3cret", Set.of("shop"), "mysql_native_password"),
                new UserConfig("admin", "adm1n", Set.of("*"), "mysql_native_password"),
                new UserConfig("reporting", "r3port", Set.of("other"), "mysql_native_password"))));
    }

    @AfterAll
    static void stop() {
        if (sidecar != null) {
            sidecar.close();
        }
        MariaDbServers.shared().execute("DROP DATABASE IF EXISTS it_login");
    }

    private static String url(String driver, String database) {
        return (driver.equals("mariadb") ? sidecar.mariadbUrl(database) : sidecar.mysqlUrl(database) + "?sslMode=DISABLED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void rightPasswordGetsIn(String driver) throws Exception {
        try (Connection c = DriverManager.getConnection(url(driver, "shop"), "app", "s3cret");
             ResultSet rs = c.createStatement().executeQuery("SELECT DATABASE()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("shop");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void wrongPasswordIsAccessDenied(String driver) {
        SQLException e = catchThrowableOfType(SQLException.class,
                () -> DriverManager.getConnection(url(driver, "shop"), "app", "wrong").close());
        assertThat(e.getErrorCode()).isEqualTo(1045);
        assertThat(e.getSQLState()).isEqualTo("28000");
        assertThat(e.getMessage()).contains("Access denied for user 'app'").contains("using password: YES");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void unknownUserIsAccessDenied(String driver) {
        SQLException e = catchThrowableOfType(SQLException.class,
                () -> DriverManager.getConnection(url(driver, "shop"), "nobody", "x").close());
        assertThat(e.getErrorCode()).isEqualTo(1045);
        assertThat(e.getSQLState()).isEqualTo("28000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void unknownDatabaseIsError1049(String driver) {
        SQLException e = catchThrowableOfType(SQLException.class,
                () -> DriverManager.getConnection(url(driver, "nosuchdb"), "admin", "adm1n").close());
        assertThat(e.getErrorCode()).isEqualTo(1049);
        assertThat(e.getSQLState()).isEqualTo("42000");
        assertThat(e.getMessage()).contains("Unknown database 'nosuchdb'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void missingGrantIsReportedBeforeAMissingDatabase(String driver) {
        // as MySQL does: a user must not learn which databases exist outside their grants
        SQLException e = catchThrowableOfType(SQLException.class,
                () -> DriverManager.getConnection(url(driver, "nosuchdb"), "app", "s3cret").close());
        assertThat(e.getErrorCode()).isEqualTo(1044);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void databaseWithoutGrantIsError1044(String driver) {
        SQLException e = catchThrowableOfType(SQLException.class,
                () -> DriverManager.getConnection(url(driver, "shop"), "reporting", "r3port").close());
        assertThat(e.getErrorCode()).isEqualTo(1044);
        assertThat(e.getSQLState()).isEqualTo("42000");
        assertThat(e.getMessage()).contains("Access denied for user 'reporting'").contains("to database 'shop'");
    }
}
