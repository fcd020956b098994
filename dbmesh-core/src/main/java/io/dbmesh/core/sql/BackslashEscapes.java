package io.dbmesh.core.sql;

/**
 * What MariaDB reads for a backslash escape {@code \e} inside a string literal (without
 * NO_BACKSLASH_ESCAPES): {@code \0 \b \n \r \t \Z} are control characters, {@code \%} and {@code \_}
 * keep their backslash (so LIKE patterns can escape their wildcards), and any other {@code \e} is
 * {@code e} itself ({@code \\}, {@code \'}, {@code \"}, {@code \q}). One table for the sidecar's
 * readers of literal values, so they cannot disagree on a value.
 */
public final class BackslashEscapes {
    private BackslashEscapes() {
    }

    /** Appends the value of the escape {@code \e} to {@code out}. */
    public static void appendValue(StringBuilder out, char e) {
        switch (e) {
            case '0' -> out.append('\0');
            case 'b' -> out.append('\b');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'Z' -> out.append('\u001a');
            case '%', '_' -> out.append('\\').append(e);
            default -> out.append(e);
        }
    }
}
