package io.dbmesh.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every config we ship must load: a broken example is the first thing a newcomer meets. */
class ShippedConfigsTest {
    /** Defaults only: a developer's own DS0_URL must not change what this test checks. */
    private final ConfigLoader loader = new ConfigLoader(new EnvSubstitution(name -> null));

    @Test
    void everyShippedConfigLoads() throws IOException {
        Path confDir = Path.of("..", "conf").toAbsolutePath().normalize();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(confDir)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") && !p.toString().contains("/target/")).toList();
        }
        assertThat(files).extracting(p -> confDir.relativize(p).toString())
                .contains("dbmesh.yaml", "examples/passthrough.yaml");
        for (Path file : files) {
            DbmeshConfig config = loader.loadFile(file);
            assertThat(config.users()).as(file.toString()).isNotEmpty();
            assertThat(config.databases()).as(file.toString()).isNotEmpty();
        }
    }

    @Test
    void passthroughExampleIsWhatTheReadmePromises() {
        DbmeshConfig c = loader.loadResource("conf/examples/passthrough.yaml");
        assertThat(c.listener().host()).isEqualTo("127.0.0.1");
        assertThat(c.listener().port()).isEqualTo(3307);
        assertThat(c.user("root").orElseThrow().password()).isEmpty();
        assertThat(c.databases()).containsOnlyKeys("demo");
        DataSourceConfig ds = c.dataSources().get(c.databases().get("demo").dataSource());
        assertThat(ds.url()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/demo");
        assertThat(ds.user()).isEqualTo("root");
        assertThat(ds.password()).isEmpty();
    }

    @Test
    void passthroughFollowsTheEnvironment() {
        DbmeshConfig c = new ConfigLoader(new EnvSubstitution(Map.of(
                "DS0_URL", "jdbc:mariadb://10.1.1.1:3310/app", "DS0_USER", "app", "DS0_PASSWORD", "pw")::get))
                .loadResource("conf/dbmesh.yaml");
        DataSourceConfig ds = c.dataSources().get("ds0");
        assertThat(ds.url()).isEqualTo("jdbc:mariadb://10.1.1.1:3310/app");
        assertThat(ds.user()).isEqualTo("app");
        assertThat(ds.password()).isEqualTo("pw");
    }
}
