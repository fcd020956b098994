package io.dbmesh.proxy.backend.replica;

import io.dbmesh.proxy.config.LoadBalancing;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Picks one of a group's currently eligible replicas for a read. */
public sealed interface LoadBalancer {

    /** @param candidates eligible replicas, never empty */
    Member choose(List<Member> candidates);

    static LoadBalancer of(LoadBalancing policy) {
        return switch (policy) {
            case ROUND_ROBIN -> new RoundRobin();
            case RANDOM -> new Random();
            case WEIGHTED -> new Weighted();
            case LEAST_CONNECTIONS -> new LeastConnections();
        };
    }

    /** Each read to the next replica; the candidate list may change between calls (health), which is fine. */
    final class RoundRobin implements LoadBalancer {
        private final AtomicInteger next = new AtomicInteger();

        @Override
        public Member choose(List<Member> candidates) {
            return candidates.get(Math.floorMod(next.getAndIncrement(), candidates.size()));
        }
    }

    final class Random implements LoadBalancer {
        @Override
        public Member choose(List<Member> candidates) {
            return candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
        }
    }

    /** In proportion to weight; weight 0 means "only when no weighted replica is eligible". */
    final class Weighted implements LoadBalancer {
        @Override
        public Member choose(List<Member> candidates) {
            long total = 0;
            for (Member m : candidates) total += m.weight();
            if (total == 0) return candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
            long ticket = ThreadLocalRandom.current().nextLong(total);
            for (Member m : candidates) {
                ticket -= m.weight();
                if (ticket < 0) return m;
            }
            return candidates.getLast();
        }
    }

    /**
     * Fewest statements in flight through this sidecar (other clients of the replica are
     * invisible to us); ties go round-robin so an idle group still spreads reads.
     */
    final class LeastConnections implements LoadBalancer {
        private final AtomicInteger tieBreak = new AtomicInteger();

        @Override
        public Member choose(List<Member> candidates) {
            int start = Math.floorMod(tieBreak.getAndIncrement(), candidates.size());
            Member best = null;
            for (int k = 0; k < candidates.size(); k++) {
                Member m = candidates.get((start + k) % candidates.size());
                if (best == null || m.inFlight() < best.inFlight()) best = m;
            }
            return best;
        }
    }
}
