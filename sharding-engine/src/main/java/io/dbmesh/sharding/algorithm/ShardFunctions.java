package io.dbmesh.sharding.algorithm;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Builds shard functions by config name: the built-ins ({@code mod}, {@code hash_mod},
 * {@code range}, {@code interval}, {@code expression}) and any {@link ShardFunctionFactory} on the
 * class path. Instances are made per use, no registry is global.
 */
public final class ShardFunctions {
    private final ClassLoader classLoader;

    public ShardFunctions(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /**
     * @param keyColumn  the shard key (the variable an expression may use)
     * @param properties the algorithm block's other keys, as text; lists as comma-separated text
     * @throws IllegalArgumentException with a readable problem
     */
    public ShardFunction create(String name, Map<String, String> properties, String keyColumn) {
        switch (name) {
            case "mod":
                return new ModShardFunction();
            case "hash_mod":
                return new HashModShardFunction();
            case "range": {
                String b = required(properties, "boundaries", name);
                List<BigDecimal> boundaries = new ArrayList<>();
                for (String part : b.split(",")) {
                    try {
                        boundaries.add(new BigDecimal(part.trim()));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("range boundary '" + part.trim() + "' is not a number");
                    }
                }
                return new RangeShardFunction(boundaries);
            }
            case "interval": {
                LocalDateTime start;
                try {
                    start = KeyValues.asDateTime(required(properties, "start", name));
                } catch (io.dbmesh.sharding.ShardingException e) {
                    throw new IllegalArgumentException("interval start '" + properties.get("start") + "' is not a date (use 2024-01-01 or 2024-01-01 00:00:00)");
                }
                String unitText = properties.getOrDefault("unit", "months").toUpperCase(Locale.ROOT);
                if (!unitText.endsWith("S")) unitText += "S";
                ChronoUnit unit;
                try {
                    unit = ChronoUnit.valueOf(unitText);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("interval unit '" + properties.get("unit") + "' is not one of years, months, weeks, days, hours, minutes");
                }
                long step;
                try {
                    step = Long.parseLong(properties.getOrDefault("step", "1").trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("interval step '" + properties.get("step") + "' is not an integer");
                }
                return new IntervalShardFunction(start, unit, step);
            }
            case "expression":
                return new ExpressionShardFunction(ArithmeticExpression.parse(required(properties, "expression", name), keyColumn));
            default:
                for (ShardFunctionFactory f : ServiceLoader.load(ShardFunctionFactory.class, classLoader)) {
                    if (f.name().equals(name)) return f.create(properties);
                }
                throw new IllegalArgumentException("unknown algorithm '" + name
                        + "' (built in: mod, hash_mod, range, interval, expression; custom ones are ShardFunctionFactory services)");
        }
    }

    private static String required(Map<String, String> properties, String key, String algorithm) {
        String v = properties.get(key);
        if (v == null || v.isBlank()) throw new IllegalArgumentException("algorithm '" + algorithm + "' needs '" + key + "'");
        return v;
    }
}
