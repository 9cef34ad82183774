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
 * Checks the POMs of what goes to Maven Central: every published module is in the BOM at the reactor's
 * version (the BOM has no parent on purpose, so nothing else keeps the two in step), every published
 * POM carries the metadata Central requires, and the BOM's release plugins are the parent's.
 */
class PublishedPomsTest {
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
    for (Document pom : publishedModulePoms(parent)) {
      String artifactId = child(pom.getDocumentElement(), "artifactId");
      if (!artifactId.equals("os-oauth2-bom")) {
        published.add(artifactId);
      }
    }
    assertThat(published).isNotEmpty().contains("os-oauth2-core", "os-oauth2-spring-boot-starter");
    assertThat(managed).containsExactlyInAnyOrderElementsOf(published);
  }

  /**
   * Central rejects a POM without name, description, url, licence, developers and scm. Each module
   * names and describes itself; the rest it inherits from the parent, except the BOM, which has no
   * parent and says it all itself.
   */
  @Test
  void everyPublishedPomCarriesCentralsMetadata() throws Exception {
    Document parent = read(ROOT.resolve("pom.xml"));
    assertFullMetadata(parent.getDocumentElement());
    assertFullMetadata(read(ROOT.resolve("os-oauth2-bom/pom.xml")).getDocumentElement());
    for (Document pom : publishedModulePoms(parent)) {
      Element project = pom.getDocumentElement();
      String artifactId = child(project, "artifactId");
      assertThat(child(project, "name")).as(artifactId + " <name>").isNotBlank();
      assertThat(child(project, "description")).as(artifactId + " <description>").isNotBlank();
    }
  }

  @Test
  void theBomReleasesWithTheParentsPluginVersions() throws Exception {
    Element parentProperties = element(read(ROOT.resolve("pom.xml")).getDocumentElement(), "properties");
    Element bomProperties = element(read(ROOT.resolve("os-oauth2-bom/pom.xml")).getDocumentElement(), "properties");
    for (String property : List.of("gpg.plugin.version", "central-publishing.plugin.version")) {
      assertThat(child(bomProperties, property)).as(property).isNotBlank()
          .isEqualTo(child(parentProperties, property));
    }
  }

  private static void assertFullMetadata(Element project) {
    String artifactId = child(project, "artifactId");
    for (String field : List.of("name", "description", "url")) {
      assertThat(child(project, field)).as(artifactId + " <" + field + ">").isNotBlank();
    }
    Element license = element(element(project, "licenses"), "license");
    assertThat(child(license, "name")).as(artifactId + " licence").isEqualTo("Apache License, Version 2.0");
    assertThat(child(license, "url")).as(artifactId + " licence url").isEqualTo("https://www.apache.org/licenses/LICENSE-2.0");
    assertThat(child(element(element(project, "developers"), "developer"), "name")).as(artifactId + " developer").isNotBlank();
    Element scm = element(project, "scm");
    for (String field : List.of("connection", "developerConnection", "url")) {
      assertThat(child(scm, field)).as(artifactId + " scm " + field).isNotBlank();
    }
  }

  /** The POMs of the reactor's modules that are published: all but those marked unpublished. */
  private static List<Document> publishedModulePoms(Document parent) throws Exception {
    List<Document> published = new ArrayList<>();
    NodeList modules = parent.getElementsByTagName("module");
    for (int i = 0; i < modules.getLength(); i++) {
      Document pom = read(ROOT.resolve(modules.item(i).getTextContent().trim()).resolve("pom.xml"));
      Element properties = element(pom.getDocumentElement(), "properties");
      boolean unpublished = properties != null && "true".equals(child(properties, "unpublished"));
      if (!unpublished) {
        published.add(pom);
      }
    }
    return published;
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
    Element e = element(parent, name);
    return e == null ? null : e.getTextContent().trim();
  }

  /** A direct child element, or null. */
  private static Element element(Element parent, String name) {
    if (parent == null) {
      return null;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element && n.getNodeName().equals(name)) {
        return (Element) n;
      }
    }
    return null;
  }
}
