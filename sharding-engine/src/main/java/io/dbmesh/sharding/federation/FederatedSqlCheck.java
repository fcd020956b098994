package io.dbmesh.sharding.federation;

import io.dbmesh.core.sql.BlankedSql;
import io.dbmesh.sharding.ShardingException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses, before Calcite sees them, constructs Calcite would run with a meaning different from
 * MariaDB's, so a federated query never answers differently from one server:
 * {@code STD}/{@code STDDEV}/{@code VARIANCE} are population statistics in MariaDB but sample
 * statistics in Calcite; {@code DIV} is MariaDB's integer division (Calcite cannot parse it).
 * {@code STDDEV_POP}, {@code STDDEV_SAMP}, {@code VAR_POP}, {@code VAR_SAMP} mean the same in both.
 * Also refused (each checked against one MariaDB by {@code AggregateCoverageMariaDbTest}):
 * {@code BIT_AND}/{@code BIT_OR}/{@code BIT_XOR} (BIGINT UNSIGNED and never NULL in MariaDB, signed
 * and NULL for no rows in Calcite), {@code JSON_ARRAYAGG}/{@code JSON_OBJECTAGG} (other text and
 * NULL handling), {@code NTH_VALUE} (Calcite ignores the window frame), and the functions Calcite
 * cannot run as MariaDB's window functions ({@code CUME_DIST}, {@code PERCENT_RANK},
 * {@code MEDIAN}, {@code PERCENTILE_CONT}, {@code PERCENTILE_DISC}), so the error names them
 * instead of quoting a Calcite plan. Row functions whose Calcite version answers otherwise are
 * refused too (checked by {@code RowFunctionsMariaDbTest}): {@code INSTR}, {@code POSITION} and
 * {@code STRCMP} compare case-sensitively where MariaDB follows the collation, {@code DAYNAME} and
 * {@code MONTHNAME} abbreviate. MariaDB functions Calcite lacks are {@link MariaDbFunctions} or
 * respelled ({@link MariaDbSpellings}).
 */
final class FederatedSqlCheck {
    private static final Pattern DIFFERENT = Pattern.compile("\\b(STD|STDDEV|VARIANCE|BIT_AND|BIT_OR|BIT_XOR|JSON_ARRAYAGG"
            + "|JSON_OBJECTAGG|NTH_VALUE|CUME_DIST|PERCENT_RANK|MEDIAN|PERCENTILE_CONT|PERCENTILE_DISC"
            + "|INSTR|POSITION|STRCMP|DAYNAME|MONTHNAME)\\s*\\(|\\bDIV\\b|(?<![*])/(?![*])");

    private FederatedSqlCheck() {
    }

    /**
     * A window frame that starts after the current row ({@code ROWS BETWEEN 1 FOLLOWING AND 3
     * FOLLOWING}): Calcite's generated code reads outside the partition (an index error at run
     * time), so it is refused naming the function.
     */
    private static final Pattern FRAME_STARTING_AFTER_ROW = Pattern.compile(
            "\\b(\\w+)\\s*\\([^()]*\\)\\s*OVER\\s*\\([^()]*\\bBETWEEN\\s+\\S+\\s+FOLLOWING\\b");

    static void check(String sql) throws ShardingException {
        String text = BlankedSql.of(sql).toUpperCase(Locale.ROOT);
        Matcher m = DIFFERENT.matcher(text);
        if (m.find()) {
            String construct = m.group().equals("/") ? "division (/)" : m.group().replaceAll("[\\s(]", "");
            throw ShardingException.notSupported(construct + " in a query over differently sharded tables");
        }
        Matcher frame = FRAME_STARTING_AFTER_ROW.matcher(text);
        if (frame.find()) {
            throw ShardingException.notSupported(frame.group(1) + " over a window frame starting after the current row"
                    + " (BETWEEN … FOLLOWING AND …) in a query over differently sharded tables");
        }
    }

    private static final Pattern CAST_AS_CHAR = Pattern.compile("(?i)\\bAS\\s+CHAR\\s*\\)");

    /**
     * MariaDB SQL made to mean the same to Calcite: {@code CAST(x AS CHAR)} is an unbounded string in
     * MariaDB but CHAR(1) in Calcite, so it becomes {@code CAST(x AS VARCHAR)}; backslash escapes in
     * strings are written as standard SQL ({@link CalciteStrings}), unless the session's sql_mode has
     * NO_BACKSLASH_ESCAPES: its strings are standard SQL already (a backslash is itself).
     */
    static String toCalcite(String sql, boolean noBackslashEscapes) {
        String standard = noBackslashEscapes ? sql : CalciteStrings.standard(sql);
        return quoteReservedAliases(castAsVarchar(MariaDbSpellings.toCalcite(standard)));
    }

    private static final Pattern ALIAS = Pattern.compile("(?i)\\bAS\\s+([A-Za-z_][A-Za-z0-9_$]*)");
    /** Type names that follow AS in CAST(x AS type): never aliases. */
    private static final java.util.Set<String> TYPES = java.util.Set.of("CHAR", "VARCHAR", "DECIMAL", "NUMERIC", "DATE", "TIME",
            "DATETIME", "TIMESTAMP", "SIGNED", "UNSIGNED", "INTEGER", "INT", "BIGINT", "BINARY", "DOUBLE", "FLOAT", "REAL",
            "JSON", "VARBINARY", "NCHAR", "BOOLEAN", "SMALLINT", "TINYINT", "INTERVAL", "YEAR", "TEXT", "ROW");

    /**
     * An alias that is an ordinary name in MariaDB but a reserved word in Calcite ({@code AS count},
     * {@code AS value}) is quoted, wherever the statement names it (ORDER BY count); a call of the
     * same name ({@code COUNT(*)}) is left alone.
     */
    static String quoteReservedAliases(String sql) {
        String blanked = BlankedSql.of(sql);
        java.util.Set<String> reserved = new java.util.HashSet<>();
        for (Matcher m = ALIAS.matcher(blanked); m.find(); ) {
            String word = m.group(1).toUpperCase(Locale.ROOT);
            if (!TYPES.contains(word) && CalciteReservedWords.contains(word)) reserved.add(word);
        }
        if (reserved.isEmpty()) return sql;
        Pattern words = Pattern.compile("(?i)(?<![\\w.$`])(" + String.join("|", reserved) + ")(?![\\w$`])(?!\\s*\\()");
        StringBuilder out = new StringBuilder(sql.length() + 8);
        int last = 0;
        for (Matcher m = words.matcher(blanked); m.find(); ) {
            out.append(sql, last, m.start()).append('`').append(sql, m.start(), m.end()).append('`');
            last = m.end();
        }
        return out.append(sql, last, sql.length()).toString();
    }

    private static String castAsVarchar(String sql) {
        Matcher m = CAST_AS_CHAR.matcher(BlankedSql.of(sql));
        StringBuilder out = new StringBuilder(sql.length() + 8);
        int last = 0;
        while (m.find()) {
            out.append(sql, last, m.start()).append("AS VARCHAR)");
            last = m.end();
        }
        return out.append(sql, last, sql.length()).toString();
    }
}
