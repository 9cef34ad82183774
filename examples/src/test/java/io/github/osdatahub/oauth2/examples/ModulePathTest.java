package io.github.osdatahub.oauth2.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.spi.HttpTransportProvider;
import io.github.osdatahub.oauth2.spi.JsonCodecProvider;
import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Proves the module descriptors on the module path, as a modular application would load them: every
 * os-oauth2 module resolves (its requires are satisfied, nothing is split) and each adapter's
 * {@code provides} is found by {@link ServiceLoader} in that layer. Tests elsewhere run on the class
 * path, where {@code META-INF/services} does the same job.
 */
class ModulePathTest {
  private static final Set<String> OUR_MODULES = Set.of(
      "io.github.osdatahub.oauth2",
      "io.github.osdatahub.oauth2.jdk",
      "io.github.osdatahub.oauth2.okhttp",
      "io.github.osdatahub.oauth2.apache",
      "io.github.osdatahub.oauth2.gson",
      "io.github.osdatahub.oauth2.jackson",
      "io.github.osdatahub.oauth2.jackson3",
      "io.github.osdatahub.oauth2.testkit",
      "io.github.osdatahub.oauth2.cli");

  @Test
  void everyModuleResolvesAndItsProvidersAreFoundOnTheModulePath() throws Exception {
    Path[] path = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(Path::of)
        .filter(Files::exists)
        .filter(p -> !p.toString().contains("surefire") && !p.endsWith("test-classes"))
        .filter(p -> !p.getFileName().toString().equals("classes") || p.toString().contains("os-oauth2"))
        .toArray(Path[]::new);
    ModuleFinder finder = ModuleFinder.of(path);
    Set<String> found = finder.findAll().stream().map(m -> m.descriptor().name()).collect(Collectors.toSet());
    assertThat(found).containsAll(OUR_MODULES);
    finder.findAll().stream().filter(m -> OUR_MODULES.contains(m.descriptor().name()))
        .forEach(m -> assertThat(m.descriptor().isAutomatic()).as(m.descriptor().name()).isFalse());

    Configuration config = ModuleLayer.boot().configuration()
        .resolveAndBind(finder, ModuleFinder.of(), OUR_MODULES);
    ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(config, ClassLoader.getSystemClassLoader());

    assertThat(providerModules(layer, HttpTransportProvider.class)).containsExactly(
        "io.github.osdatahub.oauth2.apache", "io.github.osdatahub.oauth2.jdk", "io.github.osdatahub.oauth2.okhttp");
    assertThat(providerModules(layer, JsonCodecProvider.class)).containsExactly(
        "io.github.osdatahub.oauth2.gson", "io.github.osdatahub.oauth2.jackson",
        "io.github.osdatahub.oauth2.jackson3");
  }

  /** The modules providing a service in the layer; the service type is the layer's own copy of it. */
  private static List<String> providerModules(ModuleLayer layer, Class<?> service) throws ClassNotFoundException {
    Class<?> inLayer = layer.findLoader("io.github.osdatahub.oauth2").loadClass(service.getName());
    assertThat(inLayer.getModule().isNamed()).isTrue();
    return ServiceLoader.load(layer, inLayer).stream()
        .map(p -> p.type().getModule().getName()).sorted().collect(Collectors.toList());
  }
}
