package io.dbmesh.core.result;

/**
 * Sums the info texts of the OK packets of one statement's shards. Every number in a server's info
 * is a count over the rows the statement touched ("Rows matched: 2  Changed: 1  Warnings: 0",
 * "Records: 3  Duplicates: 0  Warnings: 0", "Records: 3  Deleted: 0  Skipped: 0  Warnings: 0"), so
 * two texts with the same words between their numbers (whatever the server's message language)
 * add up number by number. Texts of different shapes, or one shard without info while another has
 * one (a one-row INSERT has none), give no info: a count the sidecar does not know is not invented.
 */
public final class OkInfo {

    private OkInfo() {
    }

    /** The summed text, or "" when the two cannot be summed (or either is empty). */
    public static String sum(String a, String b) {
        if (a == null || b == null || a.isEmpty() || b.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(a.length() + 2);
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int ni = numberEnd(a, i);
            int nj = numberEnd(b, j);
            if (ni < 0 || nj < 0) {
                return ""; // a number too long to be a count
            }
            if (ni > i && nj > j) {
                out.append(Long.parseLong(a, i, ni, 10) + Long.parseLong(b, j, nj, 10));
                i = ni;
                j = nj;
            } else if (ni == i && nj == j && i < a.length() && j < b.length() && a.charAt(i) == b.charAt(j)) {
                out.append(a.charAt(i));
                i++;
                j++;
            } else {
                return ""; // different words, or a number facing a word
            }
        }
        return out.toString();
    }

    /** End of the run of ASCII digits starting at {@code from} ({@code from} when none), -1 beyond 18 digits. */
    private static int numberEnd(String s, int from) {
        int end = from;
        while (end < s.length() && s.charAt(end) >= '0' && s.charAt(end) <= '9') end++;
        return end - from > 18 ? -1 : end;
    }
}
