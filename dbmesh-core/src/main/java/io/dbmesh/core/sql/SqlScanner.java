package io.dbmesh.core.sql;

/**
 * The one MySQL/MariaDB token scanner of dbmesh, over a SQL string, cursor style: {@link #next()}
 * advances and the current token is described by {@link #type()}, {@link #start()} and {@link #end()}
 * (char offsets; {@link #byteOffset} gives the UTF-8 byte offset) — no token objects are allocated,
 * because this runs on the per-query hot path.
 *
 * <p>It knows exactly what is needed to find statement boundaries, keywords, literals and parameter
 * markers safely, as the server's lexer reads them: comments ({@code -- } with a space or control
 * character after the dashes, {@code #}, {@code /* *}{@code /}, not nested), quoted strings with
 * backslash escapes (off under NO_BACKSLASH_ESCAPES) and doubled quotes, backquoted identifiers,
 * user and system variables, {@code ?} markers, and executable comments ({@code /*! … *}{@code /},
 * {@code /*!40101 … *}{@code /}, MariaDB's {@code /*M!100100 … *}{@code /}) whose content is code when
 * the {@link SqlDialect}'s server runs it and a comment otherwise. Comments are skipped unless
 * {@link #reportComments()} asks for them as {@link Type#COMMENT} tokens.
 */
public final class SqlScanner {

    /** What the current token is. */
    public enum Type {
        /** An unquoted word: keyword or identifier (letters, digits, _, $). */
        WORD,
        /** `quoted identifier` */
        QUOTED_IDENTIFIER,
        /** 'string' or "string" */
        STRING,
        NUMBER,
        /** @name, @'name', @`name` */
        USER_VARIABLE,
        /** @@name, @@session.name … (the scope prefix is part of the token) */
        SYSTEM_VARIABLE,
        /** any other single character, or := */
        SYMBOL,
        /** ? outside strings, identifiers and comments */
        PARAMETER_MARKER,
        /** a comment, only when {@link #reportComments()} was called (executable comments that run are code) */
        COMMENT,
        END
    }

    private final String sql;
    private final int length;
    private final SqlDialect dialect;
    private int pos;
    private int start;
    private int end;
    private Type type = Type.END;
    /** Inside an executable comment, its closing star-slash is skipped like whitespace. */
    private boolean inExecutableComment;
    /** Set when an unterminated string or comment ran to the end of the text. */
    private boolean unterminated;
    /** sql_mode NO_BACKSLASH_ESCAPES: a backslash in a string is an ordinary character. */
    private final boolean noBackslashEscapes;
    private boolean reportComments;
    /** Where the last comment found while skipping started and ended (-1: none pending). */
    private int commentStart = -1;
    private int commentEnd;
    private boolean tokenInExecutableComment;
    /** Set when this scanner replays tokens scanned before instead of lexing. */
    private final ScannedSql replay;
    private int replayIndex;

    public SqlScanner(String sql) {
        this(sql, 0, sql.length(), SqlDialect.DEFAULT);
    }

    public SqlScanner(String sql, SqlDialect dialect) {
        this(sql, 0, sql.length(), dialect);
    }

    public SqlScanner(String sql, int from, int to) {
        this(sql, from, to, SqlDialect.DEFAULT, false);
    }

    /**
     * @param noBackslashEscapes scan strings as the server does under sql_mode NO_BACKSLASH_ESCAPES
     *                           (where {@code '\'} is a complete string)
     */
    public SqlScanner(String sql, int from, int to, boolean noBackslashEscapes) {
        this(sql, from, to, SqlDialect.DEFAULT, noBackslashEscapes);
    }

    public SqlScanner(String sql, int from, int to, SqlDialect dialect) {
        this(sql, from, to, dialect, false);
    }

    public SqlScanner(String sql, int from, int to, SqlDialect dialect, boolean noBackslashEscapes) {
        this.sql = sql;
        this.pos = from;
        this.length = to;
        this.dialect = dialect;
        this.noBackslashEscapes = noBackslashEscapes;
        this.replay = null;
    }

    /** Replays the tokens of a statement scanned once ({@link ScannedSql#scanner()}) instead of lexing again. */
    SqlScanner(ScannedSql scanned) {
        this.sql = scanned.sql();
        this.pos = 0;
        this.length = sql.length();
        this.dialect = scanned.dialect();
        this.noBackslashEscapes = false;
        this.replay = scanned;
    }

    /** Comments become {@link Type#COMMENT} tokens instead of being skipped (for hints in them). */
    public SqlScanner reportComments() {
        this.reportComments = true;
        return this;
    }

    /** Advances to the next token and returns its type ({@link Type#END} at the end). */
    public Type next() {
        if (replay != null) {
            return replayNext();
        }
        skipSpaceAndComments();
        tokenInExecutableComment = inExecutableComment;
        if (commentStart >= 0) {
            start = commentStart;
            end = commentEnd;
            commentStart = -1;
            return type = Type.COMMENT;
        }
        start = pos;
        if (pos >= length) {
            end = pos;
            return type = Type.END;
        }
        char c = sql.charAt(pos);
        if (c == '\'' || c == '"') {
            pos = skipQuoted(pos, c);
            type = Type.STRING;
        } else if (c == '`') {
            pos = skipQuoted(pos, '`');
            type = Type.QUOTED_IDENTIFIER;
        } else if (c == '@') {
            type = scanVariable();
        } else if (isDigit(c) || (c == '.' && pos + 1 < length && isDigit(sql.charAt(pos + 1)))) {
            pos = skipNumber(pos);
            type = Type.NUMBER;
        } else if (isWordChar(c)) {
            pos = skipWord(pos);
            // x'..', b'..', n'..', _charset'..' are literals introduced by a word
            if (pos < length && sql.charAt(pos) == '\'' && isLiteralPrefix(start, pos)) {
                pos = skipQuoted(pos, '\'');
                type = Type.STRING;
            } else {
                type = Type.WORD;
            }
        } else if (c == ':' && pos + 1 < length && sql.charAt(pos + 1) == '=') {
            pos += 2;
            type = Type.SYMBOL;
        } else if (c == '?') {
            pos++;
            type = Type.PARAMETER_MARKER;
        } else {
            pos++;
            type = Type.SYMBOL;
        }
        end = pos;
        return type;
    }

    private Type replayNext() {
        while (replayIndex < replay.size()) {
            int i = replayIndex++;
            Type t = replay.type(i);
            if (t == Type.COMMENT && !reportComments) {
                continue;
            }
            start = replay.start(i);
            end = replay.end(i);
            pos = end;
            tokenInExecutableComment = replay.inExecutableComment(i);
            unterminated = replayIndex == replay.size() && replay.unterminated();
            return type = t;
        }
        unterminated = replay.unterminated();
        tokenInExecutableComment = false;
        start = end = pos = length;
        return type = Type.END;
    }

    public Type type() {
        return type;
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }

    /** Position right after the current token (where scanning continues). */
    public int position() {
        return pos;
    }

    public String sql() {
        return sql;
    }

    public String text() {
        return sql.substring(start, end);
    }

    public boolean unterminated() {
        return unterminated;
    }

    /** Whether the current token is code inside an executable comment ({@code /*!… *}{@code /}). */
    public boolean inExecutableComment() {
        return tokenInExecutableComment;
    }

    /** The UTF-8 byte offset of char offset {@code charOffset} (a token's start or end) in the text. */
    public int byteOffset(int charOffset) {
        int bytes = 0;
        for (int i = 0; i < charOffset; i++) {
            char c = sql.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < charOffset && Character.isLowSurrogate(sql.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** How many {@code ?} parameter markers {@code sql} has (as the default dialect reads it). */
    public static int countParameterMarkers(String sql) {
        if (sql.indexOf('?') < 0) {
            return 0;
        }
        SqlScanner s = new SqlScanner(sql);
        int n = 0;
        for (Type t = s.next(); t != Type.END; t = s.next()) {
            if (t == Type.PARAMETER_MARKER) {
                n++;
            }
        }
        return n;
    }

    /** True when the current token is the word {@code keyword} (given in upper case), any case. */
    public boolean isWord(String keyword) {
        return type == Type.WORD && end - start == keyword.length()
                && sql.regionMatches(true, start, keyword, 0, keyword.length());
    }

    /** True when the current token is a {@code ?} parameter marker. */
    public boolean isParameterMarker() {
        return type == Type.PARAMETER_MARKER;
    }

    /** True when the current token is the one-character symbol {@code c}. */
    public boolean isSymbol(char c) {
        return type == Type.SYMBOL && end - start == 1 && sql.charAt(start) == c;
    }

    /** The current token as an identifier name: backquotes removed, doubled backquotes undone. */
    public String identifier() {
        if (type == Type.QUOTED_IDENTIFIER) {
            return unquote(start, end);
        }
        return text();
    }

    /** The value of a STRING token without quotes (escapes resolved), or of any other token its text. */
    public String stringValue() {
        if (type == Type.STRING && (sql.charAt(start) == '\'' || sql.charAt(start) == '"')) {
            return unquote(start, end);
        }
        return text();
    }

    private String unquote(int from, int to) {
        char q = sql.charAt(from);
        int last = to - 1;
        if (last <= from || sql.charAt(last) != q) {
            last = to; // unterminated: take everything
        }
        StringBuilder sb = new StringBuilder(last - from);
        for (int i = from + 1; i < last; i++) {
            char c = sql.charAt(i);
            if (c == q && i + 1 < last && sql.charAt(i + 1) == q) {
                sb.append(q);
                i++;
            } else if (c == '\\' && q != '`' && !noBackslashEscapes && i + 1 < last) {
                char n = sql.charAt(++i);
                switch (n) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case '0' -> sb.append('\0');
                    case 'b' -> sb.append('\b');
                    case 'Z' -> sb.append('\u001a');
                    default -> sb.append(n);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private Type scanVariable() {
        int p = pos + 1;
        if (p < length && sql.charAt(p) == '@') {
            p++;
            // @@session.name, @@global.name, @@name; the name may be backquoted
            while (p < length) {
                char c = sql.charAt(p);
                if (isWordChar(c) || c == '.') {
                    p++;
                } else if (c == '`') {
                    p = skipQuoted(p, '`');
                } else {
                    break;
                }
            }
            pos = p;
            return Type.SYSTEM_VARIABLE;
        }
        if (p < length) {
            char c = sql.charAt(p);
            if (c == '\'' || c == '"' || c == '`') {
                pos = skipQuoted(p, c);
                return Type.USER_VARIABLE;
            }
        }
        while (p < length && (isWordChar(sql.charAt(p)) || sql.charAt(p) == '.')) {
            p++;
        }
        pos = p;
        return Type.USER_VARIABLE;
    }

    private void skipSpaceAndComments() {
        while (pos < length) {
            char c = sql.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b) {
                pos++;
            } else if (c == '#' || (c == '-' && pos + 1 < length && sql.charAt(pos + 1) == '-'
                    && (pos + 2 == length || sql.charAt(pos + 2) <= ' '))) {
                int from = pos;
                skipToEndOfLine();
                if (comment(from)) {
                    return;
                }
            } else if (c == '/' && pos + 1 < length && sql.charAt(pos + 1) == '*') {
                int body = inExecutableComment ? -1 : executableCommentBody(pos);
                if (body >= 0) {
                    // executable comment that applies: its body is SQL, its closing star-slash is skipped
                    pos = body;
                    inExecutableComment = true;
                } else {
                    int from = pos;
                    int close = sql.indexOf("*/", pos + 2);
                    if (close < 0 || close + 2 > length) {
                        unterminated = true;
                        pos = length;
                    } else {
                        pos = close + 2;
                    }
                    if (comment(from)) {
                        return;
                    }
                }
            } else if (c == '*' && inExecutableComment && pos + 1 < length && sql.charAt(pos + 1) == '/') {
                inExecutableComment = false;
                pos += 2;
            } else {
                return;
            }
        }
    }

    /** Records the comment that started at {@code from} as the next token when comments are reported. */
    private boolean comment(int from) {
        if (!reportComments) {
            return false;
        }
        commentStart = from;
        commentEnd = pos;
        return true;
    }

    /**
     * Where the body of the executable comment opening at {@code at} starts (after the marker and
     * version digits), or -1 when {@code at} opens a plain comment or one that does not apply to the
     * dialect's server. As MariaDB's lexer: {@code /*!} or {@code /*M!}, then a version of 5 or 6
     * digits (fewer digits are not a version: the comment always applies).
     */
    private int executableCommentBody(int at) {
        int p = at + 2;
        boolean mariadbOnly = false;
        if (p < length && sql.charAt(p) == 'M' && p + 1 < length && sql.charAt(p + 1) == '!') {
            mariadbOnly = true;
            p += 2;
        } else if (p < length && sql.charAt(p) == '!') {
            p++;
        } else {
            return -1;
        }
        int version = -1;
        if (p + 5 <= length && isDigit(sql.charAt(p)) && isDigit(sql.charAt(p + 1)) && isDigit(sql.charAt(p + 2))
                && isDigit(sql.charAt(p + 3)) && isDigit(sql.charAt(p + 4))) {
            int digits = p + 5 < length && isDigit(sql.charAt(p + 5)) ? 6 : 5;
            version = Integer.parseInt(sql, p, p + digits, 10);
            p += digits;
        }
        return dialect.executes(mariadbOnly, version) ? p : -1;
    }

    private void skipToEndOfLine() {
        while (pos < length && sql.charAt(pos) != '\n') {
            pos++;
        }
    }

    private int skipQuoted(int from, char quote) {
        int p = from + 1;
        while (p < length) {
            char c = sql.charAt(p);
            if (c == '\\' && quote != '`' && !noBackslashEscapes) {
                p += 2;
            } else if (c == quote) {
                if (p + 1 < length && sql.charAt(p + 1) == quote) {
                    p += 2;
                } else {
                    return p + 1;
                }
            } else {
                p++;
            }
        }
        unterminated = true;
        return length;
    }

    private int skipNumber(int from) {
        int p = from;
        while (p < length) {
            char c = sql.charAt(p);
            if (isWordChar(c) || c == '.') {
                p++;
            } else if ((c == '+' || c == '-') && p > from && (sql.charAt(p - 1) == 'e' || sql.charAt(p - 1) == 'E')
                    && decimalDigits(from, p - 1)) {
                p++; // 1.5e-3, not 0xE-1 (a hex number minus 1)
            } else {
                break;
            }
        }
        return p;
    }

    private boolean decimalDigits(int from, int to) {
        for (int i = from; i < to; i++) {
            char c = sql.charAt(i);
            if (!isDigit(c) && c != '.') {
                return false;
            }
        }
        return true;
    }

    private int skipWord(int from) {
        int p = from;
        while (p < length && isWordChar(sql.charAt(p))) {
            p++;
        }
        return p;
    }

    private boolean isLiteralPrefix(int from, int to) {
        int len = to - from;
        char c = sql.charAt(from);
        if (len == 1) {
            return c == 'x' || c == 'X' || c == 'b' || c == 'B' || c == 'n' || c == 'N';
        }
        return c == '_'; // _utf8mb4'…', _binary'…'
    }

    public static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    public static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
                || c >= 0x80;
    }
}
