package io.dbmesh.it.differential;

import io.dbmesh.it.MariaDbInstance;
import io.dbmesh.it.MariaDbServers;
import io.dbmesh.it.SidecarFixture;
import io.dbmesh.proxy.config.ConfigLoader;
import io.dbmesh.proxy.config.DbmeshConfig;
import io.dbmesh.proxy.config.EnvSubstitution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The differential test (issue 3 item 9): the same schema and data set are loaded into one plain
 * MariaDB database and into a logical database of the sidecar; every corpus statement runs on
 * both, as a plain statement (text protocol) and as a server-side prepared statement (binary
 * protocol), and the answers must be equal: column labels, rows (order-insensitive unless the
 * statement has a top-level ORDER BY), update counts, expected errors.
 *
 * <p>One dynamic test per statement and protocol, so a report names exactly what differs.
 */
class DifferentialTest {
    /** Roles of this run's physical databases (see {@link DiffDatabases} for the actual names). */
    static final String SINGLE = "single";
    static final String MIRROR = "mirror";
    /** Behind the passthrough logical database {@code demo}. */
    static final String PASSTHROUGH = "pass";
    /** Behind the sharded data sources ds_0 and ds_1. */
    static final List<String> SHARDS = List.of("ds0", "ds1");
    static final String ORDERS_CONFIG = "conf/examples/orders.yaml";

    private static MariaDbInstance mariadb;
    private static DiffDatabases databases;

    private static Corpus corpus;
    private static OrdersDataSet data;
    private static final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void prepare() throws SQLException {
        corpus = Corpus.load();
        data = OrdersDataSet.generate();
        mariadb = MariaDbServers.shared();
        databases = new DiffDatabases(mariadb);
        databases.dropAbandoned();
        databases.recreate(SINGLE, MIRROR, PASSTHROUGH, SHARDS.get(0), SHARDS.get(1));
    }

    @AfterAll
    static void closeAll() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
        toClose.clear();
        if (databases != null) {
            databases.dropAll();
        }
    }

    /**
     * The plain database against a second plain database holding the same rows in a scrambled
     * physical layout. Proves the corpus is deterministic: any difference here is a corpus bug
     * (an answer that depends on scan order), not an engine bug. Reads over the text protocol
     * only: the protocol does not change what the server computes, and the writes run on the
     * ordinary layout anyway.
     */
    @TestFactory
    Stream<DynamicNode> mirror() {
        Sessions sessions = new Sessions(plain(SINGLE), plain(MIRROR), Protocol.TEXT);
        toClose.add(sessions);
        List<DynamicNode> steps = new ArrayList<>();
        steps.add(DynamicTest.dynamicTest("load the data set, scrambled on the mirror",
                () -> sessions.load(DataSetLoader.Layout.SCRAMBLED)));
        corpus.reads().forEach((file, statements) -> steps.add(container(file, statements, sessions, false)));
        return steps.stream();
    }

    /**
     * The plain database against the sidecar's passthrough logical database {@code demo}
     * ({@code conf/examples/passthrough.yaml}) over a physical database of its own: the whole
     * wire and session path, without sharding.
     */
    @TestFactory
    Stream<DynamicNode> passthrough() {
        SidecarFixture sidecar = startSidecar("conf/examples/passthrough.yaml",
                Map.of("DS0_URL", mariadb.jdbcUrl(databases.name(PASSTHROUGH)), "DS0_USER", mariadb.user(),
                        "DS0_PASSWORD", mariadb.password()));
        DiffSide actual = new DiffSide("sidecar passthrough database demo", sidecar.mariadbUrl("demo"), "root", "");
        return comparison(plain(SINGLE), actual, false, List.of());
    }

    /**
     * The plain database against the sharded logical database {@code orders} of
     * {@code conf/examples/orders.yaml} (2 data sources x 2 tables, binding group, broadcast and
     * single tables), with the data sources on physical databases of the harness's own.
     */
    @TestFactory
    Stream<DynamicNode> sharded() {
        assumeTrue(OrdersSchema.class.getClassLoader().getResource(ORDERS_CONFIG) != null,
                ORDERS_CONFIG + " is not shipped yet");
        SidecarFixture sidecar = startSidecar(ORDERS_CONFIG, Map.of(
                "DS0_URL", mariadb.jdbcUrl(databases.name(SHARDS.get(0))), "DS0_USER", mariadb.user(), "DS0_PASSWORD", mariadb.password(),
                "DS1_URL", mariadb.jdbcUrl(databases.name(SHARDS.get(1))), "DS1_USER", mariadb.user(), "DS1_PASSWORD", mariadb.password()));
        DiffSide actual = new DiffSide("sidecar sharded database orders", sidecar.mariadbUrl("orders"), "root", "");
        return comparison(plain(SINGLE), actual, true, List.of(DynamicTest.dynamicTest(
                "every physical table holds rows", () -> PhysicalSpread.assertEveryTableHoldsRows(mariadb,
                        SHARDS.stream().map(databases::name).toList()))));
    }

    /**
     * Starts the sidecar in this JVM from a shipped config whose {@code ${VAR:default}} references
     * are answered by {@code variables} (the harness's own physical databases); closed after all tests.
     */
    private static SidecarFixture startSidecar(String configResource, Map<String, String> variables) {
        DbmeshConfig config = new ConfigLoader(new EnvSubstitution(variables::get)).loadResource(configResource);
        SidecarFixture sidecar = SidecarFixture.start(config);
        toClose.add(sidecar);
        return sidecar;
    }

    /**
     * The reads (and metadata) over each protocol on one fresh load, then the writes of each
     * protocol, each from a fresh load of its own (the writes change the data).
     *
     * @param afterLoad extra checks run right after the first load (e.g. that every shard got rows)
     */
    private Stream<DynamicNode> comparison(DiffSide expected, DiffSide actual, boolean sharded,
                                           List<DynamicTest> afterLoad) {
        List<DynamicNode> reads = new ArrayList<>();
        List<DynamicNode> writes = new ArrayList<>();
        for (Protocol protocol : Protocol.values()) {
            Sessions sessions = new Sessions(expected, actual, protocol);
            toClose.add(sessions);
            if (protocol == Protocol.values()[0]) {
                reads.add(DynamicTest.dynamicTest("load the data set", () -> sessions.load(DataSetLoader.Layout.AS_GENERATED)));
                reads.addAll(afterLoad);
            } else {
                reads.add(DynamicTest.dynamicTest("connect over the " + protocol + " protocol", sessions::open));
            }
            corpus.reads().forEach((file, statements) -> reads.add(container(file, statements, sessions, sharded)));
            corpus.schema().forEach((file, statements) -> reads.add(container(file, statements, sessions, sharded)));
            writes.add(DynamicTest.dynamicTest("reload the data set for the " + protocol + " writes",
                    () -> sessions.load(DataSetLoader.Layout.AS_GENERATED)));
            corpus.writes().forEach((file, statements) -> writes.add(container(file, statements, sessions, sharded)));
        }
        return Stream.of(DynamicContainer.dynamicContainer("reads", reads), DynamicContainer.dynamicContainer("writes", writes));
    }

    private static DynamicContainer container(String file, List<CorpusStatement> statements, Sessions sessions,
                                              boolean sharded) {
        return DynamicContainer.dynamicContainer(file, statements.stream().map(s ->
                DynamicTest.dynamicTest("[" + sessions.protocol + "] " + s.displayName(),
                        () -> check(s, sessions, sharded))));
    }

    private static void check(CorpusStatement statement, Sessions sessions, boolean sharded) throws SQLException {
        boolean refusedBySidecar = sharded && statement.expectation() instanceof CorpusStatement.Expectation.ShardedRejects;
        List<Outcome> expected = refusedBySidecar
                ? runRolledBack(sessions.expected(), sessions.protocol, statement)
                : StatementRunner.run(sessions.expected(), sessions.protocol, statement);
        List<Outcome> actual = StatementRunner.run(sessions.actual(), sessions.protocol, statement);
        for (int i = 0; i < expected.size(); i++) {
            Optional<String> difference = OutcomeComparison.compare(statement, sharded, expected.get(i), actual.get(i));
            if (difference.isPresent()) {
                fail(header(statement, i, sessions) + difference.get());
            }
        }
    }

    /**
     * Runs a statement the sharded sidecar refuses on the single database inside a transaction
     * that is rolled back: it proves the statement valid without letting the two sides' data
     * drift apart (a refused DML must not fail every later read-back).
     */
    private static List<Outcome> runRolledBack(Connection connection, Protocol protocol, CorpusStatement statement)
            throws SQLException {
        connection.setAutoCommit(false);
        try {
            return StatementRunner.run(connection, protocol, statement);
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    private static String header(CorpusStatement s, int execution, Sessions sessions) {
        StringBuilder h = new StringBuilder("\n[").append(sessions.protocol).append("] ")
                .append(s.file()).append(':').append(s.line()).append(' ').append(s.description()).append('\n')
                .append("  ").append(s.sql().replace("\n", "\n  ")).append('\n');
        List<ParameterValue> parameters = s.executions().get(execution);
        if (!parameters.isEmpty()) {
            h.append("  params: ").append(parameters.stream().map(ParameterValue::literal)
                    .collect(Collectors.joining(", ")));
            if (s.executions().size() > 1) {
                h.append("  (execution ").append(execution + 1).append(" of ").append(s.executions().size())
                        .append(" of one prepared statement)");
            }
            h.append('\n');
        }
        h.append("  expected side: ").append(sessions.expectedSide.name())
                .append(", actual side: ").append(sessions.actualSide.name()).append('\n');
        return h.toString();
    }

    private static DiffSide plain(String role) {
        String database = databases.name(role);
        return new DiffSide("MariaDB " + database, mariadb.jdbcUrl(database), mariadb.user(), mariadb.password());
    }

    /** The two connections (expected, actual) used for one protocol, opened when the data set loads. */
    private static final class Sessions implements AutoCloseable {
        final DiffSide expectedSide;
        final DiffSide actualSide;
        final Protocol protocol;
        private Connection expected;
        private Connection actual;

        Sessions(DiffSide expectedSide, DiffSide actualSide, Protocol protocol) {
            this.expectedSide = expectedSide;
            this.actualSide = actualSide;
            this.protocol = protocol;
        }

        /** Loads the data set into both sides (over the text protocol), then {@link #open}s. */
        void load(DataSetLoader.Layout actualLayout) throws SQLException {
            close();
            try (Connection e = expectedSide.connect(Protocol.TEXT); Connection a = actualSide.connect(Protocol.TEXT)) {
                DataSetLoader.load(e, data, DataSetLoader.Layout.AS_GENERATED);
                DataSetLoader.load(a, data, actualLayout);
            }
            open();
        }

        /** Opens the connections of the protocol under test on whatever data the sides hold. */
        void open() throws SQLException {
            close();
            expected = expectedSide.connect(protocol);
            actual = actualSide.connect(protocol);
        }

        Connection expected() {
            if (expected == null) {
                fail("the data set was not loaded (see the failure of the load step)");
            }
            return expected;
        }

        Connection actual() {
            if (actual == null) {
                fail("the data set was not loaded (see the failure of the load step)");
            }
            return actual;
        }

        @Override
        public void close() throws SQLException {
            for (Connection c : new Connection[]{expected, actual}) {
                if (c != null) {
                    c.close();
                }
            }
            expected = null;
            actual = null;
        }
    }
}
