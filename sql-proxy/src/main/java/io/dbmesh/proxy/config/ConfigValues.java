package io.dbmesh.proxy.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of the human-friendly value forms the config accepts (sizes, durations). */
final class ConfigValues {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private ConfigValues() {
    }

    /** @return bytes, or -1 when the text is not a size. Units are binary (1K = 1024), as in MySQL's my.cnf. */
    static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.trim().replace("_", "").toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return -1;
        }
        long multiplier = switch (m.group(2)) {
            case "", "b" -> 1L;
            case "k", "kb", "kib" -> 1024L;
            case "m", "mb", "mib" -> 1024L * 1024;
            default -> 1024L * 1024 * 1024;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), multiplier);
        } catch (ArithmeticException | NumberFormatException e) {
            return -1;
        }
    }

    /** @return the duration, or null when the text is not one */
    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return null;
        }
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}
