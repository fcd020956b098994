package io.dbmesh.testsupport;

/**
 * Java source with comments, string and character literals (text blocks too) replaced by spaces,
 * line breaks kept: what is left is code, so names found in it are names the code uses.
 */
final class CodeText {
    private CodeText() {
    }

    static String withoutCommentsAndLiterals(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            int end;
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                end = s.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                end = s.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (s.startsWith("\"\"\"", i)) {
                end = closing(s, i + 3, "\"\"\"");
            } else if (c == '"' || c == '\'') {
                end = closing(s, i + 1, String.valueOf(c));
            } else {
                out.append(c);
                i++;
                continue;
            }
            for (int k = i; k < end; k++) out.append(s.charAt(k) == '\n' ? '\n' : ' ');
            i = end;
        }
        return out.toString();
    }

    /** Index just past {@code quote} from {@code from} on, skipping backslash escapes; the end if unclosed. */
    private static int closing(String s, int from, String quote) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == '\\') i++;
            else if (s.startsWith(quote, i)) return i + quote.length();
        }
        return s.length();
    }
}
