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
     */
    public record ValuesRow(int start, int end, int firstValue, int valueCount) {
    }
}
