package io.dbmesh.sharding.plan;

import java.sql.SQLException;

/** A planning's outcome as one comparable string: the printed plan, the MySQL error, or the exception. */
final class PlanOutcome {
    interface Planning {
        Plan plan() throws Exception;
    }

    private PlanOutcome() {
    }

    static String of(Planning p) {
        try {
            return PlanPrinter.print(p.plan());
        } catch (SQLException e) {
            return "error " + e.getErrorCode() + " (" + e.getSQLState() + "): " + e.getMessage();
        } catch (Exception e) {
            return "exception " + e;
        }
    }
}
