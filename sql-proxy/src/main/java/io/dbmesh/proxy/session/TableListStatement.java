package io.dbmesh.proxy.session;

import io.dbmesh.core.sql.BlankedSql;
import io.dbmesh.core.sql.SqlDialect;
import io.dbmesh.core.error.MySqlException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements whose whole content is a list of tables, each with some words after it, that the
 * sidecar fans out over physical tables itself on a sharded database: {@code LOCK TABLES t READ,
 * u WRITE}, {@code CHECKSUM TABLE t, u EXTENDED}, {@code ANALYZE | OPTIMIZE | CHECK | REPAIR TABLE
 * t, u}. Versioned comments count as their content (mariadb-dump writes {@code READ /*!32311 LOCAL *}{@code /}),
 * other comments as nothing.
 *
 * @param verb   the statement up to the table list, upper case, single-spaced ({@code LOCK TABLES}, {@code ANALYZE TABLE})
 * @param tables each table as written
 * @param tail   words after the last table (CHECKSUM's QUICK/EXTENDED, CHECK's options), may be empty
 */
record TableListStatement(String verb, List<Item> tables, String tail) {

    /** One table: its name without schema or quotes, the schema if given, and the words after it. */
    record Item(String schema, String name, String words) {
    }

    private static final String IDENT = "(?:`(?:[^`]|``)*`|[A-Za-z0-9_$]+)";
    private static final Pattern HEAD = Pattern.compile(
            "(?is)\\s*(LOCK\\s+TABLES?|(?:CHECKSUM|ANALYZE|OPTIMIZE|CHECK|REPAIR)(?:\\s+(?:NO_WRITE_TO_BINLOG|LOCAL))?\\s+TABLES?)\\s+(.*?)\\s*;?\\s*");
    private static final Pattern ITEM = Pattern.compile("(?s)\\s*(" + IDENT + ")(?:\\s*\\.\\s*(" + IDENT + "))?\\s*(.*?)\\s*");

    /** Null when {@code sql} is not one of these statements. */
    static TableListStatement parse(String sql) throws MySqlException {
        String text = BlankedSql.comments(sql, SqlDialect.EVERY_EXECUTABLE_COMMENT);
        Matcher head = HEAD.matcher(text);
        if (!head.matches()) return null;
        String verb = head.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ").replace("TABLES", "TABLE");
        if (verb.startsWith("LOCK")) verb = "LOCK TABLES";
        List<Item> items = new ArrayList<>();
        String tail = "";
        for (String part : splitTopLevel(head.group(2))) {
            Matcher m = ITEM.matcher(part);
            if (!m.matches()) throw new MySqlException(1064, "42000", "You have an error in your SQL syntax near '" + part.strip() + "'");
            String first = unquote(m.group(1)), second = m.group(2) == null ? null : unquote(m.group(2));
            items.add(second == null ? new Item(null, first, m.group(3)) : new Item(first, second, m.group(3)));
        }
        if (!verb.startsWith("LOCK") && !items.isEmpty()) {
            // the options of the admin statements follow the last table: CHECKSUM TABLE t EXTENDED
            Item last = items.removeLast();
            tail = last.words();
            items.add(new Item(last.schema(), last.name(), ""));
            for (Item i : items) {
                if (!i.words().isBlank()) {
                    throw new MySqlException(1064, "42000", "You have an error in your SQL syntax near '" + i.words().strip() + "'");
                }
            }
        }
        return new TableListStatement(verb, List.copyOf(items), tail.strip());
    }

    private static List<String> splitTopLevel(String list) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char ch = list.charAt(i);
            if (ch == '`') quoted = !quoted;
            else if (ch == ',' && !quoted) {
                parts.add(list.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(list.substring(start));
        return parts;
    }

    private static String unquote(String ident) {
        return ident.startsWith("`") ? ident.substring(1, ident.length() - 1).replace("``", "`") : ident;
    }
}
