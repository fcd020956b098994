package io.dbmesh.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String VALID = """
            listener: { host: 0.0.0.0, port: 3308, max_connections: 50, max_allowed_packet: 16MiB }
            users:
              - { name: root, password: "", databases: ["*"] }
              - { name: app, password: s3cret, databases: [demo], auth_plugin: caching_sha2_password }
            data_sources:
              ds0:
                url: "jdbc:mariadb://db.example:3306/demo_phys"
                user: dbuser
                password: dbpass
                pool: { max_size: 8, min_idle: 1, connection_timeout: 2s, idle_timeout: 5m, max_lifetime: 1h }
            databases:
              demo: { data_source: ds0 }
            """;

    @TempDir
    Path dir;
    private final Map<String, String> env = new HashMap<>();

    private DbmeshConfig parse(String yaml) {
        return new ConfigLoader(new EnvSubstitution(env::get)).parse(yaml, "test.yaml", dir);
    }

    /** Asserts the load fails at exactly this line with a message containing {@code problem}. */
    private void assertError(String yaml, int line, String problem) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.yaml:" + line + ":")
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((ConfigException) e).location().line()).isEqualTo(line));
    }

    @Test
    void bindsEveryField() {
        DbmeshConfig c = parse(VALID);
        assertThat(c.listener()).isEqualTo(new ListenerConfig("0.0.0.0", 3308, 50, 16L << 20, null));
        assertThat(c.tls().enabled()).isFalse();
        assertThat(c.users()).extracting(UserConfig::name).containsExactly("root", "app");
        UserConfig app = c.user("app").orElseThrow();
        assertThat(app.password()).isEqualTo("s3cret");
        assertThat(app.databases()).containsExactly("demo");
        assertThat(app.authPlugin()).isEqualTo("caching_sha2_password");
        assertThat(c.user("root").orElseThrow().authPlugin()).isEqualTo("mysql_native_password");
        DataSourceConfig ds0 = c.dataSources().get("ds0");
        assertThat(ds0.url()).isEqualTo("jdbc:mariadb://db.example:3306/demo_phys");
        assertThat(ds0.jdbcUrl().database()).isEqualTo("demo_phys");
        assertThat(ds0.user()).isEqualTo("dbuser");
        assertThat(ds0.password()).isEqualTo("dbpass");
        assertThat(ds0.pool()).isEqualTo(new DataSourceConfig.PoolConfig(8, 1, Duration.ofSeconds(2),
                Duration.ofMinutes(5), Duration.ofHours(1)));
        assertThat(c.databases().get("demo")).isEqualTo(new LogicalDatabaseConfig("demo", "ds0"));
    }

    @Test
    void appliesDefaults() {
        DbmeshConfig c = parse("""
                users: [{ name: root }]
                data_sources: { ds0: { url: "jdbc:mariadb://localhost/demo", user: root } }
                databases: { demo: { data_source: ds0 } }
                """);
        assertThat(c.listener()).isEqualTo(new ListenerConfig("127.0.0.1", 3307, 1024, 64L << 20, null));
        assertThat(c.user("root").orElseThrow().password()).isEmpty();
        assertThat(c.user("root").orElseThrow().mayUse("anything")).isTrue();
        assertThat(c.dataSources().get("ds0").password()).isEmpty();
        assertThat(c.dataSources().get("ds0").pool()).isEqualTo(DataSourceConfig.PoolConfig.DEFAULT);
        assertThat(c.dataSources().get("ds0").jdbcUrl().hosts()).containsExactly(new JdbcUrl.HostPort("localhost", 3306));
    }

    @Test
    void substitutesEnvironmentVariablesWithDefaults() {
        env.put("DB_HOST", "10.0.0.7");
        env.put("DS0_PASSWORD", "from-env");
        env.put("PORT", "4000");
        DbmeshConfig c = parse("""
                listener: { port: "${PORT:3307}" }
                users: [{ name: "${ADMIN:root}", password: "${ADMIN_PASSWORD:}" }]
                data_sources:
                  ds0: { url: "jdbc:mariadb://${DB_HOST:127.0.0.1}:${DB_PORT:3306}/demo", user: "${DS0_USER:root}", password: "${DS0_PASSWORD:}" }
                databases: { demo: { data_source: ds0 } }
                """);
        assertThat(c.listener().port()).isEqualTo(4000);
        assertThat(c.user("root")).isPresent();
        assertThat(c.user("root").orElseThrow().password()).isEmpty();
        assertThat(c.dataSources().get("ds0").url()).isEqualTo("jdbc:mariadb://10.0.0.7:3306/demo");
        assertThat(c.dataSources().get("ds0").user()).isEqualTo("root");
        assertThat(c.dataSources().get("ds0").password()).isEqualTo("from-env");
    }

    @Test
    void envSubstitutionEscapesAndErrors() {
        EnvSubstitution subst = new EnvSubstitution(Map.of("A", "x")::get);
        ConfigLocation at = new ConfigLocation("f.yaml", 3, 9);
        assertThat(subst.apply("$${A} ${A} ${B:d:e} ${C:}", at)).isEqualTo("${A} x d:e ");
        assertThat(subst.apply("no refs", at)).isEqualTo("no refs");
        assertThatThrownBy(() -> subst.apply("${MISSING}", at))
                .hasMessage("f.yaml:3:9: environment variable MISSING is not set and has no default (write ${MISSING:default})");
        assertThatThrownBy(() -> subst.apply("${A", at)).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> subst.apply("${1A}", at)).hasMessageContaining("not a valid environment reference");
    }

    @Test
    void unsetVariableWithoutDefaultNamesTheLine() {
        assertError("""
                users: [{ name: root }]
                data_sources:
                  ds0: { url: "${DS0_URL}", user: root }
                databases: { demo: { data_source: ds0 } }
                """, 3, "environment variable DS0_URL is not set");
    }

    @Test
    void rejectsUnknownTopLevelKeyBeforeAnythingElse() {
        assertError(VALID + "data_source: { }\n", 13, "unknown key 'data_source' in the top level (expected one of:");
    }

    @Test
    void rejectsUnknownNestedKeyAtItsColumn() {
        assertThatThrownBy(() -> parse(VALID.replace("max_size: 8,", "max_sise: 8,")))
                .hasMessageStartingWith("test.yaml:10:13: unknown key 'max_sise' in 'data_sources.ds0.pool'");
        assertError(VALID.replace("demo: { data_source: ds0 }", "demo: { data_source: ds0, shards: 2 }"), 12,
                "unknown key 'shards' in 'databases.demo'");
        assertError(VALID.replace("auth_plugin: caching", "plugin: caching"), 4, "unknown key 'plugin' in 'users[1]'");
        assertError(VALID.replace("max_allowed_packet", "max_packet"), 1, "unknown key 'max_packet' in 'listener'");
        assertError(VALID + "tls: { enable: true }\n", 13, "unknown key 'enable' in 'tls'");
    }

    @Test
    void bindsLimitsWithSafeDefaults() {
        assertThat(parse(VALID).limits()).isEqualTo(LimitsConfig.DEFAULT);
        DbmeshConfig c = parse(VALID + """
                limits:
                  pre_auth_packet: 8KiB
                  prepared_statements_per_connection: 10
                  prepared_statements: 100
                  prepared_statement_bytes: 1MiB
                  long_data_per_statement: 2MiB
                  failed_logins: { delay_after: 2, delay: 100ms, max_delay: 2s, block_after: 5, block_for: 30s }
                """);
        assertThat(c.limits()).isEqualTo(new LimitsConfig(8 << 10, 10, 100, 1L << 20, 2L << 20,
                new LimitsConfig.FailedLogins(2, Duration.ofMillis(100), Duration.ofSeconds(2), 5, Duration.ofSeconds(30))));
    }

    @Test
    void rejectsBadLimitsAtTheirLine() {
        assertError(VALID + "limits:\n  pre_auth_packet: 100\n", 14, "'limits.pre_auth_packet' must be between 1024 and");
        assertError(VALID + "limits:\n  prepared_statement: 5\n", 14, "unknown key 'prepared_statement' in 'limits'");
        assertError(VALID + "limits:\n  prepared_statements: 10\n  prepared_statements_per_connection: 20\n", 15,
                "must not exceed 'limits.prepared_statements'");
        assertError(VALID + "limits:\n  failed_logins: { delay: 2s, max_delay: 1s }\n", 14,
                "'limits.failed_logins.max_delay' (1000ms) must not be shorter than");
        assertError(VALID + "limits:\n  failed_logins: { delay_after: 5, block_after: 2 }\n", 14,
                "'limits.failed_logins.block_after' (2) must be 0 (never block) or at least 'delay_after' (5)");
    }

    @Test
    void rejectsWrongTypes() {
        assertError(VALID.replace("port: 3308", "port: abc"), 1, "'listener.port' must be a whole number, got 'abc'");
        assertError("listener: 3307\n" + VALID.substring(VALID.indexOf('\n') + 1), 1, "'listener' must be a mapping, not a scalar");
        assertError(VALID.replace("max_connections: 50", "max_connections: [50]"), 1, "'listener.max_connections' must be a text value, not a list");
        assertError(VALID.replace("max_allowed_packet: 16MiB", "max_allowed_packet: lots"), 1, "must be a size like");
        assertError(VALID.replace("connection_timeout: 2s", "connection_timeout: 2 days"), 10, "must be a duration like");
        assertError(VALID + "tls: { enabled: maybe }\n", 13, "'tls.enabled' must be true or false, got 'maybe'");
        assertError("users: { name: root }\n", 1, "'users' must be a list, not a mapping");
    }

    @Test
    void rejectsMissingRequiredFields() {
        assertError(VALID.replace("url: \"jdbc:mariadb://db.example:3306/demo_phys\"", "host: db"), 7,
                "unknown key 'host' in 'data_sources.ds0' (expected one of: url, user, password, pool, replicas");
        assertError("""
                users: [{ name: root }]
                data_sources:
                  ds0: { user: root }
                databases: { demo: { data_source: ds0 } }
                """, 3, "missing required key 'url' in 'data_sources.ds0'");
        assertError("""
                users: [{ password: x }]
                """, 1, "missing required key 'name' in 'users[0]'");
        assertError("""
                users: [{ name: root }]
                data_sources: { ds0: { url: "jdbc:mariadb://localhost/demo", user: root } }
                databases:
                  demo: { }
                """, 4, "logical database 'demo' needs a 'data_source'");
        assertError("listener: { port: 3307 }\n", 1, "no users are defined");
    }

    @Test
    void rejectsBadPorts() {
        assertError(VALID.replace("port: 3308", "port: 70000"), 1, "'listener.port' must be between 0 and 65535, got '70000'");
        assertError(VALID.replace("port: 3308", "port: -1"), 1, "must be between 0 and 65535");
        assertError(VALID.replace("db.example:3306", "db.example:99999"), 7, "port 99999 is out of range 1-65535");
        assertError(VALID.replace("db.example:3306", "db.example:x"), 7, "port 'x' is not a number");
    }

    @Test
    void rejectsDuplicateNames() {
        assertError(VALID.replace("name: app,", "name: root,"), 4, "user 'root' is defined twice");
        assertError(VALID + "  demo: { data_source: ds0 }\n", 13, "duplicate key 'demo' (first written at line 12)");
        assertError(VALID + "  DEMO: { data_source: ds0 }\n", 13, "logical database 'DEMO' is defined twice");
        assertError(VALID + "listener: { port: 1 }\n", 13, "duplicate key 'listener'");
    }

    @Test
    void rejectsReferenceToUnknownDataSource() {
        assertError(VALID.replace("data_source: ds0", "data_source: ds9"), 12,
                "logical database 'demo' refers to unknown data source 'ds9' (defined: ds0)");
    }

    @Test
    void rejectsGrantOfUnknownDatabase() {
        assertError(VALID.replace("databases: [demo]", "databases: [demo, shop]"), 4,
                "user 'app' is granted unknown logical database 'shop'");
    }

    @Test
    void rejectsBadJdbcUrls() {
        assertError(VALID.replace("jdbc:mariadb://db.example:3306/demo_phys", "jdbc:postgresql://db/x"), 7,
                "'data_sources.ds0.url' is not a usable JDBC URL (jdbc:postgresql://db/x): expected jdbc:mariadb://host:port/database");
        assertError(VALID.replace("jdbc:mariadb://db.example:3306/demo_phys", "jdbc:mariadb://db.example:3306"), 7,
                "the URL names no database");
        assertError(VALID.replace("jdbc:mariadb://db.example:3306/demo_phys", "jdbc:mariadb:///demo"), 7,
                "the URL names no host");
    }

    @Test
    void rejectsUnknownAuthPlugin() {
        assertError(VALID.replace("caching_sha2_password", "sha256_password"), 4,
                "unknown auth plugin 'sha256_password' for user 'app' (supported: caching_sha2_password, mysql_native_password)");
    }

    @Test
    void reportsYamlSyntaxErrorsWithLine() {
        assertThatThrownBy(() -> parse("users:\n  - name: root\n    password: [unclosed\ndatabases: {}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.yaml:")
                .hasMessageContaining("invalid YAML");
        assertError("users: [{ name: root }]\ndata_sources:\n  ds0: { url: x\n  ds1: 2\n", 4, "invalid YAML");
    }

    @Test
    void checksTlsFiles() throws Exception {
        assertError(VALID + "tls: { enabled: true, certificate: missing.pem, private_key: key.pem }\n", 13,
                "'tls.certificate' file " + dir.resolve("missing.pem") + " does not exist");
        Files.writeString(dir.resolve("cert.pem"), "x");
        Files.writeString(dir.resolve("key.pem"), "y");
        DbmeshConfig c = parse(VALID + "tls: { enabled: true, certificate: cert.pem, private_key: key.pem, required: true }\n");
        assertThat(c.tls()).isEqualTo(new TlsConfig(true, dir.resolve("cert.pem"), dir.resolve("key.pem"), true));
        assertError(VALID + "tls: { enabled: true, certificate: cert.pem }\n", 13, "needs both certificate and private_key");
        assertError(VALID + "tls: { enabled: false, required: true }\n", 13, "'tls.required' is true but 'tls.enabled' is false");
        assertThat(parse(VALID + "tls: { enabled: true }\n").tls()).isEqualTo(TlsConfig.SELF_SIGNED);
    }

    @Test
    void secretsNeverAppearInToStringOrErrors() {
        DbmeshConfig c = parse(VALID);
        assertThat(c.toString()).doesNotContain("s3cret").doesNotContain("dbpass").contains("password=***");
        String withUrlPassword = VALID.replace("/demo_phys", "/demo_phys?user=x&password=urlsecret");
        assertThat(parse(withUrlPassword).toString()).doesNotContain("urlsecret");
        assertThatThrownBy(() -> parse(withUrlPassword.replace("db.example:3306", "db.example:0")))
                .hasMessageNotContaining("urlsecret").hasMessageContaining("password=***");
        assertThatThrownBy(() -> parse(VALID.replace("password: dbpass", "password: [dbpass]")))
                .hasMessageNotContaining("dbpass");
    }

    private static final String SHARDED = """
            users: [{ name: root }]
            data_sources:
              ds_0: { url: "jdbc:mariadb://127.0.0.1:3306/shard_a", user: root }
              ds_1: { url: "jdbc:mariadb://127.0.0.1:3306/shard_b", user: root }
            databases:
              orders:
                sharding:
                  tables:
                    t_order:
                      key: user_id
                      nodes: ds_[0..1].t_order_[0..1]
                      database: mod
                      table: { algorithm: expression, expression: "user_id / 2 % 2" }
                  broadcast: [t_region]
                  single: { t_config: ds_0 }
            """;

    @Test
    void bindsShardingRulesWithTheEngine() {
        LogicalDatabaseConfig orders = parse(SHARDED).databases().get("orders");
        assertThat(orders.sharded()).isTrue();
        assertThat(orders.dataSource()).isNull();
        assertThat(orders.sharding().dataSources()).containsExactly("ds_0", "ds_1");
        assertThat(orders.sharding().sharded()).containsKey("t_order");
        assertThat(orders.sharding().broadcast()).containsExactly("t_region");
    }

    @Test
    void shardingRuleErrorsPointIntoTheFile() {
        assertError(SHARDED.replaceAll("(?m)^ *key: user_id\\n", ""), 9,
                "'databases.orders.sharding.tables.t_order': the shard key column 'key' is missing");
        assertError(SHARDED.replace("single: { t_config: ds_0 }", "single: { t_config: ds_9 }"), 15,
                "'databases.orders.sharding.single.t_config'");
        assertError(SHARDED.replace("tables:", "tabels:"), 8, "unknown key 'tabels'");
    }

    @Test
    void shardingSeesUnquotedNumbersAsNumbers() {
        ConfigNode node = YamlTree.read("a: 2\nb: \"2\"\nc: true\nd: x\ne: [1, y]\n", "t", new EnvSubstitution(k -> null));
        var json = ConfigNodes.toJson(node);
        assertThat(json.get("a").canConvertToInt()).isTrue();
        assertThat(json.get("b").isTextual()).isTrue();
        assertThat(json.get("c").isBoolean()).isTrue();
        assertThat(json.get("d").asText()).isEqualTo("x");
        assertThat(json.get("e").get(0).asInt()).isEqualTo(1);
        assertThat(ConfigNodes.locate(node, List.of("e", "1")).line()).isEqualTo(5);
        assertThat(ConfigNodes.locate(node, List.of("e", "1")).column()).isEqualTo(8);
        assertThat(ConfigNodes.locate(node, List.of("d")).column()).isEqualTo(1);
        assertThat(ConfigNodes.locate(node, List.of("missing")).line()).isEqualTo(1);
    }

    @Test
    void parsesSizesAndDurations() {
        assertThat(ConfigValues.parseSize("65536")).isEqualTo(65536);
        assertThat(ConfigValues.parseSize("64KiB")).isEqualTo(64 * 1024);
        assertThat(ConfigValues.parseSize("16M")).isEqualTo(16L << 20);
        assertThat(ConfigValues.parseSize("1 GiB")).isEqualTo(1L << 30);
        assertThat(ConfigValues.parseSize("1.5G")).isEqualTo(-1);
        assertThat(ConfigValues.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(ConfigValues.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(ConfigValues.parseDuration("soon")).isNull();
    }

    @Test
    void jdbcUrlParts() {
        JdbcUrl url = JdbcUrl.parse("jdbc:mariadb:replication://h1:3306,h2:3307/shop?useSsl=false&password=p");
        assertThat(url.haMode()).isEqualTo("replication");
        assertThat(url.hosts()).extracting(JdbcUrl.HostPort::port).containsExactly(3306, 3307);
        assertThat(url.database()).isEqualTo("shop");
        assertThat(url.serverUrl()).isEqualTo("jdbc:mariadb:replication://h1:3306,h2:3307/?useSsl=false&password=p");
        assertThat(url.toString()).isEqualTo("jdbc:mariadb:replication://h1:3306,h2:3307/shop?useSsl=false&password=***");
        assertThat(List.of(url.options().keySet().toArray())).containsExactly("useSsl", "password");
        assertThat(Set.of("mysql")).contains(JdbcUrl.parse("jdbc:mysql://h/db").scheme());
    }

    @Test
    void reportsUnreadableFileWithoutLocation() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cannot read config file " + dir.resolve("nope.yaml"));
    }
}
