package io.dbmesh.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a library's types inside the packages that own them: e.g. JDBC driver internals only in
 * the sidecar's {@code backend} packages. A reference counts when the file imports or writes the
 * qualified name of a type under one of the library's package prefixes.
 */
public final class ImportBoundary {
    private ImportBoundary() {
    }

    /**
     * Throws an AssertionError listing every file under {@code sourceRoot} outside the packages
     * {@code allowedPackage} (and its subpackages) that refers to a type under one of
     * {@code libraryPrefixes} (e.g. {@code "org.mariadb."}).
     */
    public static void assertOnlyIn(Path sourceRoot, String allowedPackage, List<String> libraryPrefixes) {
        List<String> offending = violations(JavaSource.under(sourceRoot), allowedPackage, libraryPrefixes);
        if (!offending.isEmpty()) {
            throw new AssertionError("types of " + libraryPrefixes + " used outside " + allowedPackage + ":\n  "
                    + String.join("\n  ", offending));
        }
    }

    /**
     * Throws an AssertionError listing every file under {@code sourceRoot} in one of {@code packages}
     * (or their subpackages) that refers to a type under one of {@code forbiddenPrefixes}: e.g. the
     * wire packages of the sidecar never use a sharding-engine type.
     */
    public static void assertNotUsedBy(Path sourceRoot, List<String> packages, List<String> forbiddenPrefixes) {
        List<String> offending = new ArrayList<>();
        for (JavaSource s : JavaSource.under(sourceRoot)) {
            String p = s.packageName();
            if (packages.stream().noneMatch(q -> p.equals(q) || p.startsWith(q + "."))) continue;
            for (JavaSource.Reference r : s.references()) {
                if (forbiddenPrefixes.stream().anyMatch(r.name()::startsWith)) offending.add(s.file() + ": " + r.written());
            }
        }
        if (!offending.isEmpty()) {
            throw new AssertionError("types of " + forbiddenPrefixes + " used in " + packages + ":\n  " + String.join("\n  ", offending));
        }
    }

    static List<String> violations(List<JavaSource> sources, String allowedPackage, List<String> libraryPrefixes) {
        List<String> out = new ArrayList<>();
        for (JavaSource s : sources) {
            String p = s.packageName();
            if (p.equals(allowedPackage) || p.startsWith(allowedPackage + ".")) continue;
            for (JavaSource.Reference r : s.references()) {
                if (libraryPrefixes.stream().anyMatch(r.name()::startsWith)) out.add(s.file() + ": " + r.written());
            }
        }
        return out;
    }
}
