package io.dbmesh.sharding.merge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/**
 * Primary weights of every BMP code point under one MariaDB collation, as MariaDB's own
 * {@code WEIGHT_STRING()} reports them (dumped by {@code sharding-engine/tools/dump-collation-weights.py}
 * into {@code collation/<name>.weights.gz}). Taking the table from the server rather than
 * re-deriving MariaDB's folding rules is what Vitess does too: it is the only way to be exactly
 * right about odd characters (ß = s in general_ci but ss in unicode_ci, Ø, ı, ligatures …).
 *
 * <p>A code point maps to zero (ignorable), one, or several (expansions) 16-bit weights.
 */
final class WeightTable {
    private static final int BMP = 0x10000;

    /** weights of code point c are weights[offsets[c] .. offsets[c + 1]). */
    private final int[] offsets;
    private final char[] weights;

    private WeightTable(int[] offsets, char[] weights) {
        this.offsets = offsets;
        this.weights = weights;
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, WeightTable> LOADED =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The table of that name, loaded once per process (about 250 KiB each, only when used). */
    static WeightTable shared(String tableName) {
        return LOADED.computeIfAbsent(tableName, WeightTable::load);
    }

    private static WeightTable load(String tableName) {
        String resource = "collation/" + tableName + ".weights.gz";
        try (InputStream raw = WeightTable.class.getResourceAsStream(resource)) {
            if (raw == null) throw new IllegalStateException("missing collation table " + resource);
            byte[] data = readAll(new GZIPInputStream(raw));
            int[] offsets = new int[BMP + 1];
            char[] weights = new char[(data.length - BMP) / 2];
            int p = 0, w = 0;
            for (int cp = 0; cp < BMP; cp++) {
                offsets[cp] = w;
                int n = data[p++] & 0xff;
                for (int k = 0; k < n; k++, p += 2) weights[w++] = (char) (((data[p] & 0xff) << 8) | (data[p + 1] & 0xff));
            }
            offsets[BMP] = w;
            return new WeightTable(offsets, weights);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read collation table " + resource, e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 18);
        in.transferTo(out);
        return out.toByteArray();
    }

    int start(int codePoint) {
        return offsets[codePoint];
    }

    int end(int codePoint) {
        return offsets[codePoint + 1];
    }

    char weight(int index) {
        return weights[index];
    }
}
