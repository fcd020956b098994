package io.dbmesh.proxy.sql;

/** SQL LIKE matching (% any run, _ one character, backslash escapes), for answers the sidecar computes. */
public final class LikePattern {

    private LikePattern() {
    }

    public static boolean matches(String pattern, String text) {
        return match(pattern, 0, text, 0);
    }

    private static boolean match(String p, int pi, String t, int ti) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '%') {
                while (pi < p.length() && p.charAt(pi) == '%') pi++;
                if (pi == p.length()) return true;
                for (int k = ti; k <= t.length(); k++) {
                    if (match(p, pi, t, k)) return true;
                }
                return false;
            }
            if (ti >= t.length()) return false;
            if (c == '_') {
                pi++;
                ti++;
                continue;
            }
            if (c == '\\' && pi + 1 < p.length()) {
                c = p.charAt(++pi);
            }
            if (c != t.charAt(ti)) return false;
            pi++;
            ti++;
        }
        return ti == t.length();
    }
}
