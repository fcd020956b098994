package io.dbmesh.proxy.backend;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcUrlsTest {

    @Test
    void theUrlsOwnOptionsWinExceptThoseThatDecideHowResultsAreRead() {
        String url = JdbcUrls.forProxy("jdbc:mysql://db:3306/shop?useServerPrepStmts=true&cachePrepStmts=true&useAffectedRows=false"
                + "&connectTimeout=250&sessionVariables=wait_timeout=60", RowCountMode.CHANGED, 5000, Map.of());
        assertThat(url).startsWith("jdbc:mariadb://db:3306/shop?")
                // a binary-protocol result would be misread by JdbcRowCursor, which reads raw text rows
                .contains("useServerPrepStmts=false").doesNotContain("useServerPrepStmts=true")
                .contains("cachePrepStmts=false").doesNotContain("cachePrepStmts=true")
                .contains("useAffectedRows=true").doesNotContain("useAffectedRows=false")
                .contains("connectTimeout=250").doesNotContain("connectTimeout=5000")
                .contains("sessionVariables=" + JdbcUrls.SESSION_VARIABLES + ",wait_timeout=60");
    }
}
