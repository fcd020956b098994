package io.dbmesh.sharding.plan;

import io.dbmesh.sharding.PhysicalStatement;
import io.dbmesh.core.result.Column;

import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * The result columns a prepared statement will have, for the COM_STMT_PREPARE answer, as far as its
 * plan tells without running it: known outright (a local answer), or those of one physical statement
 * to prepare on its backend less the columns the merge hides, or unknown (a write, a federated plan,
 * merged values whose types differ from the shards' partials). Clients accept unknown columns:
 * every execution sends its column definitions anyway.
 */
public sealed interface PreparedColumns {

    /** The columns themselves. */
    record Known(List<Column> columns) implements PreparedColumns {
        public Known {
            columns = List.copyOf(columns);
        }
    }

    /**
     * The columns of {@code statement} as its backend describes them when it prepares it, without
     * the last {@code hiddenColumns} (merge keys the client did not select).
     */
    record FromBackend(PhysicalStatement statement, int hiddenColumns) implements PreparedColumns {
        /** {@code described} (the backend's columns of the statement) without the hidden ones. */
        public List<Column> visible(List<Column> described) {
            return hiddenColumns > 0 && described.size() >= hiddenColumns
                    ? List.copyOf(described.subList(0, described.size() - hiddenColumns)) : described;
        }
    }

    /** Not known before an execution. */
    record Unknown() implements PreparedColumns {
    }

    PreparedColumns UNKNOWN = new Unknown();

    /**
     * The template bound with NULL for every parameter (or 0 where NULL is refused, e.g. LIMIT ?:
     * any value will do to learn the columns); unknown when neither binds.
     */
    static PreparedColumns of(PlanTemplate template) {
        Plan plan;
        try {
            plan = template.bind(Collections.nCopies(template.parameterCount(), null));
        } catch (SQLException nullsRefused) {
            try {
                plan = template.bind(Collections.nCopies(template.parameterCount(), (Object) 0L));
            } catch (SQLException refused) {
                return UNKNOWN;
            }
        }
        return plan.returnsRows() ? of(plan, 0) : UNKNOWN;
    }

    /** The columns of {@code plan}'s rows with {@code hidden} trailing columns dropped by the nodes above it. */
    private static PreparedColumns of(Plan plan, int hidden) {
        return switch (plan) {
            case Route r -> r.statements().isEmpty() ? UNKNOWN : new FromBackend(r.statements().get(0), hidden);
            case Values v -> new Known(v.columns());
            case Project p -> of(p.input(), hidden + p.hiddenColumns());
            case MergeSort m -> of(m.input(), hidden);
            case MemorySort s -> of(s.input(), hidden);
            case Distinct d -> of(d.input(), hidden);
            case Limit l -> of(l.input(), hidden);
            // merged values whose types differ from the shards' partials; renamed catalog rows
            case Aggregate a -> UNKNOWN;
            case LogicalTableNames n -> UNKNOWN;
            case Federated f -> UNKNOWN;
            case GeneratedKey g -> UNKNOWN;
        };
    }
}
