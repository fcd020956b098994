package io.dbmesh.proxy.backend;

import io.dbmesh.proxy.loop.IoLoops;
import org.mariadb.jdbc.Configuration;
import org.mariadb.jdbc.util.ConfigurableSocketFactory;

import java.io.IOException;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Connector/J's entry point to the sidecar's event-loop sockets ({@code io.dbmesh.proxy.loop}):
 * named in the JDBC URL ({@code socketFactory}), instantiated by the driver per connection, told the
 * URL's options, asked for an unconnected socket. It is a driver plug-in, so it lives in backend/
 * with the rest of what knows Connector/J.
 */
public final class LoopSocketFactory extends ConfigurableSocketFactory {
    private IoLoops loops;
    private String dataSource;

    /**
     * Connector/J URL options that put its sockets on {@code loops}; empty when loop threads are
     * off (then the JDK's own sockets are as good, see {@code io.dbmesh.proxy.loop}).
     */
    public static Map<String, String> driverOptions(IoLoops loops) {
        Map<String, String> options = new LinkedHashMap<>();
        if (loops.loopThreads()) {
            options.put("socketFactory", LoopSocketFactory.class.getName());
            options.put(IoLoops.ID_OPTION, loops.id());
        }
        return options;
    }

    @Override
    public void setConfiguration(Configuration conf, String host) {
        loops = IoLoops.byId(conf.nonMappedOptions().getProperty(IoLoops.ID_OPTION));
        dataSource = conf.nonMappedOptions().getProperty(IoLoops.DATA_SOURCE_OPTION);
    }

    @Override
    public Socket createSocket() throws IOException {
        if (loops == null) throw new IOException("the sidecar's I/O loops are closed (no " + IoLoops.ID_OPTION + " registered)");
        return loops.newSocket(dataSource);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw new UnsupportedOperationException("Connector/J creates unconnected sockets");
    }

    @Override
    public Socket createSocket(String host, int port, java.net.InetAddress localHost, int localPort) {
        throw new UnsupportedOperationException("Connector/J creates unconnected sockets");
    }

    @Override
    public Socket createSocket(java.net.InetAddress host, int port) {
        throw new UnsupportedOperationException("Connector/J creates unconnected sockets");
    }

    @Override
    public Socket createSocket(java.net.InetAddress address, int port, java.net.InetAddress localAddress, int localPort) {
        throw new UnsupportedOperationException("Connector/J creates unconnected sockets");
    }
}
