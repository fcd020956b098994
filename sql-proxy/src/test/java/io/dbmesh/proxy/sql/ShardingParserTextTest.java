package io.dbmesh.proxy.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShardingParserTextTest {

    @Test
    void quotesInLiteralsAreWrittenTheWayTheParserReadsThem() {
        assertThat(ShardingParserText.forParser("INSERT INTO t VALUES ('o''neil\\\\', 'o\\'neil', 'it''s', \"a\\\"b\", '\\\\', 'x\\\\''y')", false))
                .isEqualTo("INSERT INTO t VALUES ('o\\'neil\\\\', 'o\\'neil', 'it''s', \"a\"\"b\", '\\\\', 'x\\\\\\'y')");
    }

    @Test
    void escapesTheParserMisreadsGetAnotherSpellingOfTheSameValue() {
        assertThat(ShardingParserText.forParser("SELECT 'a\\0\\Z\\q\\%\\_\\n\\'\"\"'", false))
                .isEqualTo("SELECT 'a\u0000\u001aq\\\\%\\\\_\\n\\'\"\"'");
    }

    @Test
    void noBackslashEscapesLeavesBackslashesAlone() {
        String sql = "SELECT 'a\\', 'b'";
        assertThat(ShardingParserText.forParser(sql, true)).isSameAs(sql);
    }

    @Test
    void binaryIntroducersAreDropped() {
        assertThat(ShardingParserText.forParser("INSERT INTO t VALUES (_binary X'FF', _BINARY 'a\\'b', _binary\"c\", my_binary, `_binary'`)", false))
                .isEqualTo("INSERT INTO t VALUES (X'FF', 'a\\'b', \"c\", my_binary, `_binary'`)");
    }

    @Test
    void quotesInCommentsAndIdentifiersAreNotLiterals() {
        String sql = "SELECT `it\\'s` -- it\\'s\n FROM t /* \\' */";
        assertThat(ShardingParserText.forParser(sql, false)).isSameAs(sql);
    }
}
