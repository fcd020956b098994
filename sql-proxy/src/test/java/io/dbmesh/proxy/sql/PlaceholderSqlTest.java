package io.dbmesh.proxy.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlaceholderSqlTest {

    @Test
    void placeholdersOutsideStringsAndCommentsAreReplaced() {
        PlaceholderSql p = PlaceholderSql.of("SELECT ?, '?', `?` /* ? */ FROM t WHERE a = ? -- ?\n AND b=?");
        assertThat(p.placeholders()).isEqualTo(3);
        assertThat(p.render(List.of("1", "'x'", "NULL")))
                .isEqualTo("SELECT 1, '?', `?` /* ? */ FROM t WHERE a = 'x' -- ?\n AND b=NULL");
    }

    @Test
    void noPlaceholdersKeepsTheText() {
        PlaceholderSql p = PlaceholderSql.of("SELECT 1");
        assertThat(p.render(List.of())).isSameAs(p.sql());
    }

    @Test
    void likePatterns() {
        assertThat(LikePattern.matches("a%", "abc")).isTrue();
        assertThat(LikePattern.matches("a_c", "abc")).isTrue();
        assertThat(LikePattern.matches("a\\_c", "abc")).isFalse();
        assertThat(LikePattern.matches("a\\_c", "a_c")).isTrue();
        assertThat(LikePattern.matches("%c%", "abcd")).isTrue();
        assertThat(LikePattern.matches("b%", "abc")).isFalse();
    }
}
