package io.dbmesh.sharding.route;

import java.util.BitSet;

/** The node indexes a statement must reach, and the opcode that explains why. */
public record Targets(RouteOpcode opcode, BitSet nodes) {
}
