package io.dbmesh.sharding.plan;

import java.util.List;

/** The checks {@link Plan#withInputs} implementations share: the new inputs must fit the node. */
final class PlanInputs {
    private PlanInputs() {
    }

    /** The one input of a single-input node. */
    static Plan one(List<Plan> inputs, Plan node) {
        if (inputs.size() != 1) throw new IllegalArgumentException(node.label() + " takes one input, not " + inputs.size());
        return inputs.get(0);
    }

    /** A leaf itself: it takes no inputs. */
    static <P extends Plan> P none(List<Plan> inputs, P leaf) {
        if (!inputs.isEmpty()) throw new IllegalArgumentException(leaf.label() + " takes no inputs, not " + inputs.size());
        return leaf;
    }
}
