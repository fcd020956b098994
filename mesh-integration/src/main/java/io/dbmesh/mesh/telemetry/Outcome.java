package io.dbmesh.mesh.telemetry;

/**
 * The {@code outcome} label of a statement: ok, or the class of its error by SQLSTATE class (the
 * first two characters), so the label set stays small whatever the error codes are.
 */
public enum Outcome {
    OK, CONSTRAINT, SYNTAX_OR_ACCESS, CONNECTION, ROLLBACK, DATA, NOT_SUPPORTED, INTERRUPTED, GENERAL, OTHER;

    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    public String label() {
        return label;
    }

    /** @param errorCode 0 for success */
    public static Outcome of(int errorCode, String sqlState) {
        if (errorCode == 0) return OK;
        if (sqlState == null || sqlState.length() < 2) return OTHER;
        return switch (sqlState.substring(0, 2)) {
            case "23" -> CONSTRAINT;
            case "42", "28", "3D" -> SYNTAX_OR_ACCESS;
            case "08" -> CONNECTION;
            case "40" -> ROLLBACK;
            case "22" -> DATA;
            case "0A" -> NOT_SUPPORTED;
            case "70" -> INTERRUPTED;
            case "HY" -> GENERAL;
            default -> OTHER;
        };
    }
}
