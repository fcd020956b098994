package io.dbmesh.proxy.backend;

import java.time.Instant;
import java.util.Map;

/**
 * Whether each plain data source is up, as far as the sidecar knows (a background probe on its own
 * connection, and connection failures of the serving path). Statements to a data source known down
 * fail at once (1429) instead of each waiting for the pool's connection timeout. Replica groups
 * keep their own, richer health ({@code backend.replica}); their data sources are not listed here.
 * For readiness checks and metrics: {@link #isUp}, {@link #statuses}, {@link #addListener}.
 */
public interface DataSourceHealth {

    /** Up, or not known to be down (before the first probe). */
    boolean isUp(String dataSource);

    /** Every monitored data source's status, by name. */
    Map<String, Status> statuses();

    /** Called on every change between up and down (on a probe thread or a session's thread). */
    void addListener(Listener listener);

    /**
     * @param up        false once the data source is known down
     * @param since     when it entered this state
     * @param lastError why it is down (null when up)
     */
    record Status(boolean up, Instant since, String lastError) {
        public static final Status UNKNOWN = new Status(true, Instant.EPOCH, null);
    }

    @FunctionalInterface
    interface Listener {
        void changed(String dataSource, Status from, Status to);
    }

    /** No monitoring: everything counts as up. */
    DataSourceHealth NONE = new DataSourceHealth() {
        @Override
        public boolean isUp(String dataSource) {
            return true;
        }

        @Override
        public Map<String, Status> statuses() {
            return Map.of();
        }

        @Override
        public void addListener(Listener listener) {
        }
    };
}
