package io.dbmesh.proxy.session;

import java.util.HashMap;
import java.util.Map;

/** The prepared statements of one session, by the statement id handed to the client (from 1). */
final class PreparedStatementRegistry {
    private final Map<Integer, PreparedStatementEntry> byId = new HashMap<>();
    private int nextId = 1;

    int nextId() {
        int id = nextId++;
        if (nextId <= 0) {
            nextId = 1;
        }
        return id;
    }

    void add(PreparedStatementEntry entry) {
        byId.put(entry.id, entry);
    }

    PreparedStatementEntry get(int id) {
        return byId.get(id);
    }

    void remove(int id) {
        byId.remove(id);
    }

    java.util.Collection<PreparedStatementEntry> entries() {
        return byId.values();
    }

    void clear() {
        byId.clear();
    }

    int size() {
        return byId.size();
    }
}
