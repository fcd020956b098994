package io.dbmesh.sharding.parse;

import java.util.List;

/**
 * A text statement with some literals replaced by {@code ?} ({@link #text}) and their values in
 * order ({@link #values}: Long, BigDecimal or String), so statements that differ only in those
 * literals share one analysed plan. {@link #rows}: where the rows of an INSERT / REPLACE VALUES list
 * are in {@link #text} (empty for other statements), so a multi-row statement can be planned as one row.
 */
public record NormalizedStatement(String text, List<Object> values, List<ValuesRow> rows) {

    public NormalizedStatement {
        values = List.copyOf(values);
        rows = List.copyOf(rows);
    }

    public NormalizedStatement(String text, List<Object> values) {
        this(text, values, List.of());
    }

    /**
     * One parenthesised row of a VALUES list: {@code text.substring(start, end)} is {@code (…)}, and
     * its normalized values are {@code values.subList(firstValue, firstValue + valueCount)}.
     * {@code sourceStart, sourceEnd}: the same row in the normalized statement's source text (from its
     * {@code (} to its {@code )}, both included), or -1, -1 when a comment (an executable one
     * included) is inside the row, so that its text as written is no plain copy of its tokens.
     */
    public record ValuesRow(int start, int end, int firstValue, int valueCount, int sourceStart, int sourceEnd) {

        /** Whether {@link #sourceStart}/{@link #sourceEnd} give the row's text as written (no comment inside). */
        public boolean hasSource() {
            return sourceStart >= 0;
        }
    }
}
