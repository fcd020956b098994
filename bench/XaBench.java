import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Load for bench/xa.sh (run with `java -cp <mariadb-java-client.jar> bench/XaBench.java ...`):
 * THREADS sessions, each BEGIN; two UPDATEs of account balances; COMMIT, for SECONDS, in transaction
 * mode MODE (set per session with SET @dbmesh_transaction_mode). SHAPE single: both accounts on one
 * shard (ids of the same parity: the one-phase path in xa mode); two: one account on each shard
 * (two-phase in xa mode). Prints "MODE SHAPE tps p95_ms p99_ms transactions errors".
 */
public class XaBench {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        int threads = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String mode = args[3];
        String shape = args[4];
        int accounts = Integer.parseInt(args[5]);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<long[]> latencies = new ArrayList<>();
        long[] errors = new long[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            long[] mine = new long[500_000];
            latencies.add(mine);
            workers.add(Thread.ofPlatform().start(() -> {
                int n = 0;
                try (Connection c = DriverManager.getConnection(url, "root", "");
                     Statement s = c.createStatement();
                     PreparedStatement debit = c.prepareStatement("UPDATE account SET balance = balance - 1 WHERE id = ?");
                     PreparedStatement credit = c.prepareStatement("UPDATE account SET balance = balance + 1 WHERE id = ?")) {
                    s.execute("SET @dbmesh_transaction_mode = '" + mode + "'");
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    while (System.nanoTime() < end && n < mine.length - 1) {
                        long a = r.nextInt(accounts / 2) * 2L + 1; // odd
                        long b = shape.equals("two") ? r.nextInt(accounts / 2) * 2L + 2 : r.nextInt(accounts / 2) * 2L + 1;
                        if (a == b) continue;
                        long t0 = System.nanoTime();
                        try {
                            s.execute("BEGIN");
                            debit.setLong(1, Math.min(a, b));
                            debit.executeUpdate();
                            credit.setLong(1, Math.max(a, b));
                            credit.executeUpdate();
                            s.execute("COMMIT");
                            mine[++n] = System.nanoTime() - t0;
                        } catch (Exception e) {
                            errors[index]++;
                            try {
                                s.execute("ROLLBACK");
                            } catch (Exception ignored) {
                                // next iteration reports it again
                            }
                        }
                    }
                } catch (Exception e) {
                    errors[index]++;
                    System.err.println(e);
                }
                mine[0] = n;
            }));
        }
        for (Thread w : workers) w.join();
        int total = 0;
        for (long[] l : latencies) total += (int) l[0];
        long[] all = new long[total];
        int k = 0;
        for (long[] l : latencies) for (int i = 1; i <= l[0]; i++) all[k++] = l[i];
        Arrays.sort(all);
        double p95 = total == 0 ? 0 : all[(int) Math.min(total - 1, Math.ceil(total * 0.95) - 1)] / 1e6;
        double p99 = total == 0 ? 0 : all[(int) Math.min(total - 1, Math.ceil(total * 0.99) - 1)] / 1e6;
        long errs = Arrays.stream(errors).sum();
        System.out.printf("%s %s %.1f %.2f %.2f %d %d%n", mode, shape, total / (double) seconds, p95, p99, total, errs);
    }
}
