// The Leaflet page: OS raster tiles fetched with the token by os-oauth2.js's Leaflet adapter.
import { leafletTileLayer } from '/os-oauth2/os-oauth2.js';
import { attribution, mapSettings, pageTokens, panWhenTicked, zxyTemplate } from '/map-page.js';

const settings = await mapSettings();
const { tokens, status } = pageTokens(settings);
const map = L.map('map', { minZoom: 7, maxZoom: 16 }).setView(settings.center, settings.zoom);
const tiles = leafletTileLayer(L, tokens, zxyTemplate(settings, settings.layers.leaflet), {
  minZoom: 7,
  maxZoom: 16,
  attribution: attribution(),
});
tiles.on('tileload', () => status.tileLoaded());
tiles.on('tileerror', () => status.tileFailed());
tiles.addTo(map);
panWhenTicked(() => map.panBy([256, 0], { animate: false }));
