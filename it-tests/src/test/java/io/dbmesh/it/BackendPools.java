package io.dbmesh.it;

import io.dbmesh.proxy.backend.DataSourcePool;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import static org.awaitility.Awaitility.await;

/**
 * Proof that nothing leaked a backend connection: after each test every pool of the sidecar is back
 * to zero connections in use. A session gives its connections back on the command thread after the
 * client's socket closes, so this waits (generously, the machine is shared) for the condition instead
 * of sampling once; a leak never clears and fails the test that caused it.
 *
 * <pre>{@code
 * @RegisterExtension final BackendPools pools = BackendPools.after(() -> sidecar);
 * }</pre>
 */
public final class BackendPools implements AfterEachCallback {
    private static final long WAIT_MILLIS = 10_000;

    private final Supplier<SidecarFixture> sidecar;

    private BackendPools(Supplier<SidecarFixture> sidecar) {
        this.sidecar = sidecar;
    }

    /** Checks {@code sidecar}'s pools after each test (the supplier is read then: start it in @BeforeAll). */
    public static BackendPools after(Supplier<SidecarFixture> sidecar) {
        return new BackendPools(sidecar);
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        SidecarFixture s = sidecar.get();
        if (s != null && context.getExecutionException().isEmpty()) {
            assertNoneActive(s);
        }
    }

    /** Waits until every pool of {@code sidecar} has no connection in use; fails naming the pools that still do. */
    public static void assertNoneActive(SidecarFixture sidecar) throws InterruptedException {
        await("no backend connection in use").atMost(java.time.Duration.ofMillis(WAIT_MILLIS)).pollInterval(java.time.Duration.ofMillis(20))
                .untilAsserted(() -> org.assertj.core.api.Assertions.assertThat(active(sidecar))
                        .as("backend connections still in use " + WAIT_MILLIS + " ms after the test (leaked)").isEmpty());
    }

    /** Pools with connections in use, by pool name. */
    public static Map<String, Integer> active(SidecarFixture sidecar) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (DataSourcePool p : sidecar.sidecar().pools()) {
            int n = p.activeConnections();
            if (n != 0) out.put(p.name(), n);
        }
        return out;
    }
}
