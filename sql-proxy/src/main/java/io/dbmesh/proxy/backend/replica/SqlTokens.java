package io.dbmesh.proxy.backend.replica;

import io.dbmesh.core.sql.SqlDialect;
import io.dbmesh.core.sql.SqlScanner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A statement as {@link ReadEligibility} reads it, from the core {@link SqlScanner}: its words and
 * symbols with string literals and comments taken out (so a {@code 'FOR UPDATE'} string or a
 * commented-out function never counts), executable comments read as {@code dialect} reads them,
 * and whether a comment carried the {@code dbmesh:primary} hint.
 *
 * @param words  upper-cased keywords/identifiers (a dotted name such as {@code t.lock} is one word,
 *               so a column named like a keyword is not one), variables and symbols ({@code :=} one
 *               token), in order; quoted identifiers become {@code `}, strings {@code '}
 * @param primaryHint a comment contained {@code dbmesh:primary}
 */
record SqlTokens(List<String> words, boolean primaryHint) {

    static final String HINT = "dbmesh:primary";

    static SqlTokens of(String sql) {
        return of(sql, SqlDialect.EVERY_EXECUTABLE_COMMENT);
    }

    static SqlTokens of(String sql, SqlDialect dialect) {
        List<String> out = new ArrayList<>();
        boolean hint = false;
        SqlScanner s = new SqlScanner(sql, dialect).reportComments();
        int nameEnd = -1; // where the dotted name being built ends
        for (SqlScanner.Type t = s.next(); t != SqlScanner.Type.END; t = s.next()) {
            String text = s.text();
            boolean namePart = t == SqlScanner.Type.WORD || t == SqlScanner.Type.NUMBER || s.isSymbol('.');
            if (namePart && s.start() == nameEnd && !out.isEmpty()) {
                out.set(out.size() - 1, out.getLast() + text.toUpperCase(Locale.ROOT));
                nameEnd = s.end();
                continue;
            }
            nameEnd = t == SqlScanner.Type.WORD || t == SqlScanner.Type.NUMBER ? s.end() : -1;
            switch (t) {
                case COMMENT -> hint |= text.toLowerCase(Locale.ROOT).replace(" ", "").contains(HINT);
                case STRING -> out.add("'");
                case QUOTED_IDENTIFIER -> out.add("`");
                default -> out.add(text.toUpperCase(Locale.ROOT));
            }
        }
        return new SqlTokens(List.copyOf(out), hint);
    }

    /** The word after {@code index}, or "" at the end. */
    String after(int index) {
        return index + 1 < words.size() ? words.get(index + 1) : "";
    }
}
