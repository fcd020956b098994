package io.dbmesh.proxy.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A data source's JDBC URL taken apart: which server(s), which physical database, which driver
 * options. Start-up needs the database name to create it when missing, and logs need a form with
 * password options hidden.
 *
 * @param scheme    {@code mariadb} or {@code mysql}
 * @param haMode    the Connector/J HA mode between scheme and {@code //} (e.g. {@code replication}), or empty
 * @param hosts     one or more {@code host:port} (port defaulted to 3306)
 * @param database  the physical database (schema)
 * @param options   query options in order
 */
public record JdbcUrl(String scheme, String haMode, List<HostPort> hosts, String database, Map<String, String> options) {
    private static final Pattern SHAPE = Pattern.compile(
            "jdbc:(mariadb|mysql):(?:([a-z:-]+):)?//([^/?]*)(?:/([^?]*))?(?:\\?(.*))?", Pattern.DOTALL);
    private static final Pattern DATABASE = Pattern.compile("[^/\\\\.\\s]{1,64}");

    public record HostPort(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /** @throws IllegalArgumentException with a message saying what is wrong */
    public static JdbcUrl parse(String url) {
        Matcher m = SHAPE.matcher(url.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected jdbc:mariadb://host:port/database (or jdbc:mysql://...)");
        }
        List<HostPort> hosts = new ArrayList<>();
        for (String address : m.group(3).split(",")) {
            hosts.add(hostPort(address.trim()));
        }
        String database = m.group(4) == null ? "" : m.group(4);
        if (database.isEmpty()) {
            throw new IllegalArgumentException("the URL names no database: add '/<database>' after the host");
        }
        if (!DATABASE.matcher(database).matches()) {
            throw new IllegalArgumentException("'" + database + "' is not a valid database name");
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (m.group(5) != null && !m.group(5).isEmpty()) {
            for (String pair : m.group(5).split("&")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("option '" + redactPair(pair) + "' is not of the form name=value");
                }
                options.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return new JdbcUrl(m.group(1), m.group(2) == null ? "" : m.group(2), List.copyOf(hosts), database, java.util.Collections.unmodifiableMap(options));
    }

    private static HostPort hostPort(String address) {
        if (address.isEmpty()) {
            throw new IllegalArgumentException("the URL names no host");
        }
        String host = address;
        int port = 3306;
        int colon = address.lastIndexOf(':');
        if (colon >= 0 && !address.endsWith("]")) {
            host = address.substring(0, colon);
            String portText = address.substring(colon + 1);
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("port '" + portText + "' is not a number");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is out of range 1-65535");
            }
        }
        if (host.isEmpty() || host.contains("@")) {
            throw new IllegalArgumentException("'" + (host.contains("@") ? "user@host" : address)
                    + "' is not a host (put credentials in user/password, not in the URL)");
        }
        return new HostPort(host, port);
    }

    /** The URL with the database replaced by nothing: for connecting to create the database. */
    public String serverUrl() {
        StringBuilder out = new StringBuilder("jdbc:").append(scheme).append(':');
        if (!haMode.isEmpty()) {
            out.append(haMode).append(':');
        }
        out.append("//");
        for (int i = 0; i < hosts.size(); i++) {
            out.append(i == 0 ? "" : ",").append(hosts.get(i));
        }
        out.append('/');
        if (!options.isEmpty()) {
            List<String> pairs = new ArrayList<>();
            options.forEach((k, v) -> pairs.add(k + "=" + v));
            out.append('?').append(String.join("&", pairs));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        String server = serverUrl();
        int q = server.indexOf('?');
        String withDb = q < 0 ? server + database : server.substring(0, q) + database + server.substring(q);
        return redact(withDb);
    }

    /** {@code url} with the values of any option whose name mentions a password replaced by ***, for logs. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        int q = url.indexOf('?');
        if (q < 0) {
            return url;
        }
        StringBuilder out = new StringBuilder(url.substring(0, q + 1));
        String[] pairs = url.substring(q + 1).split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            out.append(i == 0 ? "" : "&").append(redactPair(pairs[i]));
        }
        return out.toString();
    }

    private static String redactPair(String pair) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).toLowerCase(Locale.ROOT).contains("password")) {
            return pair.substring(0, eq) + "=***";
        }
        return pair;
    }
}
