package io.dbmesh.it.compat;

/** How a compatibility program ended and what it printed (stdout is the canonical result). */
public record ProgramRun(int exitCode, String out, String err) {

    /** For assertion messages. */
    public String describe() {
        return "exit code " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }
}
