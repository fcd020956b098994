package io.dbmesh.proxy.sql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaReferencesTest {

    private static List<String> schemas(String sql) {
        return SchemaReferences.find(sql, false).stream()
                .filter(r -> r.role() != SchemaReferences.Role.UNCERTAIN)
                .map(SchemaReferences.Reference::schema).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM secret.t",
            "SELECT * FROM `secret`.`t`",
            "SELECT * FROM secret . t",
            "SELECT * FROM secret/**/.t",
            "select * from app_t a join secret.t b on a.id = b.id",
            "SELECT * FROM t1 JOIN t2 ON t1.a = t2.a, secret.t",
            "SELECT * FROM t1, secret.t",
            "SELECT * FROM (secret.t)",
            "SELECT * FROM ((t1 JOIN secret.t ON 1))",
            "SELECT (SELECT x FROM secret.t LIMIT 1)",
            "SELECT * FROM t WHERE id IN (SELECT id FROM secret.t)",
            "SELECT * FROM t WHERE EXISTS (TABLE secret.t)",
            "TABLE secret.t",
            "INSERT INTO secret.t VALUES (1)",
            "INSERT secret.t VALUES (1)",
            "REPLACE INTO secret.t SET a = 1",
            "UPDATE secret.t SET a = 1",
            "DELETE FROM secret.t",
            "DELETE a FROM a JOIN secret.t ON 1",
            "DESCRIBE secret.t",
            "EXPLAIN secret.t",
            "SHOW COLUMNS FROM secret.t",
            "SHOW INDEX IN secret.t",
            "SHOW CREATE TABLE secret.t",
            "CREATE TABLE x LIKE secret.t",
            "CREATE TABLE x AS SELECT * FROM secret.t",
            "CREATE VIEW v AS SELECT * FROM secret.t",
            "CREATE TABLE x (a INT, FOREIGN KEY (a) REFERENCES secret.t (id))",
            "ALTER TABLE x RENAME secret.t",
            "RENAME TABLE x TO secret.t",
            "DROP TABLE x, secret.t",
            "LOCK TABLES x READ, secret.t WRITE",
            "TRUNCATE secret.t",
            "HANDLER secret.t OPEN",
            "CALL secret.p()",
            "SELECT secret.f(1)",
            "SELECT secret.t.c FROM secret.t",
            "SELECT secret.t.* FROM x",
            "SELECT NEXT VALUE FOR secret.s",
            "SELECT NEXTVAL(secret.s)",
            "CREATE INDEX i ON secret.t (a)",
            "CREATE TRIGGER tr BEFORE INSERT ON secret.t FOR EACH ROW SET @x = 1",
            "SELECT * FROM \"secret\".\"t\"",
            "SELECT * FROM secret.2fa",
            "WITH c AS (SELECT * FROM secret.t) SELECT * FROM c",
            "SELECT 1 UNION SELECT a FROM secret.t",
            "SELECT * FROM t1 NATURAL JOIN secret.t",
            "SELECT * FROM t1 STRAIGHT_JOIN secret.t",
            "SELECT EXTRACT(YEAR FROM d) FROM secret.t",
    })
    void namesTheSchema(String sql) {
        assertThat(schemas(sql)).contains("secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT c1_0.id, c1_0.name FROM customers c1_0 WHERE c1_0.id = ?",
            "select o1_0.id from orders o1_0 join customers c1_0 on c1_0.id = o1_0.customer_id where c1_0.name like ? order by c1_0.name desc, o1_0.id",
            "SELECT t.* FROM t",
            "SELECT COUNT(t.id) FROM t GROUP BY t.x HAVING SUM(t.y) > 1",
            "UPDATE t1 JOIN t2 ON t1.a = t2.a SET t1.x = t2.y WHERE t1.id = 5",
            "INSERT INTO t (a) SELECT s.a FROM s ON DUPLICATE KEY UPDATE a = s.a",
            "SELECT EXTRACT(YEAR FROM t.d), TRIM(LEADING 'x' FROM t.s) FROM t",
            "SELECT CASE WHEN t.a THEN t.b ELSE t.c END FROM t",
            "SELECT 1.5, .5, 1e3, 0x1F",
            "SELECT 'secret.t', `a.b` FROM t",
            "SELECT * FROM t WHERE t.a IN (1, 2) AND t.b BETWEEN 1 AND 2",
            "SELECT DISTINCT t.a FROM t",
            "SELECT @x.y",
    })
    void noSchema(String sql) {
        assertThat(schemas(sql)).isEmpty();
    }

    @Test
    void stringsAreReadAsTheSessionsSqlModeReadsThem() {
        // with backslash escapes the string runs to the end; without, it is '\' and secret.t is code
        String sql = "SELECT '\\', x FROM secret.t -- '";
        assertThat(SchemaReferences.find(sql, false)).isEmpty();
        assertThat(SchemaReferences.find(sql, true)).extracting(SchemaReferences.Reference::schema).containsExactly("secret");
    }
}
