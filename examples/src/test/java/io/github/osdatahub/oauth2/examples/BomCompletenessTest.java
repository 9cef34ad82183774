package io.github.osdatahub.oauth2.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Fails the build when a published module is missing from the BOM, or the BOM's versions drift from
 * the reactor's. The BOM has no parent on purpose, so nothing else keeps the two in step.
 */
class BomCompletenessTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void everyPublishedModuleIsInTheBomAtTheReactorVersion() throws Exception {
    Document parent = read(ROOT.resolve("pom.xml"));
    String version = child(parent.getDocumentElement(), "version");
    Document bom = read(ROOT.resolve("os-oauth2-bom/pom.xml"));
    assertThat(child(bom.getDocumentElement(), "version")).isEqualTo(version);

    List<String> managed = new ArrayList<>();
    NodeList deps = bom.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element dep = (Element) deps.item(i);
      assertThat(child(dep, "version")).as(child(dep, "artifactId")).isEqualTo(version);
      managed.add(child(dep, "artifactId"));
    }

    List<String> published = new ArrayList<>();
    NodeList modules = parent.getElementsByTagName("module");
    for (int i = 0; i < modules.getLength(); i++) {
      String module = modules.item(i).getTextContent().trim();
      Document pom = read(ROOT.resolve(module).resolve("pom.xml"));
      String artifactId = child(pom.getDocumentElement(), "artifactId");
      boolean skipped = pom.getElementsByTagName("maven.deploy.skip").getLength() > 0;
      if (!skipped && !artifactId.equals("os-oauth2-bom")) {
        published.add(artifactId);
      }
    }
    assertThat(published).isNotEmpty().contains("os-oauth2-core");
    assertThat(managed).containsExactlyInAnyOrderElementsOf(published);
  }

  private static Document read(Path pom) throws Exception {
    assertThat(pom).exists();
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    try (var in = Files.newInputStream(pom)) {
      return f.newDocumentBuilder().parse(in);
    }
  }

  /** The text of a direct child element, or null. */
  private static String child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element && n.getNodeName().equals(name)) {
        return n.getTextContent().trim();
      }
    }
    return null;
  }
}
