package io.dbmesh.it.compat;

import java.util.List;

import static io.dbmesh.it.compat.ExternalProgram.python;
import static io.dbmesh.it.compat.ExternalProgram.script;

/** The external client programs of the matrix (the Java ones run in the test JVM: {@link JdbcProgram}). */
final class Clients {

    private Clients() {
    }

    private static List<String> args(Endpoint e, int base) {
        return List.of(e.host(), String.valueOf(e.port()), e.user(), e.database(), String.valueOf(base));
    }

    private static List<String> concat(List<String> head, List<String> tail) {
        return java.util.stream.Stream.concat(head.stream(), tail.stream()).toList();
    }

    static final ExternalProgram PYMYSQL = new ExternalProgram("PyMySQL", List.of(python(), "-c", "import pymysql"),
            "Debian package python3-pymysql", (e, b) -> concat(List.of(python(), script("dbapi.py"), "pymysql"), args(e, b)));

    static final ExternalProgram MYSQLCLIENT = new ExternalProgram("mysqlclient", List.of(python(), "-c", "import MySQLdb"),
            "Debian package python3-mysqldb", (e, b) -> concat(List.of(python(), script("dbapi.py"), "mysqldb"), args(e, b)));

    static final ExternalProgram SQLALCHEMY = new ExternalProgram("SQLAlchemy",
            List.of(python(), "-c", "import sqlalchemy, pymysql"),
            "Debian packages python3-sqlalchemy python3-pymysql",
            (e, b) -> concat(List.of(python(), script("sqlalchemy_prog.py")), args(e, b)));

    static final ExternalProgram PHP_PDO = new ExternalProgram("PHP PDO", List.of("php", "-r", "exit(extension_loaded('pdo_mysql') ? 0 : 1);"),
            "Debian packages php-cli php-mysql", (e, b) -> concat(List.of("php", script("php_prog.php"), "pdo"), args(e, b)));

    static final ExternalProgram PHP_MYSQLI = new ExternalProgram("PHP mysqli", List.of("php", "-r", "exit(extension_loaded('mysqli') ? 0 : 1);"),
            "Debian packages php-cli php-mysql", (e, b) -> concat(List.of("php", script("php_prog.php"), "mysqli"), args(e, b)));

    static final ExternalProgram PERL_DBD_MARIADB = new ExternalProgram("Perl DBD::MariaDB", List.of("perl", "-MDBD::MariaDB", "-e", "1"),
            "Debian package libdbd-mariadb-perl", (e, b) -> concat(List.of("perl", script("dbd_mariadb.pl")), args(e, b)));

    static final ExternalProgram NODE_MYSQL2 = new ExternalProgram("Node mysql2", List.of("node", "-e", "require('mysql2')"),
            "nodejs and `npm install mysql2` into " + ExternalProgram.nodeModules().getParent() + " (.ci/run does it)",
            (e, b) -> concat(List.of("node", script("mysql2_prog.js")), args(e, b)));

    static final ExternalProgram MARIADB_CLI = new ExternalProgram("mariadb CLI", List.of("mariadb", "--version"),
            "Debian package mariadb-client", (e, b) -> List.of("sh", script("mariadb_cli.sh"), e.host(), String.valueOf(e.port()),
            e.user(), e.database(), String.valueOf(b)));

    static final ExternalProgram MARIADB_ADMIN = new ExternalProgram("mariadb-admin", List.of("mariadb-admin", "--version"),
            "Debian package mariadb-client", (e, b) -> List.of("sh", script("mariadb_admin.sh"), e.host(), String.valueOf(e.port()),
            e.user(), e.database(), String.valueOf(b)));
}
