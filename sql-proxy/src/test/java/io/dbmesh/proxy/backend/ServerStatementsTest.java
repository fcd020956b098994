package io.dbmesh.proxy.backend;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The server-side statements a backend connection keeps: bounded, closed when dropped, keyed by what their meaning depends on. */
class ServerStatementsTest {
    private final List<String> closed = new ArrayList<>();

    private PreparedStatement statement(String name) {
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) closed.add(name);
                    if (method.getName().equals("toString")) return name;
                    return null;
                });
    }

    @Test
    void theLeastRecentlyUsedStatementBeyondTheCapacityIsClosed() {
        ServerStatements kept = new ServerStatements();
        for (int i = 0; i < ServerStatements.CAPACITY; i++) kept.put("s" + i, statement("s" + i));
        assertThat(kept.get("s0")).isNotNull(); // used: s1 is now the least recently used
        kept.put("new", statement("new"));
        assertThat(closed).containsExactly("s1");
        assertThat(kept.size()).isEqualTo(ServerStatements.CAPACITY);
        assertThat(kept.get("s1")).isNull();
        kept.remove("s0");
        assertThat(closed).containsExactly("s1", "s0");
        kept.put("new", statement("newer")); // replaced: the previous one is closed
        assertThat(closed).containsExactly("s1", "s0", "new");
    }

    @Test
    void theKeyDependsOnSchemaAndSystemVariablesButNotOnUserVariables() {
        ServerStatements kept = new ServerStatements();
        String sql = "SELECT * FROM t WHERE id = ?";
        ConnectionState initial = ConnectionState.INITIAL;
        assertThat(kept.key(initial, sql)).isEqualTo(sql);
        ConnectionState schema = initial.withSchema("other");
        ConnectionState mode = schema.withVariable("sql_mode", "'ANSI_QUOTES'");
        ConnectionState userVariable = schema.withVariable("@x", "1");
        List<String> keys = List.of(kept.key(initial, sql), kept.key(schema, sql), kept.key(mode, sql));
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(kept.key(userVariable, sql)).isEqualTo(kept.key(schema, sql));
        assertThat(kept.key(schema, sql)).isEqualTo(kept.key(schema, sql)).endsWith(sql);
    }
}
