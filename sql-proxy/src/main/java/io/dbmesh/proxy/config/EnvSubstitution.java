package io.dbmesh.proxy.config;

import java.util.function.Function;

/**
 * Expands {@code ${NAME}} and {@code ${NAME:default}} in config values from the environment, so one
 * file can serve development (the defaults) and production (variables set by the platform).
 * {@code $${} writes a literal {@code ${}. A variable that is unset and has no default is an error
 * rather than an empty string: a silently empty host or password is worse than refusing to start.
 */
public final class EnvSubstitution {
    private final Function<String, String> environment;

    public EnvSubstitution(Function<String, String> environment) {
        this.environment = environment;
    }

    public static EnvSubstitution system() {
        return new EnvSubstitution(System::getenv);
    }

    /** The variable lookup itself, for binders that read variables of their own (e.g. DBMESH_WORKER_ID). */
    public Function<String, String> environment() {
        return environment;
    }

    /** @throws ConfigException naming {@code location} when a reference is malformed or unset */
    public String apply(String text, ConfigLocation location) {
        if (text == null || !text.contains("${")) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
                continue;
            }
            if (!text.startsWith("${", i)) {
                out.append(text.charAt(i++));
                continue;
            }
            int close = text.indexOf('}', i + 2);
            if (close < 0) {
                throw new ConfigException(location, "unterminated '${' in value (write '$${' for a literal '${')");
            }
            String reference = text.substring(i + 2, close);
            int colon = reference.indexOf(':');
            String name = colon < 0 ? reference : reference.substring(0, colon);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ConfigException(location, "'${" + reference + "}' is not a valid environment reference"
                        + " (expected ${NAME} or ${NAME:default})");
            }
            String value = environment.apply(name);
            if (value == null) {
                if (colon < 0) {
                    throw new ConfigException(location, "environment variable " + name
                            + " is not set and has no default (write ${" + name + ":default})");
                }
                value = reference.substring(colon + 1);
            }
            out.append(value);
            i = close + 1;
        }
        return out.toString();
    }
}
