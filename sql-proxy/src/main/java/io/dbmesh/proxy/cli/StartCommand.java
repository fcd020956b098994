package io.dbmesh.proxy.cli;

import io.dbmesh.proxy.Sidecar;
import io.dbmesh.proxy.config.ConfigLoader;
import io.dbmesh.proxy.config.DbmeshConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dbmesh start --config FILE}: validate the config, start the sidecar, run until stopped. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Start the sidecar with a configuration file; runs until Ctrl-C / SIGTERM.")
final class StartCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML configuration (default: conf/dbmesh.yaml of the installation)")
    Path config;

    @Option(names = "--check", description = "Only validate the configuration, then exit (0 when valid)")
    boolean checkOnly;

    @Override
    public Integer call() throws Exception {
        Path file = config != null ? config : defaultConfig();
        DbmeshConfig loaded = ConfigLoader.load(file);
        if (checkOnly) {
            System.out.println("dbmesh: " + file + " is valid");
            return 0;
        }
        Lifecycle lifecycle = new Lifecycle();
        Sidecar sidecar = Sidecar.start(loaded);
        lifecycle.manage(sidecar);
        StartupBanner.print(sidecar, "config " + file);
        lifecycle.awaitShutdown();
        return 0;
    }

    private static Path defaultConfig() {
        String home = System.getProperty("dbmesh.home");
        Path candidate = home != null ? Path.of(home, "conf", "dbmesh.yaml") : Path.of("conf", "dbmesh.yaml");
        if (!Files.exists(candidate)) {
            throw new IllegalArgumentException("no --config given and no " + candidate + " found");
        }
        return candidate;
    }
}
