// What both demo pages share: the settings the server gives, the token source, the status line, panning.
import { tokenSource } from '/os-oauth2/os-oauth2.js';

/**
 * The page's settings from its server: where the relay is, the API base, where tokens may go and the
 * raster layer. Never a secret or a token.
 */
export async function mapSettings() {
  const response = await fetch('/map-config.json', { cache: 'no-store' });
  if (!response.ok) {
    throw new Error('map-config.json answered ' + response.status);
  }
  const settings = await response.json();
  document.getElementById('source').textContent = settings.description;
  return settings;
}

/** The page's one token source, and the status line that shows it renewing. */
export function pageTokens(settings) {
  const tokens = tokenSource(settings.relay, { hosts: settings.hosts });
  return { tokens, status: new TokenStatus(tokens, document.getElementById('token-status')) };
}

/** The ZXY tile URL template for a layer, e.g. .../maps/raster/v1/zxy/Road_3857/{z}/{x}/{y}.png */
export function zxyTemplate(settings, layer) {
  return settings.apiBase + '/maps/raster/v1/zxy/' + layer + '/{z}/{x}/{y}.png';
}

/** OS's attribution, which its licence asks for. */
export function attribution() {
  return 'Contains OS data &copy; Crown copyright and database rights ' + new Date().getFullYear();
}

/** Calls step() every second while the box is ticked (or ?pan=1 is in the page's URL). */
export function panWhenTicked(step) {
  const box = document.getElementById('pan');
  box.checked = new URLSearchParams(location.search).get('pan') === '1';
  setInterval(() => {
    if (box.checked) {
      step();
    }
  }, 1000);
}

/**
 * The status line: how many tokens the page has had, when the current one expires and is renewed, and
 * how many tiles loaded or failed. Its data-* attributes hold the same counts for tests.
 */
export class TokenStatus {
  constructor(tokens, element) {
    this.element = element;
    this.tokens = 0;
    this.tilesLoaded = 0;
    this.tilesFailed = 0;
    this.current = null;
    this.error = null;
    tokens.addEventListener('token', (e) => {
      this.tokens++;
      this.current = e.detail;
      this.error = null;
      this.show();
    });
    tokens.addEventListener('error', (e) => {
      const retry = e.detail.retryInMs === null ? 'gave up' : 'retry in ' + (e.detail.retryInMs / 1000).toFixed(1) + ' s';
      this.error = e.detail.error.message + ' (' + retry + ')';
      this.show();
    });
    setInterval(() => this.show(), 250);
  }

  tileLoaded() {
    this.tilesLoaded++;
  }

  tileFailed() {
    this.tilesFailed++;
  }

  show() {
    const e = this.element;
    e.dataset.tokens = String(this.tokens);
    e.dataset.tilesLoaded = String(this.tilesLoaded);
    e.dataset.tilesFailed = String(this.tilesFailed);
    e.classList.toggle('failing', this.error !== null);
    const tiles = ' · tiles loaded ' + this.tilesLoaded + ', failed ' + this.tilesFailed;
    if (this.current === null) {
      e.textContent = (this.error ?? 'Waiting for the first token…') + tiles;
      return;
    }
    const now = Date.now();
    const left = Math.max(0, (this.current.expiresAt - now) / 1000).toFixed(1);
    const renew = Math.max(0, (this.current.renewsAt - now) / 1000).toFixed(1);
    e.textContent = 'token ' + this.tokens + ' (relay said expires_in ' + this.current.expiresIn + ')'
        + ' · expires in ' + left + ' s · renews in ' + renew + ' s' + tiles
        + (this.error === null ? '' : ' · ' + this.error);
  }
}
