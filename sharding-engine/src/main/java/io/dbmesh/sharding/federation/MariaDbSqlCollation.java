package io.dbmesh.sharding.federation;

import io.dbmesh.sharding.merge.Collation;
import org.apache.calcite.sql.SqlCollation;

import java.nio.charset.StandardCharsets;
import java.text.CollationKey;
import java.text.Collator;
import java.util.Locale;

/**
 * A MariaDB collation attached to Calcite's VARCHAR columns, so that comparisons and ORDER BY that
 * Calcite computes in a federated query order strings as MariaDB would ('a' = 'A', 'é' after 'd'
 * in utf8mb4_general_ci) rather than by UTF-16 code units.
 *
 * <p>Equality between two string columns is rewritten by {@link CollatedEquality}; filters against
 * literals are pushed to the shards and evaluated by MariaDB. Limit: Calcite's GROUP BY, DISTINCT
 * and UNION use Java string equality, so values that differ only in case or accents stay distinct
 * there (MariaDB would treat them as equal).
 */
final class MariaDbSqlCollation extends SqlCollation {
    private final transient Collation collation;

    MariaDbSqlCollation(Collation collation) {
        super(Coercibility.IMPLICIT, Locale.ROOT, CalciteCharset.get(), collation.name());
        this.collation = collation;
    }

    /** The MariaDB collation this stands for. */
    Collation mariaDb() {
        return collation;
    }

    @Override
    public Collator getCollator() {
        return new MariaDbCollator(collation);
    }

    private static final class MariaDbCollator extends Collator {
        private final Collation collation;

        MariaDbCollator(Collation collation) {
            this.collation = collation;
        }

        @Override
        public int compare(String a, String b) {
            return collation.compare(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public CollationKey getCollationKey(String source) {
            byte[] key = collation.key(source.getBytes(StandardCharsets.UTF_8));
            return new CollationKey(source) {
                @Override
                public int compareTo(CollationKey target) {
                    return MariaDbCollator.this.compare(getSourceString(), target.getSourceString());
                }

                @Override
                public byte[] toByteArray() {
                    return key.clone();
                }
            };
        }

        @Override
        public int hashCode() {
            return collation.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MariaDbCollator other && other.collation == collation;
        }
    }
}
