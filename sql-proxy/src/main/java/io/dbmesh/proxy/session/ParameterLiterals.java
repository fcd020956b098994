package io.dbmesh.proxy.session;

import io.dbmesh.core.sql.SqlLiterals;
import io.dbmesh.proxy.command.BoundParameter;
import io.dbmesh.proxy.text.ClientCharset;
import io.dbmesh.core.result.ColumnType;


/**
 * A COM_STMT_EXECUTE parameter as a SQL literal for the text protocol. The sidecar runs prepared
 * statements as text statements on the backend (so results arrive in text form, like every other
 * result) and writes the values in itself with the one binding policy, {@link SqlLiterals}; this
 * class adds only what the wire type says beyond the Java value: unsigned integers, DECIMAL text
 * sent as it is, and bytes of a text type that the client's character set cannot read.
 */
final class ParameterLiterals {

    private ParameterLiterals() {
    }

    /**
     * @param charset the client's character_set_client: string long data is text in it; bytes that
     *                are not valid text in it become a {@code _binary} hex literal, stored as sent
     */
    static String literal(BoundParameter p, byte[] longData, boolean noBackslashEscapes, ClientCharset charset) {
        if (longData != null) {
            if (isText(p.type())) {
                String text = charset.text(longData);
                return text != null ? SqlLiterals.quote(text, noBackslashEscapes) : "_binary " + SqlLiterals.hex(longData);
            }
            return SqlLiterals.hex(longData);
        }
        Object v = p.value();
        if (v instanceof Long l && p.unsigned()) return Long.toUnsignedString(l);
        if (v instanceof Integer i && p.unsigned()) return Integer.toUnsignedString(i);
        if (v instanceof byte[] b && isText(p.type())) return "_binary " + SqlLiterals.hex(b); // text the wire could not decode: its bytes
        if (v instanceof String s && p.type().isDecimal() && isNumber(s)) return s;
        return SqlLiterals.literal(v, noBackslashEscapes);
    }

    private static boolean isText(ColumnType t) {
        return t == ColumnType.VARCHAR || t == ColumnType.VAR_STRING || t == ColumnType.STRING
                || t == ColumnType.JSON || t == ColumnType.ENUM || t == ColumnType.SET || t.isDecimal();
    }

    static boolean isNumber(String s) {
        int n = s.length();
        if (n == 0) return false;
        boolean digit = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (!((c == '-' || c == '+') && (i == 0 || s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E'))
                    && c != '.' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return digit;
    }
}
