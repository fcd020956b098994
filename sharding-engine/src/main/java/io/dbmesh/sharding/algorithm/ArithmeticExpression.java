package io.dbmesh.sharding.algorithm;

/**
 * A tiny, safe integer expression over one variable (the shard key), e.g. {@code user_id / 2 % 2}:
 * numbers, the variable, {@code + - * / %}, unary minus and parentheses. No functions, no script
 * engine: nothing in a config file can run code. Integer math on 64-bit longs; {@code /} truncates
 * toward zero like MySQL's DIV; overflow and division by zero are errors, never wrong shards.
 */
public final class ArithmeticExpression {

    /** The parsed form: a tree of small nodes. */
    sealed interface Node permits Num, Var, Neg, Bin {
        long eval(long key);
    }

    record Num(long value) implements Node {
        public long eval(long key) {
            return value;
        }
    }

    record Var() implements Node {
        public long eval(long key) {
            return key;
        }
    }

    record Neg(Node operand) implements Node {
        public long eval(long key) {
            return Math.negateExact(operand.eval(key));
        }
    }

    record Bin(char op, Node left, Node right) implements Node {
        public long eval(long key) {
            long a = left.eval(key), b = right.eval(key);
            return switch (op) {
                case '+' -> Math.addExact(a, b);
                case '-' -> Math.subtractExact(a, b);
                case '*' -> Math.multiplyExact(a, b);
                case '/' -> {
                    if (b == 0) throw new ArithmeticException("division by zero");
                    yield a / b;
                }
                case '%' -> {
                    if (b == 0) throw new ArithmeticException("division by zero");
                    yield a % b;
                }
                default -> throw new IllegalStateException("operator " + op);
            };
        }
    }

    private final String text;
    private final Node root;

    private ArithmeticExpression(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /**
     * @param variable the name the expression uses for the key (the shard column); {@code key} is accepted too
     * @throws IllegalArgumentException naming the position and problem
     */
    public static ArithmeticExpression parse(String text, String variable) {
        Parser p = new Parser(text, variable);
        Node n = p.expression();
        p.skipSpaces();
        if (p.pos < text.length()) throw p.error("unexpected '" + text.charAt(p.pos) + "'");
        return new ArithmeticExpression(text, n);
    }

    /** @throws ArithmeticException on overflow or division by zero */
    public long evaluate(long key) {
        return root.eval(key);
    }

    @Override
    public String toString() {
        return text;
    }

    private static final class Parser {
        final String s;
        final String variable;
        int pos;

        Parser(String s, String variable) {
            this.s = s;
            this.variable = variable;
        }

        Node expression() {
            Node left = term();
            while (true) {
                skipSpaces();
                if (peek('+') || peek('-')) {
                    char op = s.charAt(pos++);
                    left = new Bin(op, left, term());
                } else return left;
            }
        }

        Node term() {
            Node left = unary();
            while (true) {
                skipSpaces();
                if (peek('*') || peek('/') || peek('%')) {
                    char op = s.charAt(pos++);
                    left = new Bin(op, left, unary());
                } else return left;
            }
        }

        Node unary() {
            skipSpaces();
            if (peek('-')) {
                pos++;
                return new Neg(unary());
            }
            if (peek('+')) {
                pos++;
                return unary();
            }
            return primary();
        }

        Node primary() {
            skipSpaces();
            if (pos >= s.length()) throw error("expression ends too early");
            char c = s.charAt(pos);
            if (c == '(') {
                pos++;
                Node inner = expression();
                skipSpaces();
                if (!peek(')')) throw error("missing ')'");
                pos++;
                return inner;
            }
            if (Character.isDigit(c)) {
                int start = pos;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
                try {
                    return new Num(Long.parseLong(s.substring(start, pos)));
                } catch (NumberFormatException e) {
                    throw error("number too large");
                }
            }
            if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) pos++;
                String name = s.substring(start, pos);
                if (name.equalsIgnoreCase(variable) || name.equalsIgnoreCase("key")) return new Var();
                throw error("unknown name '" + name + "' (only the shard key '" + variable + "' may be used)");
            }
            throw error("unexpected '" + c + "'");
        }

        boolean peek(char c) {
            return pos < s.length() && s.charAt(pos) == c;
        }

        void skipSpaces() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
        }

        IllegalArgumentException error(String problem) {
            return new IllegalArgumentException("expression '" + s + "' at position " + (pos + 1) + ": " + problem);
        }
    }
}
