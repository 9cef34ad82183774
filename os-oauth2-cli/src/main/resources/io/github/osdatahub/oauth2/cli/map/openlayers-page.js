// The OpenLayers page: OS raster tiles fetched with the token by os-oauth2.js's tileLoadFunction.
import { openLayersTileLoader } from '/os-oauth2/os-oauth2.js';
import { attribution, mapSettings, pageTokens, panWhenTicked, zxyTemplate } from '/map-page.js';

const settings = await mapSettings();
const { tokens, status } = pageTokens(settings);
const source = new ol.source.XYZ({
  url: zxyTemplate(settings, settings.layers.openlayers),
  tileLoadFunction: openLayersTileLoader(tokens),
  attributions: attribution(),
  minZoom: 7,
  maxZoom: 16,
});
source.on('tileloadend', () => status.tileLoaded());
source.on('tileloaderror', () => status.tileFailed());
const view = new ol.View({
  center: ol.proj.fromLonLat([settings.center[1], settings.center[0]]),
  zoom: settings.zoom,
  minZoom: 7,
  maxZoom: 16,
});
new ol.Map({ target: 'map', layers: [new ol.layer.Tile({ source })], view });
panWhenTicked(() => {
  const [x, y] = view.getCenter();
  view.setCenter([x + 256 * view.getResolution(), y]);
});
