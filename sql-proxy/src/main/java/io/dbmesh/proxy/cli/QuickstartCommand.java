package io.dbmesh.proxy.cli;

import io.dbmesh.proxy.quickstart.Quickstart;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dbmesh quickstart [demo]}: embedded MariaDB + sidecar, for trying dbmesh in one command. */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Start embedded MariaDB backend(s), create a demo schema and run the sidecar on them;"
                + " Ctrl-C stops everything.")
final class QuickstartCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", defaultValue = "demo", paramLabel = "EXAMPLE",
            description = "demo (passthrough, the default) or the name of another conf/examples/*.yaml")
    String example;

    @Option(names = {"-p", "--port"}, description = "Listener port (default: the example's, 3307)")
    Integer port;

    @Override
    public Integer call() throws Exception {
        Lifecycle lifecycle = new Lifecycle();
        Quickstart quickstart = Quickstart.start(example, port);
        lifecycle.manage(quickstart);
        StartupBanner.print(quickstart.sidecar(), "quickstart " + example + ", MariaDB on 127.0.0.1:" + quickstart.backendPort());
        quickstart.printHowToConnect(System.out);
        lifecycle.awaitShutdown();
        return 0;
    }
}
