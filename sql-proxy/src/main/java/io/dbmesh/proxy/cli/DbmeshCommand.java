package io.dbmesh.proxy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code dbmesh}: the command line of the sidecar (the fat jar's main class).
 * <pre>
 *   dbmesh start --config conf/dbmesh.yaml
 *   dbmesh quickstart [demo]
 * </pre>
 * Exit codes: 0 after a clean shutdown, 2 for an invalid configuration or usage, 1 when start-up
 * failed otherwise. Failures print one line, never a stack trace (set DBMESH_DEBUG=1 for one).
 */
@Command(name = "dbmesh", mixinStandardHelpOptions = true, versionProvider = DbmeshCommand.Version.class,
        description = "A MySQL-protocol database mesh sidecar in front of MariaDB/MySQL servers.",
        subcommands = {StartCommand.class, QuickstartCommand.class})
public final class DbmeshCommand implements Runnable {
    static final int EXIT_START_FAILED = 1;
    static final int EXIT_INVALID_CONFIG = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        quietLibraryLogging();
        int code = commandLine().execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new DbmeshCommand());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("dbmesh: " + Failures.describe(e));
            if (System.getenv("DBMESH_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return Failures.exitCode(e);
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * slf4j-simple reads these on first use: keep our INFO lines, but only warnings from libraries
     * that narrate their internals (pool start-up, embedded MariaDB output).
     */
    private static void quietLibraryLogging() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setIfAbsent("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.ch.vorburger", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.io.netty", "warn");
        // Connector/J writes every error a backend returns as a WARN line; the sidecar hands those
        // errors to its client, so a client sending bad SQL would otherwise add a log line per statement
        setIfAbsent("org.slf4j.simpleLogger.log.org.mariadb.jdbc.message.server.ErrorPacket", "error");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** The Maven version baked into the jar (pom.properties), or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"dbmesh " + version()};
        }

        static String version() {
            try (InputStream in = DbmeshCommand.class.getResourceAsStream("/META-INF/maven/io.dbmesh/sql-proxy/pom.properties")) {
                if (in == null) {
                    return "dev";
                }
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "dev");
            } catch (IOException e) {
                return "dev";
            }
        }
    }
}
