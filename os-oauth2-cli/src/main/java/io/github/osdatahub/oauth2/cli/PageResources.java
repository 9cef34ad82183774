package io.github.osdatahub.oauth2.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The map pages' files, read from the jar: the pages themselves (next to this class, under
 * {@code map/}) and Leaflet and OpenLayers from their WebJars, at version-free paths
 * ({@code /webjars/leaflet/dist/leaflet.js}) so that the POM alone names the versions. Only names that
 * match a fixed pattern are looked up: no path walks out of these folders.
 */
final class PageResources {
  /** One file to serve. */
  record Resource(byte[] bytes, String contentType, String cacheControl) {}

  private static final Pattern PAGE = Pattern.compile("/([a-z0-9-]+\\.(?:html|js|css))");
  private static final Pattern LEAFLET = Pattern.compile("/webjars/leaflet/(dist/(?:images/)?[a-z0-9-]+\\.(?:js|css|png))");
  private static final Pattern OPENLAYERS = Pattern.compile("/webjars/openlayers/(ol\\.(?:js|css))");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "png", "image/png");

  private final List<String> pageFolders;
  private final String leafletRoot;
  private final String openLayersRoot;

  /**
   * @param pageFolders folders next to this class to look for pages in, in order ({@code map/} first;
   *     tests add their own)
   */
  PageResources(List<String> pageFolders) {
    this.pageFolders = List.copyOf(pageFolders);
    this.leafletRoot = "META-INF/resources/webjars/leaflet/" + webJarVersion("org.webjars.npm", "leaflet") + "/";
    this.openLayersRoot = "META-INF/resources/webjars/openlayers/" + webJarVersion("org.webjars", "openlayers") + "/";
  }

  /** The file for a request path, if it is one of the pages or libraries. */
  Optional<Resource> find(String path) {
    String page = path.equals("/") ? "index.html" : match(PAGE, path);
    if (page != null) {
      for (String folder : pageFolders) {
        Optional<Resource> found = read(PageResources.class.getResourceAsStream(folder + page), page, "no-cache");
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    String library = match(LEAFLET, path);
    String root = leafletRoot;
    if (library == null) {
      library = match(OPENLAYERS, path);
      root = openLayersRoot;
    }
    if (library == null) {
      return Optional.empty();
    }
    return read(PageResources.class.getClassLoader().getResourceAsStream(root + library), library,
        "public, max-age=86400");
  }

  private static String match(Pattern pattern, String path) {
    Matcher m = pattern.matcher(path);
    return m.matches() ? m.group(1) : null;
  }

  private static Optional<Resource> read(InputStream in, String name, String cacheControl) {
    if (in == null) {
      return Optional.empty();
    }
    try (in) {
      String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
      return Optional.of(new Resource(in.readAllBytes(), type, cacheControl));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + " from the jar", e);
    }
  }

  /** The version of a WebJar on the class path, from the pom.properties Maven puts in every jar. */
  private static String webJarVersion(String groupId, String artifactId) {
    String name = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
    try (InputStream in = PageResources.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the " + artifactId + " WebJar is not on the class path (" + name
            + "); on the module path, add --add-modules leaflet,openlayers");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }
}
