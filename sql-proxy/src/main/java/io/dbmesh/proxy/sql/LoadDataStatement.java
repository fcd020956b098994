package io.dbmesh.proxy.sql;

import io.dbmesh.core.sql.SqlScanner;
import io.dbmesh.core.error.MySqlException;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code LOAD DATA [LOW_PRIORITY|CONCURRENT] LOCAL INFILE 'file' [REPLACE|IGNORE] INTO TABLE t
 * [CHARACTER SET cs] [FIELDS …] [LINES …] [IGNORE n LINES|ROWS] [(col, …)]} statement, read into its
 * parts with MariaDB's defaults (fields ended by a tab, lines by a newline, {@code \} escaping, no
 * enclosure). Parts it cannot honour when the sidecar inserts the rows itself (user variables in
 * the column list, {@code SET}, {@code PARTITION}) are refused by name.
 *
 * @param duplicates     "" (error), "REPLACE" or "IGNORE"
 * @param charset        the CHARACTER SET clause, lower case, or null
 * @param enclosedBy     the enclosure character, or 0 (none)
 * @param escapedBy      the escape character, or 0 (none: ESCAPED BY '')
 * @param columns        the column list, empty when the statement has none
 */
public record LoadDataStatement(String fileName, String duplicates, String table, String charset,
                                byte[] fieldsTerminatedBy, int enclosedBy, boolean optionallyEnclosed, int escapedBy,
                                byte[] linesStartingBy, byte[] linesTerminatedBy, long ignoreLines, List<String> columns) {

    public static LoadDataStatement parse(String sql) throws MySqlException {
        SqlScanner s = new SqlScanner(sql);
        String file = null;
        String duplicates = "";
        String table = null;
        String charset = null;
        byte[] fields = {'\t'};
        int enclosed = 0;
        boolean optionally = false;
        int escaped = '\\';
        byte[] starting = {};
        byte[] lines = {'\n'};
        long ignore = 0;
        List<String> columns = new ArrayList<>();
        String section = "";
        SqlScanner.Type t;
        while ((t = s.next()) != SqlScanner.Type.END) {
            if (t == SqlScanner.Type.SYMBOL && s.isSymbol(';')) break;
            if (s.isWord("INFILE")) {
                s.next();
                file = s.stringValue();
            } else if (table == null && (s.isWord("REPLACE") || s.isWord("IGNORE"))) {
                duplicates = s.text().toUpperCase(java.util.Locale.ROOT);
            } else if (s.isWord("TABLE") && table == null) {
                s.next();
                table = s.identifier();
                SqlScanner look = new SqlScanner(sql, s.end(), sql.length());
                if (look.next() == SqlScanner.Type.SYMBOL && look.isSymbol('.')) { // db.table: the table part
                    s.next();
                    s.next();
                    table = s.identifier();
                }
            } else if (s.isWord("PARTITION")) {
                throw MySqlException.notSupported("LOAD DATA LOCAL INFILE … PARTITION into a sharded table");
            } else if (s.isWord("CHARACTER") || s.isWord("CHARSET")) {
                if (s.isWord("CHARACTER")) s.next(); // SET
                s.next();
                charset = (s.type() == SqlScanner.Type.STRING ? s.stringValue() : s.identifier()).toLowerCase(java.util.Locale.ROOT);
            } else if (s.isWord("FIELDS") || s.isWord("COLUMNS") || s.isWord("LINES")) {
                section = s.isWord("LINES") ? "LINES" : "FIELDS";
            } else if (s.isWord("TERMINATED")) {
                s.next(); // BY
                s.next();
                byte[] value = bytes(s.stringValue());
                if (section.equals("LINES")) lines = value;
                else fields = value;
            } else if (s.isWord("OPTIONALLY")) {
                optionally = true;
            } else if (s.isWord("ENCLOSED")) {
                s.next();
                s.next();
                enclosed = single(s.stringValue(), "ENCLOSED BY");
            } else if (s.isWord("ESCAPED")) {
                s.next();
                s.next();
                escaped = single(s.stringValue(), "ESCAPED BY");
            } else if (s.isWord("STARTING")) {
                s.next();
                s.next();
                starting = bytes(s.stringValue());
            } else if (s.isWord("IGNORE") && table != null) {
                s.next();
                ignore = Long.parseLong(s.text());
                s.next(); // LINES | ROWS
            } else if (t == SqlScanner.Type.SYMBOL && s.isSymbol('(') && table != null) {
                while ((t = s.next()) != SqlScanner.Type.END && !(t == SqlScanner.Type.SYMBOL && s.isSymbol(')'))) {
                    if (t == SqlScanner.Type.USER_VARIABLE) {
                        throw MySqlException.notSupported("LOAD DATA LOCAL INFILE with user variables into a sharded table");
                    }
                    if (t == SqlScanner.Type.WORD || t == SqlScanner.Type.QUOTED_IDENTIFIER) columns.add(s.identifier());
                }
            } else if (s.isWord("SET") && table != null) {
                throw MySqlException.notSupported("LOAD DATA LOCAL INFILE … SET into a sharded table");
            }
        }
        if (file == null || table == null) {
            throw new MySqlException(1064, "42000", "You have an error in your SQL syntax: LOAD DATA LOCAL INFILE 'file' INTO TABLE t expected");
        }
        if (fields.length == 0 && enclosed == 0) {
            throw MySqlException.notSupported("LOAD DATA LOCAL INFILE with fixed-size rows (FIELDS TERMINATED BY '' ENCLOSED BY '') into a sharded table");
        }
        if (lines.length == 0) lines = fields;
        return new LoadDataStatement(file, duplicates, table, charset, fields, enclosed, optionally, escaped, starting, lines,
                ignore, List.copyOf(columns));
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int single(String s, String clause) throws MySqlException {
        if (s == null || s.isEmpty()) return 0;
        byte[] b = bytes(s);
        if (b.length != 1) throw new MySqlException(1083, "42000", "Field separator argument is not what is expected; check the manual (" + clause + ")");
        return b[0] & 0xff;
    }
}
