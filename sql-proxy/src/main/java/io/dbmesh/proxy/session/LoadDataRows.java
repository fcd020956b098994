package io.dbmesh.proxy.session;

import io.dbmesh.proxy.sql.LoadDataStatement;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rows of a LOAD DATA file as MariaDB splits them (sql_load.cc): fields ended by FIELDS
 * TERMINATED BY, lines by LINES TERMINATED BY, a line's text before LINES STARTING BY skipped (a
 * line without it skipped whole), fields optionally enclosed (a doubled enclosure is one), the
 * escape character taking the next one literally or as {@code \0 \b \n \r \t \Z}, {@code \N} (or
 * an unenclosed {@code NULL} when fields are enclosed) as NULL. Reads the file as it arrives
 * through a fixed buffer: memory does not grow with the file.
 */
final class LoadDataRows {
    /** A field that is SQL NULL. */
    static final byte[] NULL = new byte[0];
    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final LoadDataStatement load;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private boolean eof;

    LoadDataRows(InputStream in, LoadDataStatement load) {
        this.in = in;
        this.load = load;
    }

    /** Ensures {@code n} bytes are buffered from pos if the file has them; false when it has fewer. */
    private boolean available(int n) throws IOException {
        if (limit - pos >= n) return true;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        while (!eof && limit < n) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) eof = true;
            else limit += r;
        }
        return limit - pos >= n;
    }

    private boolean at(byte[] token) throws IOException {
        if (token.length == 0 || !available(token.length)) return false;
        for (int i = 0; i < token.length; i++) {
            if (buf[pos + i] != token[i]) return false;
        }
        return true;
    }

    /** The next row's fields ({@link #NULL} for SQL NULL), or null at the end of the file. */
    List<byte[]> next() throws IOException {
        while (true) {
            if (!available(1)) return null;
            if (load.linesStartingBy().length > 0 && !skipToStart()) return null;
            List<byte[]> row = readLine();
            if (row != null) return row;
        }
    }

    /** Skips to just after LINES STARTING BY within the line; false at the end of the file. */
    private boolean skipToStart() throws IOException {
        while (available(1)) {
            if (at(load.linesStartingBy())) {
                pos += load.linesStartingBy().length;
                return true;
            }
            pos++;
        }
        return false;
    }

    private enum End { FIELD, LINE, FILE }

    private final ByteArrayOutputStream field = new ByteArrayOutputStream();
    private End end;

    private List<byte[]> readLine() throws IOException {
        List<byte[]> fields = new ArrayList<>();
        do {
            fields.add(readField());
        } while (end == End.FIELD);
        return fields;
    }

    /** One field, up to and past what ends it ({@link #end}). */
    private byte[] readField() throws IOException {
        byte[] fieldEnd = load.fieldsTerminatedBy();
        byte[] lineEnd = load.linesTerminatedBy();
        int enclosure = load.enclosedBy();
        int escape = load.escapedBy();
        field.reset();
        boolean enclosed = enclosure != 0 && available(1) && (buf[pos] & 0xff) == enclosure;
        if (enclosed) pos++;
        boolean inside = enclosed;
        boolean escapedN = false; // the field so far is just \N
        while (true) {
            if (!available(1)) {
                end = End.FILE;
                break;
            }
            int c = buf[pos] & 0xff;
            if (escape != 0 && c == escape && available(2)) {
                int e = buf[pos + 1] & 0xff;
                escapedN = e == 'N' && field.size() == 0 && !enclosed;
                field.write(unescape(e));
                pos += 2;
                continue;
            }
            if (inside) {
                pos++;
                if (c != enclosure) {
                    field.write(c);
                } else if (available(1) && (buf[pos] & 0xff) == enclosure) {
                    field.write(c); // a doubled enclosure is one
                    pos++;
                } else if (!available(1) || at(fieldEnd) || at(lineEnd)) {
                    inside = false; // closed: a terminator follows
                } else {
                    field.write(c); // an enclosure character within the field
                }
                escapedN = false;
                continue;
            }
            if (at(lineEnd)) {
                pos += lineEnd.length;
                end = End.LINE;
                break;
            }
            if (at(fieldEnd)) {
                pos += fieldEnd.length;
                end = End.FIELD;
                break;
            }
            field.write(c);
            pos++;
            escapedN = false;
        }
        byte[] value = field.toByteArray();
        if (escapedN && value.length == 1) return NULL;
        if (!enclosed && enclosure != 0 && Arrays.equals(value, NULL_WORD)) return NULL;
        return value;
    }

    private static final byte[] NULL_WORD = {'N', 'U', 'L', 'L'};

    private static int unescape(int e) {
        return switch (e) {
            case '0' -> 0;
            case 'b' -> '\b';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'Z' -> 0x1a;
            default -> e;
        };
    }
}
