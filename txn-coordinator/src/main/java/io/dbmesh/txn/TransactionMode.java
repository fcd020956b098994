package io.dbmesh.txn;

import java.util.Locale;
import java.util.Optional;

/**
 * How a logical database commits a transaction that touched several data sources.
 * {@link #LOCAL}: one ordinary transaction per data source, committed all at once (not
 * atomic across data sources). {@link #XA}: XA two-phase commit with a durable decision log.
 */
public enum TransactionMode {
    LOCAL, XA;

    /** The mode named {@code text} (any case, quotes allowed), or empty when it names none. */
    public static Optional<TransactionMode> parse(String text) {
        if (text == null) return Optional.empty();
        String v = text.trim();
        if (v.length() >= 2 && (v.charAt(0) == '\'' || v.charAt(0) == '"') && v.charAt(v.length() - 1) == v.charAt(0)) {
            v = v.substring(1, v.length() - 1);
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "local" -> Optional.of(LOCAL);
            case "xa" -> Optional.of(XA);
            default -> Optional.empty();
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
