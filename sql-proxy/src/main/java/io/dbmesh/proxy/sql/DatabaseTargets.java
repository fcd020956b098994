package io.dbmesh.proxy.sql;

import io.dbmesh.core.sql.SqlScanner;
import java.util.ArrayList;
import java.util.List;

/**
 * Databases a statement names as databases (not as qualifiers of a table): {@code SHOW TABLES FROM
 * db}, {@code SHOW TABLE STATUS IN db}, {@code SHOW COLUMNS FROM t FROM db}, {@code SHOW CREATE
 * DATABASE db}, {@code CREATE/ALTER/DROP DATABASE|SCHEMA [IF [NOT] EXISTS] db}. Qualified names are
 * {@link SchemaReferences}' part.
 */
public final class DatabaseTargets {

    private DatabaseTargets() {
    }

    public static List<SchemaReferences.Reference> find(String sql) {
        SqlScanner s = new SqlScanner(sql);
        if (s.next() != SqlScanner.Type.WORD) return List.of();
        if (s.isWord("SHOW")) return show(s);
        if (s.isWord("CREATE") || s.isWord("DROP") || s.isWord("ALTER")) return ddl(s);
        return List.of();
    }

    private static List<SchemaReferences.Reference> show(SqlScanner s) {
        List<SchemaReferences.Reference> out = new ArrayList<>(1);
        int fromsToSkip = 0;
        boolean first = true;
        while (s.next() != SqlScanner.Type.END) {
            if (first && s.type() == SqlScanner.Type.WORD && !s.isWord("FULL") && !s.isWord("EXTENDED")) {
                first = false;
                if (s.isWord("COLUMNS") || s.isWord("FIELDS") || s.isWord("INDEX") || s.isWord("INDEXES") || s.isWord("KEYS")) {
                    fromsToSkip = 1;
                } else if (s.isWord("CREATE")) {
                    s.next();
                    if (s.isWord("DATABASE") || s.isWord("SCHEMA")) {
                        name(s, out);
                    }
                    return out;
                }
                continue;
            }
            if (s.isWord("FROM") || s.isWord("IN")) {
                if (fromsToSkip > 0) {
                    fromsToSkip--;
                    continue;
                }
                if (s.next() == SqlScanner.Type.WORD || s.type() == SqlScanner.Type.QUOTED_IDENTIFIER) {
                    add(s, out);
                }
                return out;
            }
            if (s.isWord("LIKE") || s.isWord("WHERE")) {
                return out;
            }
        }
        return out;
    }

    private static List<SchemaReferences.Reference> ddl(SqlScanner s) {
        s.next();
        if (!s.isWord("DATABASE") && !s.isWord("SCHEMA")) return List.of();
        List<SchemaReferences.Reference> out = new ArrayList<>(1);
        name(s, out);
        return out;
    }

    /** The name after [IF [NOT] EXISTS]. */
    private static void name(SqlScanner s, List<SchemaReferences.Reference> out) {
        s.next();
        if (s.isWord("IF")) {
            s.next();
            if (s.isWord("NOT")) s.next();
            s.next(); // EXISTS
        }
        if (s.type() == SqlScanner.Type.WORD || s.type() == SqlScanner.Type.QUOTED_IDENTIFIER) {
            if (s.type() == SqlScanner.Type.WORD && (s.isWord("DEFAULT") || s.isWord("CHARACTER") || s.isWord("CHARSET")
                    || s.isWord("COLLATE") || s.isWord("COMMENT"))) {
                return; // ALTER DATABASE CHARACTER SET …: the current database
            }
            add(s, out);
        }
    }

    private static void add(SqlScanner s, List<SchemaReferences.Reference> out) {
        SqlScanner look = new SqlScanner(s.sql(), s.end(), s.sql().length());
        if (look.next() == SqlScanner.Type.SYMBOL && look.isSymbol('.')) return; // a qualified name: not ours
        out.add(new SchemaReferences.Reference(s.identifier(), null, SchemaReferences.Role.DATABASE, s.start(), s.end(), -1));
    }
}
