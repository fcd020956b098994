package io.dbmesh.proxy.backend.replica;

import java.time.Instant;

/**
 * What the checker knows about a member, replaced as a whole after every probe (so readers never
 * see a half-updated status).
 *
 * @param lagSeconds           {@code Seconds_Behind_Master} of the last probe; null when unknown or for the primary
 * @param lastError            why the member is not UP (or the last probe failure while still UP); null when none
 * @param since                when the member entered {@code state}
 * @param consecutiveFailures  failed probes in a row
 * @param consecutiveSuccesses good probes in a row
 */
public record MemberStatus(MemberState state, Long lagSeconds, String lastError, Instant since,
                           int consecutiveFailures, int consecutiveSuccesses) {

    public static MemberStatus unknown(Instant now) {
        return new MemberStatus(MemberState.UNKNOWN, null, null, now, 0, 0);
    }
}
