import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

/**
 * Load for bench/federation-timing.sh (run with `java -cp <mariadb-java-client.jar>
 * bench/FederationTiming.java URL LABEL`): loads a few rows into the sidecar's orders example, then
 * times the first, the second and ten more executions of federated statements (text protocol), and
 * a server-side prepared statement executed with changing parameters. Prints one "TIMING" line per
 * statement; LABEL (the plan cache size the sidecar runs with) starts each line.
 */
public class FederationTiming {
    static final List<String> TEXT = List.of(
            "SELECT o.order_id, i.sku FROM t_order o JOIN t_order_item i ON o.order_id = i.order_id WHERE o.user_id = 3 ORDER BY 1, 2",
            "SELECT name FROM t_user WHERE user_id IN (SELECT user_id FROM t_order WHERE amount > 5) ORDER BY name",
            "SELECT user_id FROM t_user UNION SELECT user_id FROM t_order_item ORDER BY 1",
            "SELECT u.name, COUNT(*) FROM t_user u JOIN t_order o ON u.region_id = o.user_id GROUP BY u.name ORDER BY 1");
    static final String PREPARED =
            "SELECT o.order_id, i.sku FROM t_order o JOIN t_order_item i ON o.order_id = i.order_id WHERE o.user_id = ? ORDER BY 1, 2";

    interface Run {
        void run() throws SQLException;
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String label = args[1];
        try (Connection c = DriverManager.getConnection(url, "root", ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO t_user (user_id, name, region_id) VALUES (1, 'ada', 1), (2, 'bob', 2), (3, 'cy', 1), (4, 'di', 2)");
            s.execute("INSERT INTO t_order (order_id, user_id, status, amount) VALUES (101, 1, 'paid', 10), (102, 2, 'new', 2.5),"
                    + " (103, 3, 'paid', 7.25), (104, 4, 'void', 1)");
            s.execute("INSERT INTO t_order_item (item_id, order_id, user_id, sku, qty, price) VALUES (1, 101, 1, 'A', 2, 5),"
                    + " (2, 103, 3, 'B', 1, 7.25), (3, 104, 4, 'C', 3, 10)");
            for (String sql : TEXT) {
                long first = time(() -> drain(s.executeQuery(sql)));
                long second = time(() -> drain(s.executeQuery(sql)));
                long[] more = new long[10];
                for (int i = 0; i < more.length; i++) more[i] = time(() -> drain(s.executeQuery(sql)));
                System.out.printf("TIMING %s text first=%d ms second=%d ms median-of-10=%d ms min=%d ms  %s%n", label, first, second,
                        median(more), Arrays.stream(more).min().orElseThrow(), sql);
            }
        }
        try (Connection c = DriverManager.getConnection(url + "?useServerPrepStmts=true", "root", "");
             PreparedStatement ps = c.prepareStatement(PREPARED)) {
            long[] runs = new long[12];
            for (int i = 0; i < runs.length; i++) {
                ps.setLong(1, 1 + i % 4);
                runs[i] = time(() -> drain(ps.executeQuery()));
            }
            long[] rest = Arrays.copyOfRange(runs, 2, runs.length);
            System.out.printf("TIMING %s prepared first=%d ms second=%d ms median-of-10=%d ms min=%d ms  %s%n", label, runs[0], runs[1],
                    median(rest), Arrays.stream(rest).min().orElseThrow(), PREPARED);
        }
    }

    static long time(Run r) throws SQLException {
        long t = System.nanoTime();
        r.run();
        return (System.nanoTime() - t) / 1_000_000;
    }

    static long median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    static void drain(ResultSet rs) throws SQLException {
        try (rs) {
            while (rs.next()) rs.getString(1);
        }
    }
}
