package io.dbmesh.proxy.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TableListStatementTest {

    /** Versioned comments count as their content (mariadb-dump), other comments as nothing. */
    @Test
    void commentsAsTheServerReadsThem() throws Exception {
        TableListStatement s = TableListStatement.parse("LOCK TABLES `t_order` READ /*!32311 LOCAL */, shop.t_user WRITE -- done");
        assertThat(s.verb()).isEqualTo("LOCK TABLES");
        assertThat(s.tables()).extracting(TableListStatement.Item::name).containsExactly("t_order", "t_user");
        assertThat(s.tables().get(0).words().replaceAll("\\s+", " ").strip()).isEqualTo("READ LOCAL");
        assertThat(s.tables().get(1).schema()).isEqualTo("shop");
    }

    /** The old comment regexes read a # or -- inside a quoted name as a comment. */
    @Test
    void aCommentMarkerInsideAQuotedNameIsPartOfTheName() throws Exception {
        TableListStatement s = TableListStatement.parse("CHECKSUM TABLE `a#b`, `c-- d` EXTENDED");
        assertThat(s.tables()).extracting(TableListStatement.Item::name).containsExactly("a#b", "c-- d");
        assertThat(s.tail()).isEqualTo("EXTENDED");
    }
}
