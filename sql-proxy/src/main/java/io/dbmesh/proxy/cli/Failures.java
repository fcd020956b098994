package io.dbmesh.proxy.cli;

import io.dbmesh.proxy.config.ConfigException;

/** Turns a start-up failure into the one line a user reads, and the exit code scripts check. */
final class Failures {
    private Failures() {
    }

    static int exitCode(Throwable e) {
        return rootConfigException(e) != null ? DbmeshCommand.EXIT_INVALID_CONFIG : DbmeshCommand.EXIT_START_FAILED;
    }

    static String describe(Throwable e) {
        ConfigException config = rootConfigException(e);
        if (config != null) {
            return "invalid configuration: " + config.getMessage();
        }
        // The outermost message says what we tried; the innermost says why (e.g. "Address already in use").
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String what = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        String why = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return "could not start: " + (root == e || what.contains(why) ? what : what + ": " + why);
    }

    private static ConfigException rootConfigException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConfigException c) {
                return c;
            }
        }
        return null;
    }
}
