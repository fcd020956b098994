package io.dbmesh.proxy.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The cheap first-word check lets through every statement the INSERT pattern could match. */
class InsertColumnListTest {

    @Test
    void insertAndReplaceInAnyCaseAfterSpacesPass() {
        assertThat(InsertColumnList.startsLikeInsert("INSERT INTO t VALUES (1)")).isTrue();
        assertThat(InsertColumnList.startsLikeInsert(" \t\n\u000B\f\rinsert into t values (1)")).isTrue();
        assertThat(InsertColumnList.startsLikeInsert("Replace t VALUE (1)")).isTrue();
    }

    @Test
    void otherStatementsStop() {
        assertThat(InsertColumnList.startsLikeInsert("SELECT c FROM t WHERE id = ?")).isFalse();
        assertThat(InsertColumnList.startsLikeInsert("/* x */ INSERT INTO t VALUES (1)")).isFalse();
        assertThat(InsertColumnList.startsLikeInsert("   ")).isFalse();
        assertThat(InsertColumnList.startsLikeInsert("")).isFalse();
    }
}
