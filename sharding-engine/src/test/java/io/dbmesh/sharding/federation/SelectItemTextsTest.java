package io.dbmesh.sharding.federation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SelectItemTextsTest {

    @Test
    void itemsOfTheFirstSelectAsWritten() {
        assertThat(SelectItemTexts.of("SELECT COUNT(*), SUM(amount)/COUNT(*) , u.name AS n FROM t_user u"))
                .containsExactly("COUNT(*)", "SUM(amount)/COUNT(*)", "u.name AS n");
        assertThat(SelectItemTexts.of("select distinct CONCAT(a, ',', 'from') from t union select 1 from u"))
                .containsExactly("CONCAT(a, ',', 'from')");
        assertThat(SelectItemTexts.of("SELECT user_id FROM t_user UNION SELECT user_id FROM t_item")).containsExactly("user_id");
        assertThat(SelectItemTexts.of("SELECT 1 + 1, 'x'")).containsExactly("1 + 1", "'x'");
        assertThat(SelectItemTexts.columnName("'x'")).isEqualTo("x");
        assertThat(SelectItemTexts.columnName("COUNT(*)")).isEqualTo("COUNT(*)");
    }

    /** A comment before the statement (as in the test corpora) is not where the select list starts. */
    @Test
    void wordsInCommentsAreNotKeywords() {
        assertThat(SelectItemTexts.of("-- the SELECT list FROM a comment\nSELECT a, b FROM t")).containsExactly("a", "b");
        assertThat(SelectItemTexts.of("/* it's */ SELECT a /* , b */ FROM t")).containsExactly("a /* , b */");
    }
}
