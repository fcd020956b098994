package io.dbmesh.sharding.federation;

import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.impl.SqlParserImpl;

import java.io.StringReader;

/** Calcite's reserved words (its parser's own list), which MariaDB lets a query use as plain names. */
final class CalciteReservedWords {
    private static final SqlAbstractParserImpl.Metadata METADATA = SqlParserImpl.FACTORY.getParser(new StringReader("")).getMetadata();

    private CalciteReservedWords() {
    }

    static boolean contains(String upperCaseWord) {
        return METADATA.isReservedWord(upperCaseWord);
    }
}
