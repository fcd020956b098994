package io.dbmesh.proxy.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dbmesh.proxy.config.DbmeshConfig;
import io.dbmesh.proxy.config.JdbcUrl;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The running config as JSON for {@code GET /config}: every record of {@link DbmeshConfig} walked
 * generically (so a section added later shows up without touching this), secrets replaced by
 * {@code "***"} and JDBC URLs redacted. The version is a digest of the unmasked values, so it
 * changes when anything changes (a password too) without revealing anything.
 */
public final class ConfigView {
    private static final Set<String> SECRETS = Set.of("password", "token", "secret", "privateKeyPassword");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String json;

    public ConfigView(DbmeshConfig config, Instant loadedAt) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", version(render(config, false)));
        root.put("loaded_at", loadedAt.toString());
        root.put("config", render(config, true));
        try {
            this.json = JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String json() {
        return json;
    }

    static Object render(Object value, boolean mask) {
        if (value == null || value instanceof Boolean || value instanceof Number || value instanceof String) return value;
        if (value instanceof Enum<?> e) return e.name().toLowerCase(java.util.Locale.ROOT);
        if (value instanceof Record r) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                Object v;
                try {
                    v = c.getAccessor().invoke(r);
                } catch (ReflectiveOperationException e) {
                    continue;
                }
                String key = snake(c.getName());
                if (mask && SECRETS.contains(c.getName()) && v != null) out.put(key, "***");
                else if (mask && c.getName().equals("url") && v instanceof String url) out.put(key, JdbcUrl.redact(url));
                else out.put(key, render(v, mask));
            }
            return out;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), render(v, mask)));
            return out;
        }
        if (value instanceof Collection<?> c) {
            java.util.List<Object> out = new ArrayList<>();
            c.forEach(v -> out.add(render(v, mask)));
            return out;
        }
        return String.valueOf(value); // Duration, Path, …: their text form
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String version(Object unmasked) {
        try {
            byte[] text = JSON.writeValueAsString(unmasked).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text), 0, 6);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
