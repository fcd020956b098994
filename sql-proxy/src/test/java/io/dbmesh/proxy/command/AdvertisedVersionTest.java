package io.dbmesh.proxy.command;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class AdvertisedVersionTest {

    @Test
    void theBackendsVersionWithADbmeshSuffixThatKeepsMariaDb() {
        AdvertisedVersion v = AdvertisedVersion.ofBackend(CompletableFuture.completedFuture("10.11.19-MariaDB-0+deb12u1"));
        assertThat(v.reported()).isEqualTo("10.11.19-MariaDB-dbmesh");
        assertThat(v.announced()).isEqualTo("5.5.5-10.11.19-MariaDB-dbmesh");
        assertThat(AdvertisedVersion.ofBackend(CompletableFuture.completedFuture("11.4.2-MariaDB-log")).announced())
                .as("MariaDB 11 dropped the 5.5.5- prefix").isEqualTo("11.4.2-MariaDB-dbmesh");
        assertThat(AdvertisedVersion.ofBackend(CompletableFuture.completedFuture("8.0.36")).announced()).isEqualTo("8.0.36-dbmesh");
        assertThat(AdvertisedVersion.ofBackend(CompletableFuture.failedFuture(new RuntimeException("down"))).reported())
                .isEqualTo(AdvertisedVersion.FALLBACK);
    }

    @Test
    void aConfiguredVersionIsKeptWithTheMariaDbForms() {
        assertThat(AdvertisedVersion.configured("10.11.0-dbmesh").announced()).isEqualTo("5.5.5-10.11.0-MariaDB-dbmesh");
        assertThat(AdvertisedVersion.configured("10.11.0-dbmesh").reported()).isEqualTo("10.11.0-MariaDB-dbmesh");
        assertThat(AdvertisedVersion.configured("5.5.5-10.6.1-MariaDB-log").reported()).isEqualTo("10.6.1-MariaDB-log");
        assertThat(AdvertisedVersion.configured("8.0.36-dbmesh").announced()).isEqualTo("8.0.36-dbmesh");
        assertThat(AdvertisedVersion.configured(null).reported()).isEqualTo(AdvertisedVersion.FALLBACK);
    }

    /** Flyway's MySQLDatabase: MariaDB is recognised (and its version read) by this pattern on VERSION(). */
    @Test
    void flywayReadsItAsMariaDb() {
        Pattern mariadb = Pattern.compile("(\\d+\\.\\d+)\\.\\d+(-\\d+)*-MariaDB(-\\w+)*");
        Matcher m = mariadb.matcher(AdvertisedVersion.fromBackend("10.11.19-MariaDB-0+deb12u1"));
        assertThat(m.matches()).isTrue();
        assertThat(m.group(1)).isEqualTo("10.11");
    }

    /**
     * SQLAlchemy's MySQLDialect._parse_server_version: split on [.-+], digits are version parts, a
     * "MariaDB…" token marks MariaDB and its normalized version is the three parts before it.
     */
    @Test
    void sqlAlchemyReadsItAsMariaDb() {
        for (String s : List.of(AdvertisedVersion.ofBackend(CompletableFuture.completedFuture("10.11.19-MariaDB-0+deb12u1")).announced(),
                AdvertisedVersion.fromBackend("10.11.19-MariaDB-0+deb12u1"))) {
            List<Integer> version = new ArrayList<>();
            List<Integer> normalized = null;
            for (String token : s.split("[.\\-+]")) {
                Matcher t = Pattern.compile("^(?:(\\d+)(?:a|b|c)?|(MariaDB\\w*))$").matcher(token);
                if (!t.matches()) continue;
                if (t.group(2) != null) normalized = List.copyOf(version.subList(Math.max(0, version.size() - 3), version.size()));
                else version.add(Integer.parseInt(t.group(1)));
            }
            assertThat(normalized).as(s).containsExactly(10, 11, 19);
        }
    }
}
