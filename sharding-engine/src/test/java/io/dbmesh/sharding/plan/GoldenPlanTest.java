package io.dbmesh.sharding.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.dbmesh.sharding.algorithm.ShardFunctions;
import io.dbmesh.sharding.keygen.SnowflakeGenerator;
import io.dbmesh.sharding.rule.ShardingRules;
import io.dbmesh.sharding.rule.ShardingRulesBinder;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden plan files, one per feature area under src/test/resources/plans: each case has a comment,
 * a query, optional parameters, and the expected printed plan (or error). The cases of files named
 * {@code passthrough_*} are planned for a passthrough database on ds_0, all others for the sharded
 * database of rules.yaml. Run with
 * {@code -Ddbmesh.regenerate=true} to rewrite the expectations from the current planner, then
 * review the diff like code.
 */
class GoldenPlanTest {
    static final Path DIR = Path.of("src/test/resources/plans");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    static ShardingRules rules() throws IOException {
        JsonNode node = YAML.readTree(DIR.resolve("rules.yaml").toFile());
        return new ShardingRulesBinder(new ShardFunctions(GoldenPlanTest.class.getClassLoader()), Map.<String, String>of()::get)
                .bind("orders", node, List.of("ds_0", "ds_1"), null);
    }

    static ShardingPlanner planner() throws IOException {
        // a frozen clock: generated keys are the same on every run
        return new ShardingPlanner(rules(), new SnowflakeGenerator(1, () -> SnowflakeGenerator.EPOCH_MILLIS + 1000), 64);
    }

    /** What a case produces: the printed plan, or the error a client would see. */
    static String[] run(StatementPlanner planner, JsonNode c) {
        List<Object> params = new ArrayList<>();
        if (c.has("params")) {
            for (JsonNode p : c.get("params")) {
                params.add(p.isNull() ? null : p.isIntegralNumber() ? (Object) p.asLong() : p.isNumber() ? new BigDecimal(p.asText()) : p.asText());
            }
        }
        try {
            return new String[]{"plan", PlanPrinter.print(planner.plan(c.get("query").asText(), params))};
        } catch (SQLException e) {
            return new String[]{"error", e.getErrorCode() + " (" + e.getSQLState() + "): " + e.getMessage()};
        }
    }

    @TestFactory
    Stream<DynamicTest> goldenPlans() throws IOException {
        boolean regenerate = Boolean.getBoolean("dbmesh.regenerate");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("_cases.yaml")).sorted().toList()) {
                ArrayNode cases = (ArrayNode) YAML.readTree(file.toFile());
                StatementPlanner planner = file.getFileName().toString().startsWith("passthrough_")
                        ? new PassthroughPlanner("ds_0") : planner();
                if (regenerate) {
                    for (JsonNode c : cases) {
                        ObjectNode o = (ObjectNode) c;
                        String[] actual = run(planner, c);
                        o.remove("plan");
                        o.remove("error");
                        o.put(actual[0], actual[1]);
                    }
                    YAML.writeValue(file.toFile(), cases);
                    continue;
                }
                for (JsonNode c : cases) {
                    String name = file.getFileName() + ": " + c.get("comment").asText();
                    tests.add(DynamicTest.dynamicTest(name, () -> {
                        String[] actual = run(planner, c);
                        String expected = c.has("plan") ? c.get("plan").asText() : c.has("error") ? c.get("error").asText() : null;
                        assertThat(actual[0] + ": " + actual[1]).as(c.get("query").asText())
                                .isEqualTo((c.has("plan") ? "plan" : "error") + ": " + expected);
                    }));
                }
            }
        }
        return tests.stream();
    }
}
