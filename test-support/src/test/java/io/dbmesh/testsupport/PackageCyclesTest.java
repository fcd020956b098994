package io.dbmesh.testsupport;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PackageCyclesTest {

    private static JavaSource source(String name, String text) {
        return JavaSource.parse(Path.of(name), text);
    }

    @Test
    void namesEachStepOfACycleWithTheImportThatMakesIt() {
        PackageGraph g = PackageGraph.of(List.of(
                source("A.java", "package x.a;\nimport x.b.B;\nclass A { B b; }"),
                source("B.java", "package x.b;\nclass B { x.c.C c; }"),
                source("C.java", "package x.c;\nimport static x.a.A.helper;\nclass C { }"),
                source("D.java", "package x.d;\nimport x.a.*;\nclass D { }")));

        assertThat(g.cycles()).containsExactly(List.of("x.a", "x.b", "x.c"));
        assertThat(PackageCycles.describe(g)).isEqualTo("""
                1 package cycle(s):
                  x.a -> x.b -> x.c -> x.a
                    x.a -> x.b: A.java: import x.b.B
                    x.b -> x.c: B.java: x.c.C
                    x.c -> x.a: C.java: import static x.a.A.helper""");
        assertThat(g.dependencies("x.d")).containsExactly("x.a");
    }

    @Test
    void commentsStringsAndOtherLibrariesAreNoDependencies() {
        PackageGraph g = PackageGraph.of(List.of(
                source("A.java", "package x.a;\nimport java.util.List;\n/** See {@link x.b.B}. */\n"
                        + "class A { String s = \"x.b.B \\\" x.b.B\"; char c = '\"'; // x.b.B\n"
                        + "  String t = \"\"\"\n    x.b.B \\\"\"\" still text\n    \"\"\"; }\n"),
                source("B.java", "package x.b;\nimport x.a.A;\nclass B { }")));

        assertThat(g.dependencies("x.a")).isEmpty();
        assertThat(g.cycles()).isEmpty();
        assertThat(PackageCycles.describe(g)).isEmpty();
    }

    @Test
    void aNestedTypeOrAMemberResolvesToItsPackageNotAPrefixPackage() {
        PackageGraph g = PackageGraph.of(List.of(
                source("A.java", "package x;\nimport x.sub.S.Inner;\nclass A { }"),
                source("S.java", "package x.sub;\nclass S { int v = x.A.CONSTANT; }")));

        assertThat(g.reason("x", "x.sub")).isEqualTo("A.java: import x.sub.S.Inner");
        assertThat(g.reason("x.sub", "x")).isEqualTo("S.java: x.A");
        assertThat(g.cycles()).containsExactly(List.of("x", "x.sub"));
    }

    @Test
    void aLibraryUsedOutsideItsPackageIsNamedWithTheFile() {
        List<JavaSource> sources = List.of(
                source("Inside.java", "package p.backend.sub;\nimport org.lib.Driver;\nclass Inside { }"),
                source("Outside.java", "package p.session;\nclass Outside { Object o = (org.lib.Conn) null; }"),
                source("Near.java", "package p.backendx;\nimport org.lib.Driver;\nclass Near { }"));

        assertThat(ImportBoundary.violations(sources, "p.backend", List.of("org.lib.")))
                .containsExactly("Outside.java: org.lib.Conn", "Near.java: import org.lib.Driver");
    }

    @Test
    void anEmptyOrMissingSourceTreeFailsInsteadOfPassing() {
        assertThatThrownBy(() -> PackageCycles.assertNone(Path.of("no-such-dir")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thisModuleHasNoCycle() {
        PackageCycles.assertNone(Path.of("src/main/java"));
    }
}
