package io.dbmesh.mesh.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.dbmesh.mesh.telemetry.TelemetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * One JSON object per line, to standard output or to a file rotated by size: when a write would
 * take the file past {@code max_size}, {@code file} becomes {@code file.1} ({@code file.1} →
 * {@code file.2}, …, the oldest beyond {@code max_files} deleted) and a new file starts. Writes are
 * synchronized: slow and audit lines are rare next to statements, and a line must never interleave
 * with another. A failing disk is logged once and the line dropped: logging must not fail a statement.
 */
public final class JsonLinesLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JsonLinesLog.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final TelemetryConfig.LogTarget target;
    private OutputStream out;
    private long size;
    private boolean failed;

    public JsonLinesLog(TelemetryConfig.LogTarget target) {
        this.target = target;
    }

    /** Writes one line with these fields, in their order (values: String, Number, Boolean or null). */
    public void write(Map<String, Object> fields) {
        byte[] line = encode(fields);
        synchronized (this) {
            try {
                if (target.file() == null) {
                    System.out.write(line);
                    System.out.flush();
                    return;
                }
                if (out == null) open();
                if (size > 0 && size + line.length > target.maxSize()) rotate();
                out.write(line);
                out.flush();
                size += line.length;
            } catch (IOException e) {
                if (!failed) log.error("cannot write {}: {} (further lines are dropped until it works)", target.file(), e.toString());
                failed = true;
                closeQuietly();
            }
        }
    }

    static byte[] encode(Map<String, Object> fields) {
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                Object v = e.getValue();
                if (v == null) continue;
                g.writeFieldName(e.getKey());
                if (v instanceof Number n) {
                    if (n instanceof Double || n instanceof Float) g.writeNumber(n.doubleValue());
                    else g.writeNumber(n.longValue());
                } else if (v instanceof Boolean b) {
                    g.writeBoolean(b);
                } else {
                    g.writeString(v.toString());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        w.write('\n');
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void open() throws IOException {
        Path file = target.file();
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
        failed = false;
    }

    private void rotate() throws IOException {
        out.close();
        out = null;
        Path file = target.file();
        Files.deleteIfExists(numbered(file, target.maxFiles()));
        for (int i = target.maxFiles() - 1; i >= 1; i--) {
            Path from = numbered(file, i);
            if (Files.exists(from)) Files.move(from, numbered(file, i + 1), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(file, numbered(file, 1), StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    static Path numbered(Path file, int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // already failing
            }
            out = null;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
