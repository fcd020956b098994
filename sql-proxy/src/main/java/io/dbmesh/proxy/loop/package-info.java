/**
 * One thread for a round trip: the Netty event loops that serve clients also carry the connections'
 * command threads ({@link io.dbmesh.proxy.loop.LoopThreads}) and the backend sockets Connector/J
 * reads and writes ({@link io.dbmesh.proxy.loop.LoopSocket}).
 *
 * <p>Why: on a small machine shared with the application and the database, a point select through
 * the sidecar used to cross three threads (event loop → command thread's carrier → the JDK's socket
 * poller → carrier → event loop), and each crossing is a futex or eventfd wake-up and a context switch,
 * which cost more than everything the sidecar computes. With this package the whole round trip
 * (client read, backend write, backend read, client write) runs on one event loop thread, the
 * command code still blocking in plain JDBC style.
 */
package io.dbmesh.proxy.loop;
