package io.dbmesh.sharding.parse;

import java.util.List;

/**
 * A value the router needs, known at plan time (a literal) or at execution (a {@code ?} marker,
 * 0-based), so a prepared statement is analysed once and routed per execution.
 */
public sealed interface ValueRef {

    Object resolve(List<Object> parameters);

    record Literal(Object value) implements ValueRef {
        @Override
        public Object resolve(List<Object> parameters) {
            return value;
        }

        @Override
        public String toString() {
            return String.valueOf(value);
        }
    }

    record Param(int index) implements ValueRef {
        @Override
        public Object resolve(List<Object> parameters) {
            if (index >= parameters.size()) throw new IllegalArgumentException("parameter " + (index + 1) + " is not bound");
            return parameters.get(index);
        }

        @Override
        public String toString() {
            return "?" + (index + 1);
        }
    }
}
