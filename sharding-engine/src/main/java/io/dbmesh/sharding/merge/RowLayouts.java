package io.dbmesh.sharding.merge;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.RowCursor;

import java.util.List;

/**
 * Whether the shards' rows of a merge that passes rows on unchanged (concatenation, merge sort) may
 * go to the client as the shards' own binary rows ({@link RowCursor#binaryRow}): only when every
 * input describes its columns as the first one does — the client decodes each row by the first
 * input's column definitions. Physical tables of one logical table normally agree; a shard altered
 * apart from the others does not, and its rows then go through their values.
 */
final class RowLayouts {
    private RowLayouts() {
    }

    static boolean same(List<RowCursor> inputs) {
        List<Column> first = inputs.get(0).columns();
        for (int i = 1; i < inputs.size(); i++) {
            List<Column> other = inputs.get(i).columns();
            if (other.size() != first.size()) return false;
            for (int c = 0; c < first.size(); c++) {
                Column a = first.get(c), b = other.get(c);
                if (a.type() != b.type() || a.flags() != b.flags() || a.decimals() != b.decimals()
                        || a.charset() != b.charset() || a.length() != b.length()) return false;
            }
        }
        return true;
    }
}
