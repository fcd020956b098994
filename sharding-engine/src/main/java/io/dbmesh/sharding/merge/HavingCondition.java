package io.dbmesh.sharding.merge;

import io.dbmesh.core.result.RowCursor;

import java.util.List;

/**
 * A HAVING condition evaluated over the merged row (after the aggregates are combined), with SQL's
 * three-valued logic: {@link #test} returns TRUE, FALSE or null for UNKNOWN; only TRUE keeps a row.
 * Built by {@link HavingCompiler}, which rejects at plan time whatever it cannot evaluate exactly.
 */
public sealed interface HavingCondition {

    Boolean test(RowCursor row);

    /** A value in a comparison: a column of the merged row or a literal in the column's text form. */
    sealed interface Operand {
        byte[] value(RowCursor row);
    }

    record ColumnRef(int index) implements Operand {
        @Override
        public byte[] value(RowCursor row) {
            return row.value(index);
        }
    }

    record Literal(byte[] text) implements Operand {
        @Override
        public byte[] value(RowCursor row) {
            return text;
        }
    }

    enum Op {
        EQ, NE, LT, LE, GT, GE;

        boolean holds(int c) {
            return switch (this) {
                case EQ -> c == 0;
                case NE -> c != 0;
                case LT -> c < 0;
                case LE -> c <= 0;
                case GT -> c > 0;
                case GE -> c >= 0;
            };
        }
    }

    /** left op right under the comparison the operands' types call for; NULL on either side is UNKNOWN. */
    record Compare(Op op, Operand left, Operand right, ValueComparator comparator) implements HavingCondition {
        @Override
        public Boolean test(RowCursor row) {
            byte[] a = left.value(row), b = right.value(row);
            if (a == null || b == null) return null;
            return op.holds(comparator.compare(a, b));
        }
    }

    record IsNull(Operand operand, boolean negated) implements HavingCondition {
        @Override
        public Boolean test(RowCursor row) {
            return (operand.value(row) == null) != negated;
        }
    }

    /** A numeric value used as a condition: true when non-zero (HAVING COUNT(x)). */
    record Truthy(Operand operand, ValueComparator comparator, byte[] zero) implements HavingCondition {
        @Override
        public Boolean test(RowCursor row) {
            byte[] v = operand.value(row);
            return v == null ? null : comparator.compare(v, zero) != 0;
        }
    }

    record Not(HavingCondition condition) implements HavingCondition {
        @Override
        public Boolean test(RowCursor row) {
            Boolean b = condition.test(row);
            return b == null ? null : !b;
        }
    }

    record And(List<HavingCondition> conditions) implements HavingCondition {
        @Override
        public Boolean test(RowCursor row) {
            boolean unknown = false;
            for (HavingCondition c : conditions) {
                Boolean b = c.test(row);
                if (b == null) unknown = true;
                else if (!b) return false;
            }
            return unknown ? null : true;
        }
    }

    record Or(List<HavingCondition> conditions) implements HavingCondition {
        @Override
        public Boolean test(RowCursor row) {
            boolean unknown = false;
            for (HavingCondition c : conditions) {
                Boolean b = c.test(row);
                if (b == null) unknown = true;
                else if (b) return true;
            }
            return unknown ? null : false;
        }
    }
}
