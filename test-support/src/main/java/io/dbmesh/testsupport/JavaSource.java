package io.dbmesh.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One {@code .java} file read for its dependencies: its package, and every type name it writes out
 * qualified — its imports (static and on-demand ones too) and fully qualified names in code. Comments
 * and string literals are blanked first, so a Javadoc link or a class name in a message is not a
 * dependency; an import used only by Javadoc still is (it is written in the code).
 *
 * @param file        the file, as found under the source root
 * @param packageName its package ("" for the default package)
 * @param references  qualified names it refers to, each with the text that refers ({@code import x.Y})
 */
public record JavaSource(Path file, String packageName, List<Reference> references) {

    /** A qualified name and how the file writes it. */
    public record Reference(String name, String written) {
    }

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.]+?)(\\.\\*)?\\s*;", Pattern.MULTILINE);
    /** A dotted name in code with at least one lower-case segment before a capitalised one. */
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])((?:[a-z_]\\w*\\.)+[A-Z]\\w*)");

    /** Every {@code .java} file under {@code root} (e.g. {@code src/main/java}), in path order. */
    public static List<JavaSource> under(Path root) {
        if (!Files.isDirectory(root)) throw new IllegalArgumentException("no source directory " + root.toAbsolutePath());
        try (Stream<Path> files = Files.walk(root)) {
            List<JavaSource> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) out.add(read(f));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JavaSource read(Path file) throws IOException {
        return parse(file, Files.readString(file));
    }

    static JavaSource parse(Path file, String text) {
        String code = CodeText.withoutCommentsAndLiterals(text);
        Matcher pm = PACKAGE.matcher(code);
        String pkg = pm.find() ? pm.group(1) : "";
        List<Reference> refs = new ArrayList<>();
        Matcher im = IMPORT.matcher(code);
        int importsEnd = pm.find(0) ? pm.end() : 0;
        while (im.find()) {
            String name = im.group(2) + (im.group(3) != null ? ".*" : "");
            refs.add(new Reference(name, "import " + (im.group(1) != null ? "static " : "") + name));
            importsEnd = im.end();
        }
        Matcher qm = QUALIFIED.matcher(code);
        qm.region(importsEnd, code.length());
        while (qm.find()) refs.add(new Reference(qm.group(1), qm.group(1)));
        return new JavaSource(file, pkg, List.copyOf(refs));
    }
}
