package io.dbmesh.proxy.encode;

/** A response writer that knows whether the command's answer is complete. */
public interface CommandResponse {

    /** True once the last result (more = false) or an error was written. */
    boolean finished();
}
