package io.dbmesh.sharding.route;

import io.dbmesh.sharding.parse.ValueRef;

import java.util.List;

/**
 * What a WHERE clause says about the shard key, reduced to what routing can use. Anything else
 * ({@code key = other_column}, functions, IS NULL under outer joins …) is {@link Any}: no
 * restriction, which is always correct.
 */
public sealed interface KeyCondition {

    record Any() implements KeyCondition {
    }

    record Equal(ValueRef value) implements KeyCondition {
    }

    record In(List<ValueRef> values) implements KeyCondition {
        public In {
            values = List.copyOf(values);
        }
    }

    /** Bounds from BETWEEN, &lt;, &lt;=, &gt;, &gt;=; a null bound is open. */
    record Range(ValueRef lower, boolean lowerInclusive, ValueRef upper, boolean upperInclusive) implements KeyCondition {
    }

    record And(List<KeyCondition> terms) implements KeyCondition {
        public And {
            terms = List.copyOf(terms);
        }
    }

    record Or(List<KeyCondition> terms) implements KeyCondition {
        public Or {
            terms = List.copyOf(terms);
        }
    }

    KeyCondition ANY = new Any();
}
