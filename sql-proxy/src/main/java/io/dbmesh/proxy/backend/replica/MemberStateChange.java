package io.dbmesh.proxy.backend.replica;

/** One state transition of one member, as logged and sent to {@link ReplicaStateListener}s. */
public record MemberStateChange(Member member, MemberStatus from, MemberStatus to) {

    @Override
    public String toString() {
        String lag = to.lagSeconds() == null ? "" : ", lag " + to.lagSeconds() + "s";
        String why = to.lastError() == null ? "" : ": " + to.lastError();
        return "replica group '" + member.group() + "': " + member.role().name().toLowerCase(java.util.Locale.ROOT)
                + " '" + member.name() + "' " + from.state().label() + " -> " + to.state().label() + lag + why;
    }
}
