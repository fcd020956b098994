package io.dbmesh.proxy.session;

import io.dbmesh.proxy.backend.BackendConnection;

import java.util.function.Supplier;

/**
 * A passthrough COM_STMT_EXECUTE run in the binary protocol: the physical statement's text keeps
 * its {@code ?}, the backend prepares it once per connection and {@code binder} binds this
 * execution's values. {@code text} is the same execution with the values spliced in, for the one
 * case the executor cannot send binary (a traceparent comment must prefix the text).
 */
record PreparedBinding(BackendConnection.ParameterBinder binder, Supplier<String> text) {
}
