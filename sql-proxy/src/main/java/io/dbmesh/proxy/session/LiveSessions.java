package io.dbmesh.proxy.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The open sessions of one sidecar by connection id, so KILL can find the one it names. */
final class LiveSessions {
    private final Map<Long, SessionCommandHandler> byId = new ConcurrentHashMap<>();

    void add(long connectionId, SessionCommandHandler session) {
        byId.put(connectionId, session);
    }

    void remove(long connectionId, SessionCommandHandler session) {
        byId.remove(connectionId, session);
    }

    SessionCommandHandler get(long connectionId) {
        return byId.get(connectionId);
    }

    /** Every open session (a snapshot). */
    java.util.Collection<SessionCommandHandler> all() {
        return java.util.List.copyOf(byId.values());
    }

    int count() {
        return byId.size();
    }
}
