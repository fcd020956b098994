package io.dbmesh.proxy.sql;

import io.dbmesh.sharding.parse.AstWalker;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;

import java.util.List;

/**
 * The closer look behind {@link SchemaReferences.Role#UNCERTAIN}: a real parse (JSqlParser) tells
 * whether a qualifier names a schema (of a table, view or routine) or only a table or alias in
 * column names. Only statements the scanner could not classify pay for it.
 */
public final class QualifiedNames {

    private QualifiedNames() {
    }

    /**
     * True when {@code sql} parses and {@code qualifier} qualifies no table and no routine in it
     * (so it can only be a table or alias in {@code qualifier.column}); false when it names a
     * schema or the statement does not parse.
     */
    public static boolean onlyTableAlias(String sql, String qualifier) {
        Statement statement;
        try {
            statement = CCJSqlParserUtil.parse(sql);
        } catch (Exception | StackOverflowError e) {
            return false;
        }
        for (Table t : AstWalker.collect(statement, Table.class)) {
            String schema = t.getSchemaName();
            if (schema != null && unquote(schema).equalsIgnoreCase(qualifier)) return false;
        }
        for (Function f : AstWalker.collect(statement, Function.class)) {
            List<String> parts = f.getMultipartName();
            if (parts != null && parts.size() > 1 && unquote(parts.get(0)).equalsIgnoreCase(qualifier)) return false;
        }
        return true;
    }

    private static String unquote(String name) {
        if (name.length() >= 2 && (name.charAt(0) == '`' || name.charAt(0) == '"') && name.charAt(name.length() - 1) == name.charAt(0)) {
            return name.substring(1, name.length() - 1);
        }
        return name;
    }
}
