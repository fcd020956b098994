package io.dbmesh.sharding.plan;

import io.dbmesh.sharding.parse.NormalizedStatement;
import io.dbmesh.sharding.parse.NormalizedStatement.ValuesRow;

import java.util.List;

/**
 * A normalized multi-row INSERT / REPLACE whose VALUES rows all read the same ({@code (?, ?, ?, ?)}
 * as bulk loads such as {@code sysbench prepare} or a dump send them), seen as its one-row statement
 * ({@link #oneRow}) and a row count. The planner analyses the one-row text once — a small AST, one
 * cache entry for every row count — and binds it once per row ({@link RowTemplate}), instead of
 * parsing an AST of every row of every statement (seconds and tens of MB for a 2,000-row INSERT,
 * and a cache entry per distinct row count).
 *
 * <p>{@code source}: the text the statement was normalized from when every row's text as written is
 * known ({@link ValuesRow#hasSource()}), else null; {@code rows}: the rows, in client order. With
 * it a template whose rows need nothing but routing copies each row's text into its shard's
 * statement ({@link RowTemplate#bindRowsAsWritten}) instead of rendering its values again.
 */
record FoldedRows(String oneRow, int rowCount, int valuesPerRow, String source, List<ValuesRow> rows) {

    /**
     * The folded form, or null when the statement has fewer than two rows or rows that differ.
     * {@code source}: the text {@code n} was normalized from (null: not known).
     */
    static FoldedRows of(NormalizedStatement n, String source) {
        List<ValuesRow> rows = n.rows();
        if (rows.size() < 2) return null;
        String text = n.text();
        ValuesRow first = rows.get(0);
        int length = first.end() - first.start();
        int k = first.valueCount();
        if (first.firstValue() != 0 || (long) k * rows.size() != n.values().size()) return null;
        for (int r = 1; r < rows.size(); r++) {
            ValuesRow row = rows.get(r);
            if (row.end() - row.start() != length || row.valueCount() != k || row.firstValue() != r * k
                    || !text.regionMatches(row.start(), text, first.start(), length)
                    || !onlyComma(text, rows.get(r - 1).end(), row.start())) {
                return null;
            }
        }
        String oneRow = text.substring(0, first.end()) + text.substring(rows.get(rows.size() - 1).end());
        if (source != null) {
            for (ValuesRow row : rows) {
                if (!row.hasSource() || row.sourceEnd() > source.length()) {
                    source = null;
                    break;
                }
            }
        }
        return new FoldedRows(oneRow, rows.size(), k, source, rows);
    }

    /** Whether {@code text[from, to)} is a comma with only whitespace around it (no comment, no other word). */
    private static boolean onlyComma(String text, int from, int to) {
        boolean comma = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == ',' && !comma) comma = true;
            else if (!Character.isWhitespace(c)) return false;
        }
        return comma;
    }

    /** A template that can bind a folded statement: its one row with each row's values in turn. */
    interface RowTemplate extends PlanTemplate {
        /** {@code values}: {@code rowCount} consecutive runs of {@link #parameterCount()} values. */
        Plan bindRows(List<Object> values, int rowCount) throws java.sql.SQLException;

        /**
         * As {@link #bindRows} for a statement whose values are all plain literals (no prepared
         * statement's {@code ?}), each row's physical text being its text as written in
         * {@code folded.source()}; null when the rows need more than routing (a generated key, an
         * ON DUPLICATE KEY UPDATE or other suffix), or their text as written is not known: then
         * {@link #bindRows} with the values rendered as literals.
         */
        default Plan bindRowsAsWritten(FoldedRows folded, List<Object> values) throws java.sql.SQLException {
            return null;
        }
    }
}
