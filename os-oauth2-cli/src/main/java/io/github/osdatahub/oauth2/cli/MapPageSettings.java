package io.github.osdatahub.oauth2.cli;

import io.github.osdatahub.oauth2.relay.TokenRelay;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the map pages are told at {@code /map-config.json}: where the relay is, the base of the OS
 * APIs, the hosts the token may go to, which raster layers to show and where. Never a secret or a token.
 *
 * @param apiBase the OS Data Hub's origin, {@code https://api.os.uk} or the fake's
 * @param hosts where the page may send the token (os-oauth2.js's {@code hosts} option)
 * @param description one line the page shows about where its tiles come from
 */
record MapPageSettings(URI apiBase, List<String> hosts, String description) {
  /** The relay's path on the page's own origin: the relay's default. */
  static final String RELAY_PATH = TokenRelay.DEFAULT_PATH;
  /** Each page its own layer, so the API's request log tells the pages apart. */
  static final String LEAFLET_LAYER = "Road_3857";
  static final String OPENLAYERS_LAYER = "Light_3857";
  /** Southampton (OS's home), at a zoom the OpenData plan serves (7 to 16 in EPSG:3857). */
  private static final String CENTER = "[50.9097, -1.4044]";
  private static final int ZOOM = 14;

  MapPageSettings {
    hosts = List.copyOf(hosts);
  }

  /** For an API at this origin: the token may go to its host, with its port unless that is the default. */
  static MapPageSettings forApi(URI apiOrigin, String description) {
    URI base = URI.create(apiOrigin.getScheme() + "://" + apiOrigin.getRawAuthority());
    String host = base.getHost().toLowerCase(Locale.ROOT);
    String hostEntry = base.getPort() < 0 || (base.getPort() == 443 && "https".equals(base.getScheme()))
        ? host : host + ":" + base.getPort();
    return new MapPageSettings(base, List.of(hostEntry), description);
  }

  /** The JSON the pages read. */
  String json() {
    return "{\"relay\":" + quoted(RELAY_PATH)
        + ",\"apiBase\":" + quoted(apiBase.toString())
        + ",\"hosts\":[" + hosts.stream().map(MapPageSettings::quoted).collect(Collectors.joining(",")) + "]"
        + ",\"layers\":{\"leaflet\":" + quoted(LEAFLET_LAYER) + ",\"openlayers\":" + quoted(OPENLAYERS_LAYER) + "}"
        + ",\"center\":" + CENTER + ",\"zoom\":" + ZOOM
        + ",\"description\":" + quoted(description) + "}";
  }

  private static String quoted(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
