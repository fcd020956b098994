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
    void underNoBackslashEscapesABackslashIsWrittenAsTheEscapeThatMeansIt() {
        String sql = "SELECT 'a\\', 'b', 'c\\n''d', \"e\\\"\"f\", `g\\`";
        String parser = ShardingParserText.forParser(sql, true);
        assertThat(parser).isEqualTo("SELECT 'a\\\\', 'b', 'c\\\\n\\'d', \"e\\\\\"\"f\", `g\\`");
        // and back for shards under NO_BACKSLASH_ESCAPES: the client's text again
        assertThat(ShardingParserText.forNoBackslashEscapes(parser)).isEqualTo(sql);
        String plain = "SELECT 'a', 'b'";
        assertThat(ShardingParserText.forParser(plain, true)).isSameAs(plain);
    }

    @Test
    void backslashEscapesAreWrittenForAServerWithoutThem() {
        assertThat(ShardingParserText.forNoBackslashEscapes("INSERT INTO t VALUES ('a\\'b\\\\c\\n\\0\\Z\\%\\q', \"x\\\"y\"), (`i\\n`) -- \\n"))
                .isEqualTo("INSERT INTO t VALUES ('a''b\\c\n\u0000\u001a\\%q', \"x\"\"y\"), (`i\\n`) -- \\n");
        String none = "SELECT 'it''s'";
        assertThat(ShardingParserText.forNoBackslashEscapes(none)).isSameAs(none);
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
