package io.dbmesh.sharding.federation;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sidecar start must not pay for Calcite: creating the federation entry point (what a logical
 * database does at start) must load no Calcite class. Checked in an isolated class loader that
 * records every class it defines.
 */
class FederationLazyLoadingTest {

    @Test
    void creatingTheFederationLoadsNoCalciteClass() throws Exception {
        List<String> loaded = Collections.synchronizedList(new ArrayList<>());
        URL[] classpath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(p -> {
                    try {
                        return new java.io.File(p).toURI().toURL();
                    } catch (java.net.MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                }).toArray(URL[]::new);
        try (URLClassLoader isolated = new URLClassLoader(classpath, ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                loaded.add(name);
                return super.findClass(name);
            }
        }) {
            Class<?> federation = isolated.loadClass(Federation.class.getName());
            Object executor = federation.getMethod("lazy", isolated.loadClass("io.dbmesh.sharding.rule.ShardingRules"))
                    .invoke(null, new Object[]{null});
            assertThat(executor).isNotNull();
            assertThat(loaded).contains(Federation.class.getName());
            assertThat(loaded).noneMatch(n -> n.startsWith("org.apache.calcite"));
        }
    }
}
