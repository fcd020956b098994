package io.dbmesh.proxy.loop;

import org.mariadb.jdbc.Configuration;
import org.mariadb.jdbc.util.ConfigurableSocketFactory;

import java.io.IOException;
import java.net.Socket;

/**
 * Connector/J's entry point to {@link LoopSocket}: named in the JDBC URL ({@code socketFactory}),
 * instantiated by the driver per connection, told the URL's options, asked for an unconnected socket.
 */
public final class LoopSocketFactory extends ConfigurableSocketFactory {
    private IoLoops loops;

    @Override
    public void setConfiguration(Configuration conf, String host) {
        loops = IoLoops.byId(conf.nonMappedOptions().getProperty(IoLoops.ID_OPTION));
    }

    @Override
    public Socket createSocket() throws IOException {
        if (loops == null) throw new IOException("the sidecar's I/O loops are closed (no " + IoLoops.ID_OPTION + " registered)");
        return new LoopSocket(loops);
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
