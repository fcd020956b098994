package io.dbmesh.proxy.testing;

import io.dbmesh.proxy.config.DbmeshConfig;
import io.dbmesh.proxy.config.ListenerConfig;
import io.dbmesh.proxy.config.TlsConfig;
import io.dbmesh.proxy.config.UserConfig;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Configs for wire tests: ephemeral port, the given users and TLS. */
public final class TestConfigs {
    private TestConfigs() {
    }

    public static UserConfig user(String name, String password, String plugin) {
        return new UserConfig(name, password, Set.of("*"), plugin);
    }

    public static DbmeshConfig config(TlsConfig tls, long maxAllowedPacket, UserConfig... users) {
        return new DbmeshConfig(new ListenerConfig("127.0.0.1", 0, 100, maxAllowedPacket, ListenerConfig.DEFAULT_VERSION),
                tls, List.of(users), Map.of(), Map.of());
    }

    public static DbmeshConfig config(TlsConfig tls, UserConfig... users) {
        return config(tls, 16L << 20, users);
    }

    public static final TlsConfig NO_TLS = new TlsConfig(false, null, null, false);
}
