package io.dbmesh.it.differential;

import io.dbmesh.it.differential.CorpusStatement.Expectation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a corpus file. The format is plain SQL a person can paste into the mariadb CLI:
 * <pre>
 * -- ==== section header (ignored)
 * -- Why this statement is here (one or more comment lines: the description).
 * -- @params: 17, 'O''Brien', 12.50, NULL, TIMESTAMP'2024-01-01 00:00:00', DATE'2024-01-01'
 * -- @params: 1 | 2 | 3                  (three executions of one prepared statement)
 * -- @error: 1062                       (both sides must fail with this code)
 * -- @sharded-rejects: feature words    (sharded sidecar must answer 1235 naming this)
 * -- @sharded-rejects: 1105 words       (… or this error code)
 * SELECT ... FROM ...
 *   WHERE ...;                          (a statement ends with ';' at the end of a line)
 * </pre>
 * Mistakes in the corpus (no description, wrong number of parameters) fail loudly at load time.
 */
public final class CorpusReader {
    private static final Pattern CODE_AND_WORDS = Pattern.compile("(?:(\\d+)\\s+)?(.*)");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private CorpusReader() {
    }

    public static List<CorpusStatement> readResource(String directory, String file) {
        String path = directory + "/" + file;
        try (InputStream in = CorpusReader.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("corpus resource not found: " + path);
            }
            return read(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<CorpusStatement> read(String file, String text) {
        List<CorpusStatement> statements = new ArrayList<>();
        List<String> description = new ArrayList<>();
        List<List<ParameterValue>> executions = List.of();
        Expectation expectation = new Expectation.SameResult();
        StringBuilder sql = new StringBuilder();
        int sqlLine = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].stripTrailing();
            String trimmed = line.strip();
            if (sql.isEmpty()) {
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (trimmed.startsWith("--")) {
                    String comment = trimmed.substring(2).strip();
                    if (comment.startsWith("==")) {
                        description.clear();
                    } else if (comment.startsWith("@params:")) {
                        executions = parseExecutions(file, lineNo, comment.substring("@params:".length()));
                    } else if (comment.startsWith("@error:")) {
                        expectation = new Expectation.SameError(Integer.parseInt(comment.substring("@error:".length()).strip()));
                    } else if (comment.startsWith("@sharded-rejects:")) {
                        expectation = shardedRejects(file, lineNo, comment.substring("@sharded-rejects:".length()).strip());
                    } else if (comment.startsWith("@")) {
                        throw corpusError(file, lineNo, "unknown directive " + comment);
                    } else if (!comment.isEmpty()) {
                        description.add(comment);
                    }
                    continue;
                }
                sqlLine = lineNo;
            }
            if (!sql.isEmpty()) {
                sql.append('\n');
            }
            sql.append(line);
            if (trimmed.endsWith(";")) {
                String statementText = sql.substring(0, sql.lastIndexOf(";")).strip();
                if (description.isEmpty()) {
                    throw corpusError(file, sqlLine, "statement has no description comment: " + statementText);
                }
                int markers = SqlText.countParameterMarkers(statementText);
                for (List<ParameterValue> parameters : executions.isEmpty() ? List.of(List.<ParameterValue>of()) : executions) {
                    if (markers != parameters.size()) {
                        throw corpusError(file, sqlLine, markers + " '?' markers but " + parameters.size()
                                + " @params values: " + statementText);
                    }
                }
                statements.add(new CorpusStatement(file, sqlLine, String.join(" ", description), statementText,
                        executions, expectation));
                sql.setLength(0);
                description.clear();
                executions = List.of();
                expectation = new Expectation.SameResult();
            }
        }
        if (!sql.isEmpty()) {
            throw corpusError(file, sqlLine, "statement not terminated by ';'");
        }
        return statements;
    }

    private static Expectation.ShardedRejects shardedRejects(String file, int line, String text) {
        Matcher m = CODE_AND_WORDS.matcher(text);
        if (!m.matches() || m.group(2).isBlank()) {
            throw corpusError(file, line, "@sharded-rejects needs the words the error must contain");
        }
        int code = m.group(1) == null ? OutcomeComparison.ER_NOT_SUPPORTED_YET : Integer.parseInt(m.group(1));
        return new Expectation.ShardedRejects(code, m.group(2).strip());
    }

    /** {@code 1, 'a' | 2, 'b'}: value lists separated by '|' outside quotes, one per execution. */
    static List<List<ParameterValue>> parseExecutions(String file, int line, String text) {
        List<List<ParameterValue>> executions = new ArrayList<>();
        for (String set : SqlText.splitTopLevel(text, '|')) {
            executions.add(parseParameters(file, line, set));
        }
        return executions;
    }

    static List<ParameterValue> parseParameters(String file, int line, String text) {
        List<ParameterValue> values = new ArrayList<>();
        for (String token : SqlText.splitTopLevelCommas(text)) {
            String t = token.strip();
            try {
                values.add(parseParameter(t));
            } catch (RuntimeException e) {
                throw corpusError(file, line, "bad parameter value '" + t + "': " + e.getMessage());
            }
        }
        return values;
    }

    private static ParameterValue parseParameter(String t) {
        if (t.equalsIgnoreCase("NULL")) {
            return new ParameterValue.NullValue();
        }
        if (t.regionMatches(true, 0, "TIMESTAMP'", 0, 10)) {
            return new ParameterValue.DateTimeValue(LocalDateTime.parse(unquote(t.substring(9)), DATE_TIME));
        }
        if (t.regionMatches(true, 0, "DATE'", 0, 5)) {
            return new ParameterValue.DateValue(LocalDate.parse(unquote(t.substring(4))));
        }
        if (t.startsWith("'")) {
            return new ParameterValue.StringValue(unquote(t));
        }
        if (t.contains(".")) {
            return new ParameterValue.DecimalValue(new BigDecimal(t));
        }
        return new ParameterValue.IntegerValue(Long.parseLong(t));
    }

    private static String unquote(String quoted) {
        if (quoted.length() < 2 || !quoted.startsWith("'") || !quoted.endsWith("'")) {
            throw new IllegalArgumentException("expected a quoted string");
        }
        return quoted.substring(1, quoted.length() - 1).replace("''", "'");
    }

    private static IllegalArgumentException corpusError(String file, int line, String problem) {
        return new IllegalArgumentException("corpus " + file + ":" + line + ": " + problem);
    }
}
