package io.dbmesh.proxy.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import io.dbmesh.sharding.algorithm.ShardFunctions;
import io.dbmesh.sharding.rule.RuleException;
import io.dbmesh.sharding.rule.ShardingRules;
import io.dbmesh.sharding.rule.ShardingRulesBinder;

/**
 * Loads and validates a dbmesh YAML config into {@link DbmeshConfig}. Keys are snake_case; values
 * may use {@code ${ENV_VAR:default}}. Every problem is reported as a {@link ConfigException} whose
 * message names the file, line and column, so the sidecar can refuse to start with one clear line.
 * The layout is documented in README.md ("Configuration reference").
 *
 * <p>Binding goes top-down, one method per section, then cross-references are checked (users →
 * databases, databases → data sources). A logical database's {@code sharding:} section is not
 * interpreted here: it is kept as a located node for the sharding engine's binder.
 */
public final class ConfigLoader {
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_$]{1,64}");
    private static final Pattern DATA_SOURCE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    static final Set<String> AUTH_PLUGINS = Set.of("mysql_native_password", "caching_sha2_password");
    static final String DEFAULT_AUTH_PLUGIN = "mysql_native_password";

    private final EnvSubstitution env;

    public ConfigLoader(EnvSubstitution env) {
        this.env = env;
    }

    /** Loads {@code file} with the process environment. */
    public static DbmeshConfig load(Path file) {
        return new ConfigLoader(EnvSubstitution.system()).loadFile(file);
    }

    public DbmeshConfig loadFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(null, "cannot read config file " + file + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), dir);
    }

    /** Loads a config shipped on the classpath, e.g. {@code conf/examples/passthrough.yaml}. */
    public DbmeshConfig loadResource(String resource) {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigException(null, "no shipped config named " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + resource,
                    Path.of("").toAbsolutePath());
        } catch (IOException e) {
            throw new ConfigException(null, "cannot read " + resource + ": " + e.getMessage());
        }
    }

    /**
     * @param source  how to name the text in errors (usually the file path)
     * @param baseDir relative paths in the config (TLS files) resolve against this
     */
    public DbmeshConfig parse(String text, String source, Path baseDir) {
        ConfigSection root = ConfigSection.of(YamlTree.read(text, source, env), "");
        root.expectOnly("listener", "tls", "users", "data_sources", "databases", "admin", "telemetry", "limits");
        ListenerConfig listener = listener(root.section("listener"));
        TlsConfig tls = tls(root.section("tls"), baseDir);
        List<ConfigSection> userSections = root.sectionList("users");
        Map<String, ReplicaGroupConfig> replicaGroups = new LinkedHashMap<>();
        Map<String, DataSourceConfig> dataSources = dataSources(root, replicaGroups);
        Map<String, LogicalDatabaseConfig> databases = databases(root, dataSources);
        List<UserConfig> users = users(root, userSections, databases);
        LimitsConfig limits = limits(root.section("limits"));
        return new DbmeshConfig(listener, tls, users, dataSources, databases, replicaGroups,
                TelemetryBinder.bind(root, baseDir), limits);
    }

    private static LimitsConfig limits(ConfigSection s) {
        s.expectOnly("pre_auth_packet", "prepared_statements_per_connection", "prepared_statements",
                "prepared_statement_bytes", "long_data_per_statement", "failed_logins");
        LimitsConfig d = LimitsConfig.DEFAULT;
        // a handshake response with TLS, attributes and a long user name stays well under 1 KiB..4 KiB
        long preAuth = s.optionalSize("pre_auth_packet", d.preAuthPacket(), 1024, 1L << 20);
        int perConnection = s.optionalInt("prepared_statements_per_connection", d.preparedStatementsPerConnection(), 0, 1_048_576);
        int total = s.optionalInt("prepared_statements", d.preparedStatements(), 0, 1_048_576);
        long bytes = s.optionalSize("prepared_statement_bytes", d.preparedStatementBytes(), 0, 1L << 40);
        long longData = s.optionalSize("long_data_per_statement", d.longDataPerStatement(), 0, 1L << 30);
        if (perConnection > total) {
            throw s.error("prepared_statements_per_connection", "'limits.prepared_statements_per_connection' ("
                    + perConnection + ") must not exceed 'limits.prepared_statements' (" + total + ")");
        }
        return new LimitsConfig(preAuth, perConnection, total, bytes, longData, failedLogins(s.section("failed_logins")));
    }

    private static LimitsConfig.FailedLogins failedLogins(ConfigSection s) {
        s.expectOnly("delay_after", "delay", "max_delay", "block_after", "block_for");
        LimitsConfig.FailedLogins d = LimitsConfig.FailedLogins.DEFAULT;
        int delayAfter = s.optionalInt("delay_after", d.delayAfter(), 1, 1_000_000);
        Duration delay = s.optionalDuration("delay", d.delay());
        Duration maxDelay = s.optionalDuration("max_delay", d.maxDelay());
        int blockAfter = s.optionalInt("block_after", d.blockAfter(), 0, 1_000_000);
        Duration blockFor = s.optionalDuration("block_for", d.blockFor());
        if (maxDelay.compareTo(delay) < 0) {
            throw s.error("max_delay", "'limits.failed_logins.max_delay' (" + maxDelay.toMillis()
                    + "ms) must not be shorter than 'limits.failed_logins.delay' (" + delay.toMillis() + "ms)");
        }
        if (maxDelay.compareTo(Duration.ofMinutes(1)) > 0) {
            throw s.error("max_delay", "'limits.failed_logins.max_delay' must be at most 1m (a delayed client holds its connection)");
        }
        if (blockAfter != 0 && blockAfter < delayAfter) {
            throw s.error("block_after", "'limits.failed_logins.block_after' (" + blockAfter
                    + ") must be 0 (never block) or at least 'delay_after' (" + delayAfter + ")");
        }
        return new LimitsConfig.FailedLogins(delayAfter, delay, maxDelay, blockAfter, blockFor);
    }

    private static ListenerConfig listener(ConfigSection s) {
        s.expectOnly("host", "port", "max_connections", "max_allowed_packet", "server_version");
        String host = s.optionalString("host", "127.0.0.1").trim();
        if (host.isEmpty()) {
            throw s.error("host", "'listener.host' must not be empty (use 0.0.0.0 to listen on every interface)");
        }
        // Port 0 asks the OS for a free port: tests use it; production configs name one.
        int port = s.optionalInt("port", 3307, 0, 65535);
        int maxConnections = s.optionalInt("max_connections", 1024, 1, 1_000_000);
        long maxAllowedPacket = s.optionalSize("max_allowed_packet", 64L << 20, 1024, 1L << 30);
        String version = s.optionalString("server_version", null); // null: the first data source's version
        return new ListenerConfig(host, port, maxConnections, maxAllowedPacket, version);
    }

    private static TlsConfig tls(ConfigSection s, Path baseDir) {
        s.expectOnly("enabled", "certificate", "private_key", "required");
        boolean enabled = s.optionalBoolean("enabled", false);
        Path certificate = readableFile(s, "certificate", baseDir);
        Path privateKey = readableFile(s, "private_key", baseDir);
        boolean required = s.optionalBoolean("required", false);
        if ((certificate == null) != (privateKey == null)) {
            throw s.error(certificate == null ? "private_key" : "certificate",
                    "'tls' needs both certificate and private_key, or neither (a self-signed certificate for development)");
        }
        if (required && !enabled) {
            throw s.error("required", "'tls.required' is true but 'tls.enabled' is false");
        }
        if (!enabled && certificate != null) {
            throw s.error("certificate", "'tls.certificate' is set but 'tls.enabled' is false");
        }
        return new TlsConfig(enabled, certificate, privateKey, required);
    }

    private static Path readableFile(ConfigSection s, String key, Path baseDir) {
        String text = s.optionalString(key, null);
        if (text == null || text.isBlank()) {
            return null;
        }
        Path path = baseDir.resolve(text.trim()).normalize();
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw s.error(key, "'tls." + key + "' file " + path + " does not exist or is not readable");
        }
        return path;
    }

    private static Map<String, DataSourceConfig> dataSources(ConfigSection root, Map<String, ReplicaGroupConfig> replicaGroups) {
        Map<String, DataSourceConfig> out = new LinkedHashMap<>();
        ConfigSection holder = root.section("data_sources");
        for (Map.Entry<String, ConfigSection> e : root.namedSections("data_sources").entrySet()) {
            String name = e.getKey();
            if (!DATA_SOURCE_NAME.matcher(name).matches()) {
                throw new ConfigException(holder.keyLocation(name), "data source name '" + name
                        + "' may only use letters, digits, '_', '.', '-' (at most 64)");
            }
            out.put(name, dataSource(name, e.getValue(), replicaGroups));
        }
        ReplicaGroupBinder.checkReplicaNames(holder, out, replicaGroups);
        return out;
    }

    private static DataSourceConfig dataSource(String name, ConfigSection s, Map<String, ReplicaGroupConfig> replicaGroups) {
        s.expectOnly("url", "user", "password", "pool",
                "replicas", "load_balancing", "max_replication_lag", "gtid_wait_timeout", "health_check");
        String url = s.requiredString("url").trim();
        try {
            JdbcUrl.parse(url);
        } catch (IllegalArgumentException bad) {
            throw s.error("url", "'" + s.path() + ".url' is not a usable JDBC URL (" + JdbcUrl.redact(url) + "): " + bad.getMessage());
        }
        String user = s.requiredString("user");
        String password = s.optionalString("password", "");
        DataSourceConfig.PoolConfig pool = pool(s.section("pool"));
        DataSourceConfig primary = new DataSourceConfig(name, url, user, password, pool);
        // replicas, load_balancing, … make it a read/write group (bound by read/write splitting)
        ReplicaGroupBinder.bind(primary, s).ifPresent(group -> replicaGroups.put(name, group));
        return primary;
    }

    static DataSourceConfig.PoolConfig pool(ConfigSection s) {
        s.expectOnly("max_size", "min_idle", "connection_timeout", "idle_timeout", "max_lifetime");
        DataSourceConfig.PoolConfig d = DataSourceConfig.PoolConfig.DEFAULT;
        int maxSize = s.optionalInt("max_size", d.maxSize(), 1, 10_000);
        int minIdle = s.optionalInt("min_idle", Math.min(d.minIdle(), maxSize), 0, 10_000);
        if (minIdle > maxSize) {
            throw s.error("min_idle", "'" + s.path() + ".min_idle' (" + minIdle + ") is larger than max_size (" + maxSize + ")");
        }
        Duration connectionTimeout = atLeast(s, "connection_timeout", d.connectionTimeout(), Duration.ofMillis(250));
        Duration idleTimeout = atLeast(s, "idle_timeout", d.idleTimeout(), Duration.ofSeconds(10));
        Duration maxLifetime = atLeast(s, "max_lifetime", d.maxLifetime(), Duration.ofSeconds(30));
        return new DataSourceConfig.PoolConfig(maxSize, minIdle, connectionTimeout, idleTimeout, maxLifetime);
    }

    private static Duration atLeast(ConfigSection s, String key, Duration defaultValue, Duration min) {
        Duration value = s.optionalDuration(key, defaultValue);
        if (value.compareTo(min) < 0) {
            throw s.error(key, "'" + s.path() + "." + key + "' must be at least " + min.toMillis() + "ms");
        }
        return value;
    }

    private Map<String, LogicalDatabaseConfig> databases(ConfigSection root, Map<String, DataSourceConfig> dataSources) {
        Map<String, LogicalDatabaseConfig> out = new LinkedHashMap<>();
        ConfigSection holder = root.section("databases");
        for (Map.Entry<String, ConfigSection> e : root.namedSections("databases").entrySet()) {
            String name = e.getKey();
            ConfigSection s = e.getValue();
            s.expectOnly("data_source", "sharding", "consistency", "transactions");
            if (!DATABASE_NAME.matcher(name).matches()) {
                throw new ConfigException(holder.keyLocation(name), "logical database name '" + name
                        + "' may only use letters, digits, '_' and '$' (at most 64)");
            }
            if (out.keySet().stream().anyMatch(name::equalsIgnoreCase)) {
                throw new ConfigException(holder.keyLocation(name), "logical database '" + name
                        + "' is defined twice (names are case-insensitive)");
            }
            String dataSource = s.optionalString("data_source", null);
            if (dataSource != null && !dataSources.containsKey(dataSource)) {
                throw s.error("data_source", "logical database '" + name + "' refers to unknown data source '" + dataSource
                        + "' (defined: " + String.join(", ", dataSources.keySet()) + ")");
            }
            ConfigNode shardingNode = s.node("sharding");
            if (dataSource == null && shardingNode == null) {
                throw new ConfigException(s.location(), "logical database '" + name + "' needs a 'data_source' (or 'sharding' rules)");
            }
            ShardingRules sharding = shardingNode == null ? null : sharding(name, shardingNode, dataSource, dataSources);
            ReadConsistency consistency = ReplicaGroupBinder.consistency(s);
            TransactionsConfig transactions = TransactionsBinder.bind(s, name, sharding == null ? dataSource
                    : sharding.defaultDataSource(), sharding != null, dataSources.keySet());
            out.put(name, new LogicalDatabaseConfig(name, dataSource, sharding, consistency, transactions));
        }
        TransactionsBinder.checkOneLog(holder, out);
        return out;
    }

    /** The sharding engine binds its own section; we only translate its key path into a file location. */
    private ShardingRules sharding(String database, ConfigNode node, String dataSource, Map<String, DataSourceConfig> dataSources) {
        ShardingRulesBinder binder = new ShardingRulesBinder(
                new ShardFunctions(ConfigLoader.class.getClassLoader()), env.environment());
        try {
            return binder.bind(database, ConfigNodes.toJson(node), List.copyOf(dataSources.keySet()), dataSource);
        } catch (RuleException e) {
            String path = "databases." + database + ".sharding" + (e.path().isEmpty() ? "" : "." + String.join(".", e.path()));
            throw new ConfigException(ConfigNodes.locate(node, e.path()), "'" + path + "': " + e.problem());
        }
    }

    private static List<UserConfig> users(ConfigSection root, List<ConfigSection> sections,
                                          Map<String, LogicalDatabaseConfig> databases) {
        if (sections.isEmpty()) {
            throw root.error("users", "no users are defined: nobody could connect (add e.g. users: [{name: root, password: \"\"}])");
        }
        List<UserConfig> out = new ArrayList<>();
        for (ConfigSection s : sections) {
            s.expectOnly("name", "password", "databases", "auth_plugin", "admin");
            String name = s.requiredString("name");
            if (name.isEmpty() || name.length() > 80) {
                throw s.error("name", "user name must have 1 to 80 characters");
            }
            if (out.stream().anyMatch(u -> u.name().equals(name))) {
                throw s.error("name", "user '" + name + "' is defined twice");
            }
            String password = s.optionalString("password", "");
            List<String> grants = s.optionalStringList("databases", List.of("*"));
            for (String db : grants) {
                if (!db.equals("*") && !databases.containsKey(db)) {
                    throw s.error("databases", "user '" + name + "' is granted unknown logical database '" + db + "'");
                }
            }
            String plugin = s.optionalString("auth_plugin", DEFAULT_AUTH_PLUGIN);
            if (!AUTH_PLUGINS.contains(plugin)) {
                throw s.error("auth_plugin", "unknown auth plugin '" + plugin
                        + "' for user '" + name + "' (supported: caching_sha2_password, mysql_native_password)");
            }
            boolean admin = s.optionalBoolean("admin", false);
            out.add(new UserConfig(name, password, Set.copyOf(new LinkedHashSet<>(grants)), plugin, admin));
        }
        return List.copyOf(out);
    }
}
