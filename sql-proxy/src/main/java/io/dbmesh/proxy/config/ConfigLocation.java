package io.dbmesh.proxy.config;

/**
 * Where something was written in a config file, so an error can send the reader straight to it.
 *
 * @param source the file path (or resource name) as the user knows it
 * @param line   1-based line
 * @param column 1-based column
 */
public record ConfigLocation(String source, int line, int column) {

    @Override
    public String toString() {
        return source + ":" + line + ":" + column;
    }
}
