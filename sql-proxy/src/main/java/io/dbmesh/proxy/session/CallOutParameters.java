package io.dbmesh.proxy.session;

import io.dbmesh.core.sql.SqlScanner;

import java.util.ArrayList;
import java.util.List;

/**
 * A prepared {@code CALL p(?, ?)} whose placeholders stand for OUT or INOUT parameters
 * (Connector/J's {@code CallableStatement}). The sidecar runs prepared statements as text with the
 * values written in, but an OUT argument must be a variable: each such placeholder becomes a user
 * variable {@code @_dbmesh_outN}, set before the CALL (to the bound value for INOUT, NULL for OUT)
 * and read after it on the same backend connection; the client gets that row as the OUT-parameter
 * result set (SERVER_PS_OUT_PARAMS), as a server answers COM_STMT_EXECUTE of a CALL.
 *
 * @param routine      the procedure's name, without schema
 * @param schema       the schema named in the CALL, or null
 * @param placeholderArgument for each placeholder, the index of the argument it is exactly (-1: part of an expression)
 */
record CallOutParameters(String routine, String schema, int[] placeholderArgument) {

    /** The variable standing for placeholder {@code k}. */
    static String variable(int k) {
        return "@_dbmesh_out" + (k + 1);
    }

    /** The shape of {@code CALL [schema.]name(args)}, or null when {@code sql} is not one. */
    static CallOutParameters parse(String sql) {
        SqlScanner s = new SqlScanner(sql);
        if (s.next() != SqlScanner.Type.WORD || !s.isWord("CALL")) return null;
        s.next();
        if (s.type() != SqlScanner.Type.WORD && s.type() != SqlScanner.Type.QUOTED_IDENTIFIER) return null;
        String first = s.identifier(), schema = null, routine = first;
        s.next();
        if (s.isSymbol('.')) {
            s.next();
            schema = first;
            routine = s.identifier();
            s.next();
        }
        if (!s.isSymbol('(')) return null;
        List<Integer> placeholders = new ArrayList<>();
        int depth = 1, argument = 0, tokensInArgument = 0;
        boolean lastWasLonePlaceholder = false;
        List<int[]> pending = new ArrayList<>(); // [placeholder index, argument] of the current argument
        while (depth > 0) {
            SqlScanner.Type t = s.next();
            if (t == SqlScanner.Type.END) return null;
            if (s.isSymbol('(')) depth++;
            if (s.isSymbol(')')) depth--;
            if (depth == 0 || (depth == 1 && s.isSymbol(','))) {
                for (int[] p : pending) placeholders.set(p[0], tokensInArgument == 1 && lastWasLonePlaceholder ? p[1] : -1);
                pending.clear();
                argument++;
                tokensInArgument = 0;
                continue;
            }
            tokensInArgument++;
            lastWasLonePlaceholder = s.isParameterMarker();
            if (s.isParameterMarker()) {
                pending.add(new int[]{placeholders.size(), argument});
                placeholders.add(-1);
            }
        }
        int[] arguments = placeholders.stream().mapToInt(Integer::intValue).toArray();
        return new CallOutParameters(routine, schema, arguments);
    }
}
