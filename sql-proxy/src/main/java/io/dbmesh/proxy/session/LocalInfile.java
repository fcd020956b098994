package io.dbmesh.proxy.session;

import io.dbmesh.proxy.command.ResultSink;
import io.dbmesh.proxy.sql.StatementClassifier;
import io.dbmesh.proxy.sql.StatementKind;
import io.dbmesh.proxy.text.ClientCharset;

import java.io.IOException;
import java.io.InputStream;

/**
 * What a backend gets when it asks for a LOCAL INFILE: for the client's own {@code LOAD DATA LOCAL
 * INFILE} the client's file, asked from the client only when the backend asks (a statement the
 * backend refuses first, say for a missing table, never makes the client send anything); for every
 * other statement nothing — the sidecar never reads its own files for a backend.
 */
final class LocalInfile extends InputStream {
    /** For statements that are not the client's LOAD DATA LOCAL INFILE. */
    static final InputStream NONE = new InputStream() {
        @Override
        public int read() throws IOException {
            throw new IOException("dbmesh sends a backend a file only for the client's own LOAD DATA LOCAL INFILE");
        }
    };

    private final byte[] fileName;
    private final ResultSink sink;
    private InputStream client;

    private LocalInfile(byte[] fileName, ResultSink sink) {
        this.fileName = fileName;
        this.sink = sink;
    }

    /** The file stream of {@code sql}: the client's for its LOAD DATA LOCAL INFILE, else {@link #NONE}. */
    static InputStream of(String sql, StatementKind kind, ResultSink sink, ClientCharset charset) {
        if (kind != StatementKind.DML) return NONE;
        String name = StatementClassifier.loadLocalFileName(sql);
        return name == null ? NONE : new LocalInfile(name.getBytes(charset.java()), sink);
    }

    /** Reads whatever the client still sends of a file it was asked for (nothing when it was not asked). */
    static void finish(InputStream file) {
        if (file instanceof LocalInfile l && l.client != null) {
            try {
                l.client.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private InputStream client() throws IOException {
        if (client == null) {
            client = sink.clientFile(fileName);
            if (client == null) throw new IOException("the client does not send local files (no CLIENT_LOCAL_FILES)");
        }
        return client;
    }

    @Override
    public int read() throws IOException {
        return client().read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return client().read(b, off, len);
    }
}
