package io.dbmesh.mesh.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;

/** The meters of one backend pool (a data source, or one replica of a replica group). */
public final class BackendMeters {
    private final Counter ok;
    private final Counter errors;
    private final Timer roundTrip;

    BackendMeters(MeterRegistry registry, String dataSource) {
        this.ok = Counter.builder(MeterNames.BACKEND_STATEMENTS).description("Physical statements sent to a backend")
                .tag("data_source", dataSource).tag("outcome", "ok").register(registry);
        this.errors = Counter.builder(MeterNames.BACKEND_STATEMENTS).description("Physical statements sent to a backend")
                .tag("data_source", dataSource).tag("outcome", "error").register(registry);
        this.roundTrip = Timer.builder(MeterNames.BACKEND_DURATION).description("Backend round trip of a physical statement (send to first answer)")
                .tag("data_source", dataSource).serviceLevelObjectives(Buckets.LATENCY).register(registry);
    }

    public void statement(long nanos, boolean failed) {
        (failed ? errors : ok).increment();
        roundTrip.record(nanos, TimeUnit.NANOSECONDS);
    }
}
