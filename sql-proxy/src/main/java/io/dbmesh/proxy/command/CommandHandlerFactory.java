package io.dbmesh.proxy.command;

import io.dbmesh.core.error.MySqlException;

/**
 * Opens the execution side of a client connection once the wire has authenticated it (and again
 * after COM_CHANGE_USER). Throws {@link MySqlException} to refuse, e.g. unknown database
 * (1049) or no grant (1044); the wire sends that as the ERR packet of the handshake.
 */
@FunctionalInterface
public interface CommandHandlerFactory {
    CommandHandler open(ClientInfo client) throws MySqlException;

    /** The version the execution side reports for VERSION(), which the handshake must agree with; null: the configured one. */
    default AdvertisedVersion version() {
        return null;
    }
}
