package io.dbmesh.sharding.plan;

import io.dbmesh.sharding.PhysicalStatement;
import io.dbmesh.sharding.parse.LiteralNormalizer;
import io.dbmesh.sharding.parse.NormalizedStatement;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Folded multi-row INSERTs whose rows need only routing copy each row's text as written into its
 * shard's statement; compared with the path that renders every row from its values (the planner
 * with {@code rowsAsWritten = false}), which they must match statement for statement.
 */
class InsertRowsAsWrittenTest {

    /** Spelled as the rendering path spells them: both paths send the very same text. */
    private static final List<String> CANONICAL = List.of(
            "INSERT INTO t_user (user_id, name) VALUES (1, 'a'), (2, 'b'), (3, 'it''s'), (4, ''), (5, 'x y'), (6, 'zz'), (7, 'é')",
            "INSERT INTO t_user (user_id, name, balance) VALUES (-5, 'neg', -12.50), (-6, 'n2', 0.00), (8, 'p', 1.5), (9, 'q', -0.5)",
            "INSERT INTO t_user (user_id, name, created) VALUES (1, 'a', NOW()), (2, 'b', NOW()), (3, 'c', NOW())",
            "INSERT INTO t_user (user_id, name, note) VALUES (10, 'a', NULL), (11, 'b', NULL), (13, 'c', NULL)",
            "INSERT INTO t_user (name, user_id) VALUES ('a', 9223372036854775807), ('b', -9223372036854775808), ('c', 0)",
            "INSERT IGNORE INTO t_user (user_id, name) VALUES (4, 'a'), (4, 'b'), (4, 'c')",
            "REPLACE INTO t_user (user_id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')",
            "INSERT INTO t_user (user_id, name) VALUE (1, 'a'), (2, 'b'), (3, 'c')",
            "INSERT INTO t_event (id, k, c, pad) VALUES (1, 5, '12-34', 'p'), (2, 6, '56-78', 'q'), (3, 7, '', 'r'), (4, 8, 'x''', 's')",
            "INSERT INTO t_account (id, amount) VALUES (999, 1.25), (1000, 2.50), (2500, 3.75), (3000, 4.00), (10, 5.00)",
            "INSERT INTO t_log (created_at, msg) VALUES ('2024-01-05', 'a'), ('2024-03-01', 'b'), ('2024-02-29', 'c')",
            "INSERT INTO `t_user` (`user_id`, `name`) VALUES (1, 'a'), (2, 'b')",
            "INSERT INTO t_user (user_id, name, flag) VALUES (1, 'a', 0x1F), (2, 'b', 0x1F), (3, 'c', 0x1F)",
            "INSERT INTO t_user (user_id, name) VALUES (1, 'line\nbreak'), (2, 'tab\there'), (3, '\"quoted\"'), (4, '`x`')");

    /** Other spellings of the same rows (rows still alike once their literals are {@code ?}): the same routes, the rows' own text. */
    private static final List<String> AS_WRITTEN = List.of(
            "INSERT INTO t_user (user_id, name, balance) VALUES (- 5,'neg',\n  -12.50),(-6,'n2',\n  0.00), (8,'p',\n  1.5)",
            "insert into t_user (user_id, name, note) values (1, 'a', null),\t(2, 'b', null) ,  (3, 'c', null)",
            "INSERT INTO t_user (user_id, name, created) VALUES ( 1 , 'a' , now( ) ), ( 2 , 'b' , now( ) )",
            "INSERT INTO t_user (user_id, name, price) VALUES (1, 'a', 12.500), (2, 'b', -0.0), (3, 'c', 100)",
            "  INSERT INTO t_user (user_id, name) VALUES (1,'a'), (2,'b') ;  ");

    @Test
    void rowsAsWrittenMakeTheStatementsTheRenderedRowsMade() throws Exception {
        for (String sql : CANONICAL) {
            Route asWritten = (Route) asWritten().plan(sql, List.of());
            assertThat(PlanPrinter.print(asWritten)).as(sql).isEqualTo(PlanPrinter.print(rendered().plan(sql, List.of())));
            assertThat(asWritten.statements()).extracting(PhysicalStatement::parameters).allMatch(List::isEmpty);
            assertThat(copied(sql)).as(sql).isEqualTo(asWritten);
        }
    }

    @Test
    void otherSpellingsRouteAlikeAndKeepTheirOwnText() throws Exception {
        for (String sql : AS_WRITTEN) {
            Route asWritten = (Route) asWritten().plan(sql, List.of());
            Route rendered = (Route) rendered().plan(sql, List.of());
            assertThat(asWritten.opcode()).as(sql).isEqualTo(rendered.opcode());
            assertThat(asWritten.tables()).isEqualTo(rendered.tables());
            assertThat(asWritten.returnsRows()).isEqualTo(rendered.returnsRows());
            assertThat(asWritten.statements()).hasSameSizeAs(rendered.statements());
            assertThat(copied(sql)).as(sql).isEqualTo(asWritten);
            assertThat(PlanPrinter.print(asWritten)).as("copied, not rendered: " + sql).isNotEqualTo(PlanPrinter.print(rendered));
            for (int i = 0; i < rendered.statements().size(); i++) {
                PhysicalStatement a = asWritten.statements().get(i), r = rendered.statements().get(i);
                assertThat(a.dataSource()).as(sql).isEqualTo(r.dataSource());
                assertThat(a.parameters()).isEmpty();
                assertThat(sameMeaning(a.sql(), r.sql())).as(a.sql() + "\n  against\n" + r.sql()).isTrue();
            }
        }
        Route r = (Route) asWritten().plan(AS_WRITTEN.get(0), List.of());
        assertThat(r.statements()).extracting(PhysicalStatement::sql).containsExactly(
                "INSERT INTO `t_user_0` (user_id, name, balance) VALUES (8,'p',\n  1.5)",
                "INSERT INTO `t_user_1` (user_id, name, balance) VALUES (-6,'n2',\n  0.00)",
                "INSERT INTO `t_user_0` (user_id, name, balance) VALUES (- 5,'neg',\n  -12.50)");
    }

    @Test
    void rowsThatNeedMoreThanRoutingAreRendered() throws Exception {
        List<String> statements = List.of(
                // a generated key: filled for NULL, appended when the column is not given
                "INSERT INTO t_order (order_id, user_id, status) VALUES (NULL, 1,  'a'), (NULL, 2,  'b')",
                "INSERT INTO t_order (order_id, user_id, status) VALUES (7, 1,  'a'), (8, 2,  'b')",
                "INSERT INTO t_order (user_id, status) VALUES (1,  'a'), (2,  'b')",
                // a suffix
                "INSERT INTO t_user (user_id, name) VALUES (1,  'a'), (2,  'b') ON DUPLICATE KEY UPDATE name = VALUES(name)",
                "INSERT INTO t_user (user_id, name) VALUES (1,  'a'), (2,  'b') ON DUPLICATE KEY UPDATE name = 'x'",
                // a comment inside a row
                "INSERT INTO t_user (user_id, name) VALUES (1, /* c */ 'a'), (2, /* c */ 'b')",
                "INSERT INTO t_user (user_id, name) VALUES (1,  'a' /*!50000 */), (2,  'b' /*!50000 */)");
        for (String sql : statements) {
            String asWritten = PlanOutcome.of(() -> asWritten().plan(sql, List.of()));
            assertThat(asWritten).as(sql).isEqualTo(PlanOutcome.of(() -> rendered().plan(sql, List.of())));
            assertThat(asWritten).as(sql).doesNotContain("1,  'a'").doesNotContain("/* c */").doesNotContain("'a' /*!");
        }
        // a prepared statement's rows are bound from its parameters, never copied
        String prepared = "INSERT INTO t_user (user_id, name) VALUES (?,  ?), (?,  ?)";
        Plan p = asWritten().plan(prepared, List.of(1L, "a", 2L, "b"));
        assertThat(PlanPrinter.print(p)).isEqualTo(PlanPrinter.print(rendered().plan(prepared, List.of(1L, "a", 2L, "b"))));
        assertThat(((Route) p).statements()).allMatch(s -> s.parameters().size() == 2);
    }

    @Test
    void aKeyTheStrategyRefusesIsRefusedAlike() throws Exception {
        String sql = "INSERT INTO t_log (created_at, msg) VALUES ('2023-12-31', 'a'), ('2024-01-01', 'b')";
        assertThat(PlanOutcome.of(() -> asWritten().plan(sql, List.of()))).isEqualTo(PlanOutcome.of(() -> rendered().plan(sql, List.of())));
    }

    @Test
    void theAnalysisOfOneRowIsSharedAsBefore() throws Exception {
        ShardingPlanner planner = asWritten();
        planner.plan(CANONICAL.get(0), List.of());
        long hits = planner.cacheHits();
        planner.plan("INSERT INTO t_user (user_id, name) VALUES (11, 'q'), (12, 'r')", List.of());
        assertThat(planner.cacheHits()).isEqualTo(hits + 1);
        assertThat(planner.cachedStatements()).isEqualTo(1);
    }

    /** The plan of the rows copied as written, asked of the one-row template directly (fails when it declines). */
    private static Plan copied(String sql) throws Exception {
        String text = sql.strip();
        if (text.endsWith(";")) text = text.substring(0, text.length() - 1).strip();
        NormalizedStatement n = LiteralNormalizer.normalize(text);
        FoldedRows folded = FoldedRows.of(n, text);
        assertThat(folded).as(sql).isNotNull();
        PlanTemplate t = GoldenPlanTest.planner().prepare(folded.oneRow());
        Plan plan = ((FoldedRows.RowTemplate) t).bindRowsAsWritten(folded, n.values());
        assertThat(plan).as("rows copied: " + sql).isNotNull();
        return plan;
    }

    private static ShardingPlanner asWritten() throws Exception {
        ShardingPlanner p = GoldenPlanTest.planner();
        assertThat(p.rowsAsWritten).isTrue();
        return p;
    }

    private static ShardingPlanner rendered() throws Exception {
        ShardingPlanner p = GoldenPlanTest.planner();
        p.rowsAsWritten = false;
        return p;
    }

    /** Same values, and the same text once literals are {@code ?} and white space and case are ignored. */
    private static boolean sameMeaning(String a, String b) {
        NormalizedStatement na = LiteralNormalizer.normalize(a), nb = LiteralNormalizer.normalize(b);
        if (na == null || nb == null) return a.equals(b);
        return na.values().equals(nb.values()) && squeezed(na.text()).equals(squeezed(nb.text()));
    }

    private static String squeezed(String s) {
        return s.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }
}
