package io.dbmesh.it.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The differential corpus on the test classpath: {@code differential/read/*.sql} (queries, run
 * against the freshly loaded data set), {@code differential/schema/*.sql} (metadata of the logical
 * tables: not compared with the scrambled mirror, whose physical tables differ on purpose) and
 * {@code differential/write/*.sql} (DML and read-back, run in file order after the reads because
 * they change the data).
 *
 * @param reads  statements by file name, files in name order
 * @param schema statements by file name, files in name order
 * @param writes statements by file name, files in name order
 */
public record Corpus(Map<String, List<CorpusStatement>> reads, Map<String, List<CorpusStatement>> schema,
                     Map<String, List<CorpusStatement>> writes) {
    static final String ROOT = "differential";

    public static Corpus load() {
        return new Corpus(directory("read"), directory("schema"), directory("write"));
    }

    public int size() {
        return Stream.of(reads, schema, writes).flatMap(m -> m.values().stream()).mapToInt(List::size).sum();
    }

    private static Map<String, List<CorpusStatement>> directory(String name) {
        String dir = ROOT + "/" + name;
        URL url = Corpus.class.getClassLoader().getResource(dir);
        if (url == null) {
            throw new IllegalStateException("corpus directory missing from the test classpath: " + dir);
        }
        Map<String, List<CorpusStatement>> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(Path.of(url.toURI()))) {
            paths.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".sql"))
                    .forEach(f -> files.put(f, CorpusReader.readResource(dir, f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }
}
