package io.dbmesh.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbmesh.proxy.config.ConfigException;
import io.dbmesh.proxy.config.ConfigLocation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DbmeshCommandTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private Result run(String... args) {
        CommandLine cl = DbmeshCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void invalidConfigIsOneLineAndExitCode2() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "listener: { port: 99999 }\nusers: [{ name: root }]\n");
        Result r = run("start", "--config", config.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("dbmesh: invalid configuration: " + config
                + ":1:19: 'listener.port' must be between 0 and 65535, got '99999'" + System.lineSeparator());
    }

    @Test
    void missingConfigFileIsAConfigError() {
        Result r = run("start", "--config", dir.resolve("none.yaml").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("dbmesh: invalid configuration: cannot read config file");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Result r = run("start", "--no-such-option");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--no-such-option'");
    }

    @Test
    void failuresNameWhatAndWhy() {
        Exception bind = new IllegalStateException("cannot listen on 127.0.0.1:3307", new BindException("Address already in use"));
        assertThat(Failures.describe(bind)).isEqualTo("could not start: cannot listen on 127.0.0.1:3307: Address already in use");
        assertThat(Failures.exitCode(bind)).isEqualTo(1);
        Exception wrapped = new RuntimeException(new ConfigException(new ConfigLocation("f.yaml", 3, 4), "bad"));
        assertThat(Failures.describe(wrapped)).isEqualTo("invalid configuration: f.yaml:3:4: bad");
        assertThat(Failures.exitCode(wrapped)).isEqualTo(2);
    }
}
