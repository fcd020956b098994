package io.dbmesh.proxy.testing;

import io.dbmesh.proxy.command.ClientInfo;
import io.dbmesh.proxy.command.CommandHandler;
import io.dbmesh.proxy.command.CommandHandlerFactory;
import io.dbmesh.core.error.MySqlException;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Opens {@link ScriptedHandler}s and remembers them; database "nope" is unknown, "secret" not granted. */
public final class ScriptedFactory implements CommandHandlerFactory {
    public final List<ScriptedHandler> opened = new CopyOnWriteArrayList<>();

    @Override
    public CommandHandler open(ClientInfo client) throws MySqlException {
        if ("nope".equals(client.database())) throw MySqlException.unknownDatabase("nope");
        if ("secret".equals(client.database())) {
            throw MySqlException.accessDeniedToDatabase(client.user(), "127.0.0.1", "secret");
        }
        ScriptedHandler h = new ScriptedHandler(client);
        opened.add(h);
        return h;
    }

    public ScriptedHandler last() {
        return opened.getLast();
    }
}
