package io.dbmesh.proxy.encode;

import io.dbmesh.proxy.codec.Frame;

/**
 * The client's next packets while a command is being answered: what a LOAD DATA LOCAL INFILE
 * request reads the client's file from. The connection checks the sequence id and continues the
 * reply after the frame; a client that is gone unwinds the command.
 */
@FunctionalInterface
public interface ClientPackets {

    /** The next frame, which must carry {@code expectedSequenceId}; the caller releases it. */
    Frame next(int expectedSequenceId);
}
