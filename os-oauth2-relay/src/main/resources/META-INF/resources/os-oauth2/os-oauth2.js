/**
 * os-oauth2.js: OS Data Hub access tokens for a web page, from the application's own token relay
 * (os-oauth2-relay's `GET /os-token`), so that the page never holds the project secret. It fetches
 * the relay once per token however many layers ask, renews ahead of expiry, and puts
 * `Authorization: Bearer ...` on requests to the OS Data Hub only. An ES module with no
 * dependencies; the map libraries are passed in, never imported.
 *
 * @example
 * import { tokenSource, leafletTileLayer } from '/os-oauth2/os-oauth2.js';
 * const tokens = tokenSource('/os-token');
 * leafletTileLayer(L, tokens, 'https://api.os.uk/maps/raster/v1/zxy/Road_3857/{z}/{x}/{y}.png').addTo(map);
 *
 * @module os-oauth2
 */

/** Renew this many seconds before expiry (OS's own sample does the same)... */
const EARLY_SECONDS = 30;
/** ...or a quarter of the lifetime when that is shorter (short-lived tokens). */
const EARLY_FRACTION = 0.25;
/** Never renew later than this long before the expiry the relay told. */
const LAST_MOMENT_SECONDS = 0.5;
/** No timer shorter than this, and no two relay calls closer: never a loop, whatever the relay says. */
const MIN_INTERVAL_MS = 500;
/** The first retry waits about this long; each next one twice as long, up to maxRetryDelayMs. */
const FIRST_RETRY_MS = 1000;
/** A Retry-After longer than this is taken as this (a page should not stall for hours). */
const MAX_RETRY_AFTER_MS = 10 * 60 * 1000;
/** OpenLayers' TileState.ERROR (ol/TileState), without importing OpenLayers. */
const OL_TILE_ERROR = 3;
/** Relay statuses worth retrying: overloaded, rate-limited, or the gateway behind it failing. */
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

const sources = new Map();

/**
 * The token source for a relay URL: one per URL per page, so every layer and request that asks shares
 * its token and its one relay call. Options apply when the source is first made.
 *
 * @param {string} [relayUrl='/os-token'] the relay, absolute or relative to the page
 * @param {TokenSourceOptions} [options]
 * @returns {TokenSource}
 */
export function tokenSource(relayUrl = '/os-token', options = {}) {
  const key = new URL(relayUrl, pageBase()).href;
  let source = sources.get(key);
  if (!source) {
    source = new TokenSource(key, options);
    sources.set(key, source);
  }
  return source;
}

/**
 * @typedef {object} TokenSourceOptions
 * @property {string[]} [hosts=['api.os.uk']] where the token may go: a host, or host:port (IPv6 in
 *   brackets). A request is in scope over https to one of them (port 443 unless given), or over http to a
 *   loopback host (any port unless given), and never to the token endpoint's path `/oauth2/token/`.
 * @property {number} [retries=5] retries of a relay call that failed with 429, 5xx or a network error
 * @property {number} [maxRetryDelayMs=30000] the longest wait between retries, Retry-After aside
 * @property {typeof fetch} [fetch] for tests: the fetch to call (default the page's)
 * @property {() => number} [now] for tests: the clock, epoch milliseconds (default Date.now)
 * @property {(fn: Function, ms: number) => any} [setTimeout] for tests
 * @property {(id: any) => void} [clearTimeout] for tests
 * @property {() => number} [random] for tests: jitter in [0, 1) (default Math.random)
 */

/**
 * How long after receiving a token to ask the relay for the next one, in milliseconds.
 *
 * The relay says `expires_in`: the seconds the token has left, rounded down, so the token lives between
 * that and a second longer. The page renews 30 s before expiry, or a quarter of the lifetime before when
 * that is less, counted from the later end so that the relay (which renews when a token has less than a
 * quarter left) has a new token ready and is asked once per token; but never later than half a second
 * before the told expiry, and never sooner than half a second (a relay saying 0 makes no loop).
 *
 * @param {string|number} expiresIn the relay's `expires_in` (OS sends a string such as "299")
 * @returns {number} milliseconds, at least 500; for "299", 270 000
 */
export function renewalDelayMs(expiresIn) {
  const told = Number(expiresIn);
  if (!Number.isFinite(told) || told <= 0) {
    return MIN_INTERVAL_MS;
  }
  const early = Math.min(EARLY_SECONDS, told * EARLY_FRACTION);
  const seconds = Math.min(told + 1 - early, told - LAST_MOMENT_SECONDS);
  return Math.max(MIN_INTERVAL_MS, Math.round(seconds * 1000));
}

/** A relay call that gave no token. `status` is 0 for a network error or an unusable answer. */
export class RelayError extends Error {
  /**
   * @param {string} message what went wrong (no token, no body)
   * @param {number} status the relay's HTTP status, or 0
   * @param {boolean} retryable whether trying again later may help
   * @param {number} retryAfterMs the relay's Retry-After in milliseconds, or 0
   */
  constructor(message, status, retryable, retryAfterMs) {
    super(message);
    this.name = 'RelayError';
    /** @type {number} */
    this.status = status;
    /** @type {boolean} */
    this.retryable = retryable;
    /** @type {number} */
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * Tokens from one relay. Events: `token` (detail `{expiresAt, renewsAt, expiresIn}`, epoch ms and the
 * told seconds; never the token) after each relay answer with a token, and `error` (detail
 * `{error, retryInMs}`, `retryInMs` null when it gave up) after each failed relay call.
 * Prefer {@link tokenSource}, which shares one source per relay URL.
 */
export class TokenSource extends EventTarget {
  #relayUrl;
  #hosts;
  #retries;
  #maxRetryDelayMs;
  #fetch;
  #now;
  #setTimeout;
  #clearTimeout;
  #random;

  #token = null;
  #expiresAt = 0;
  #renewAt = 0;
  #lastCallAt = -Infinity;
  #pending = null;
  #timer = null;
  #rejected = null;
  #failedUntil = 0;
  #lastError = null;
  #closed = false;

  /**
   * @param {string} relayUrl the relay, absolute or relative to the page
   * @param {TokenSourceOptions} [options]
   */
  constructor(relayUrl, options = {}) {
    super();
    this.#relayUrl = new URL(relayUrl, pageBase()).href;
    this.#hosts = (options.hosts ?? ['api.os.uk']).map(parseOrigin);
    this.#retries = options.retries ?? 5;
    this.#maxRetryDelayMs = options.maxRetryDelayMs ?? 30000;
    this.#fetch = options.fetch ?? ((...args) => globalThis.fetch(...args));
    this.#now = options.now ?? Date.now;
    this.#setTimeout = options.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms));
    this.#clearTimeout = options.clearTimeout ?? ((id) => globalThis.clearTimeout(id));
    this.#random = options.random ?? Math.random;
  }

  /** @returns {string} the relay's absolute URL */
  get relayUrl() {
    return this.#relayUrl;
  }

  /**
   * The `Authorization` header value now, without waiting: for synchronous callers such as MapLibre's
   * `transformRequest`. Starts a renewal when one is due (timers in background tabs run late).
   *
   * @returns {string|null} `Bearer ...`, or null before the first token arrived
   */
  currentHeader() {
    if (this.#token === null || this.#now() >= this.#renewAt) {
      this.#renewQuietly();
    }
    return this.#token === null ? null : 'Bearer ' + this.#token;
  }

  /**
   * The `Authorization` header value, waiting for a token when there is none with time left.
   *
   * @returns {Promise<string>} `Bearer ...`
   * @throws {RelayError} when the relay gave no token after its retries (and for a while after, without
   *   asking again)
   */
  async header() {
    const now = this.#now();
    if (this.#token !== null && now < this.#expiresAt) {
      if (now >= this.#renewAt) {
        this.#renewQuietly();
      }
      return 'Bearer ' + this.#token;
    }
    if (this.#pending === null && now < this.#failedUntil) {
      throw this.#lastError;
    }
    return this.#renew();
  }

  /**
   * Says that an API rejected this header (401): the next {@link header} call waits for a new token.
   * Only the current token is dropped, and each token once, so a hundred rejected requests make one
   * relay call.
   *
   * @param {string} header the header the request carried
   */
  invalidate(header) {
    if (this.#token !== null && header === 'Bearer ' + this.#token && header !== this.#rejected) {
      this.#rejected = header;
      this.#expiresAt = 0;
      this.#renewAt = 0;
    }
  }

  /**
   * Whether the token may be sent to this URL (see the `hosts` option).
   *
   * @param {string|URL} url absolute, or relative to the page
   * @returns {boolean}
   */
  permits(url) {
    let u;
    try {
      u = new URL(url, pageBase());
    } catch {
      return false;
    }
    if (isTokenEndpointPath(u.pathname)) {
      return false;
    }
    const host = u.hostname.toLowerCase();
    const loopback = isLoopback(host);
    if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback)) {
      return false;
    }
    const port = u.port === '' ? (u.protocol === 'https:' ? 443 : 80) : Number(u.port);
    return this.#hosts.some((h) => h.host === host && (h.port !== null ? h.port === port : loopback || port === 443));
  }

  /**
   * `fetch` with the token: adds `Authorization` to requests in scope (others go out unchanged) and,
   * when one is answered 401, gets a new token and retries it once.
   *
   * @param {RequestInfo|URL} input as for fetch
   * @param {RequestInit} [init] as for fetch
   * @returns {Promise<Response>}
   */
  async fetch(input, init = {}) {
    const url = input instanceof Request ? input.url : String(input);
    if (!this.permits(url)) {
      return this.#fetch(input, init);
    }
    const again = input instanceof Request ? input.clone() : input;
    const header = await this.header();
    const response = await this.#fetch(input, withAuthorization(input, init, header));
    if (response.status !== 401) {
      return response;
    }
    this.invalidate(header);
    const renewed = await this.header();
    if (renewed === header) {
      return response;
    }
    return this.#fetch(again, withAuthorization(again, init, renewed));
  }

  /** Stops renewing; the source is forgotten, and {@link tokenSource} makes a new one for the URL. */
  close() {
    this.#closed = true;
    this.#clearTimeout(this.#timer);
    if (sources.get(this.#relayUrl) === this) {
      sources.delete(this.#relayUrl);
    }
  }

  #renewQuietly() {
    if (this.#pending === null && this.#now() < this.#failedUntil) {
      return;
    }
    // Failures reach listeners through the error event; nobody awaits this promise.
    this.#renew().catch(() => {});
  }

  #renew() {
    if (this.#pending === null) {
      const pending = this.#callRelay().finally(() => {
        if (this.#pending === pending) {
          this.#pending = null;
        }
      });
      this.#pending = pending;
    }
    return this.#pending;
  }

  async #callRelay() {
    for (let attempt = 0; ; attempt++) {
      await this.#sleep(this.#lastCallAt + MIN_INTERVAL_MS - this.#now());
      if (this.#closed) {
        throw new RelayError('token source closed', 0, false, 0);
      }
      this.#lastCallAt = this.#now();
      try {
        return this.#accept(await this.#requestToken());
      } catch (e) {
        const error = e instanceof RelayError ? e : new RelayError('relay unreachable', 0, true, 0);
        const wait = this.#retryDelay(attempt, error.retryAfterMs);
        const retry = error.retryable && attempt < this.#retries && !this.#closed;
        this.dispatchEvent(new CustomEvent('error', { detail: { error, retryInMs: retry ? wait : null } }));
        if (!retry) {
          this.#lastError = error;
          this.#failedUntil = this.#now() + wait;
          throw error;
        }
        await this.#sleep(wait);
      }
    }
  }

  async #requestToken() {
    const response = await this.#fetch(this.#relayUrl, {
      method: 'GET',
      cache: 'no-store',
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) {
      const retryAfter = parseRetryAfter(response.headers.get('Retry-After'), this.#now());
      throw new RelayError('relay answered ' + response.status, response.status,
        RETRYABLE_STATUS.has(response.status), retryAfter);
    }
    let body;
    try {
      body = await response.json();
    } catch {
      throw new RelayError('relay answer is not JSON', 0, true, 0);
    }
    const expiresIn = Number(body?.expires_in);
    if (typeof body?.access_token !== 'string' || body.access_token === '' || !(expiresIn > 0)) {
      throw new RelayError('relay answer has no token with time left', 0, true, 0);
    }
    return { token: body.access_token, expiresIn, receivedAt: this.#now() };
  }

  #accept({ token, expiresIn, receivedAt }) {
    const delay = renewalDelayMs(expiresIn);
    this.#token = token;
    this.#expiresAt = receivedAt + expiresIn * 1000;
    this.#renewAt = receivedAt + delay;
    this.#failedUntil = 0;
    this.#lastError = null;
    this.#clearTimeout(this.#timer);
    if (!this.#closed) {
      this.#timer = this.#setTimeout(() => this.#renewQuietly(), delay);
    }
    this.dispatchEvent(new CustomEvent('token', {
      detail: { expiresAt: this.#expiresAt, renewsAt: this.#renewAt, expiresIn },
    }));
    return 'Bearer ' + token;
  }

  /** Exponential backoff with jitter (half to all of the bound), never sooner than Retry-After. */
  #retryDelay(attempt, retryAfterMs) {
    const bound = Math.min(this.#maxRetryDelayMs, FIRST_RETRY_MS * 2 ** attempt);
    const jittered = bound * (0.5 + this.#random() / 2);
    return Math.round(Math.max(jittered, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS)));
  }

  #sleep(ms) {
    return ms > 0 ? new Promise((resolve) => this.#setTimeout(resolve, ms)) : Promise.resolve();
  }
}

/**
 * A Leaflet tile layer whose tiles are fetched with the token (an `<img>` cannot send a header): each
 * tile's bytes become an object URL, revoked once the image has them or the tile goes away.
 *
 * @param {object} L the Leaflet namespace (`window.L`)
 * @param {TokenSource} source where the token comes from
 * @param {string} urlTemplate as for `L.tileLayer`, e.g. `https://api.os.uk/maps/raster/v1/zxy/Road_3857/{z}/{x}/{y}.png`
 * @param {object} [options] `L.TileLayer` options
 * @returns {object} an `L.TileLayer`
 */
export function leafletTileLayer(L, source, urlTemplate, options) {
  const loads = new WeakMap();
  const release = (tile) => {
    const load = loads.get(tile);
    if (load) {
      loads.delete(tile);
      load.abort.abort();
      if (load.objectUrl) {
        URL.revokeObjectURL(load.objectUrl);
      }
    }
  };
  const TokenTileLayer = L.TileLayer.extend({
    initialize(url, layerOptions) {
      L.TileLayer.prototype.initialize.call(this, url, layerOptions);
      this.on('tileunload tileabort', (e) => release(e.tile));
    },
    createTile(coords, done) {
      const tile = document.createElement('img');
      tile.alt = '';
      tile.setAttribute('role', 'presentation');
      const load = { abort: new AbortController(), objectUrl: null };
      loads.set(tile, load);
      const failed = (error) => {
        if (!load.abort.signal.aborted) {
          release(tile);
          if (this.options.errorTileUrl) {
            tile.src = this.options.errorTileUrl;
          }
          done(error, tile);
        }
      };
      source.fetch(this.getTileUrl(coords), { signal: load.abort.signal })
        .then((response) => {
          if (!response.ok) {
            throw new Error('tile answered ' + response.status);
          }
          return response.blob();
        })
        .then((blob) => {
          if (load.abort.signal.aborted) {
            return;
          }
          load.objectUrl = URL.createObjectURL(blob);
          tile.addEventListener('load', () => {
            release(tile);
            done(null, tile);
          }, { once: true });
          tile.addEventListener('error', () => failed(new Error('tile is not an image')), { once: true });
          tile.src = load.objectUrl;
        })
        .catch(failed);
      return tile;
    },
  });
  return new TokenTileLayer(urlTemplate, options);
}

/**
 * An OpenLayers `tileLoadFunction` for image tiles (`ol.source.XYZ`, `ol.source.WMTS`, ...) that
 * fetches each tile with the token and hands the image an object URL, revoked once loaded. A failed
 * tile is marked as an error tile.
 *
 * @param {TokenSource} source where the token comes from
 * @returns {(tile: object, src: string) => void}
 */
export function openLayersTileLoader(source) {
  return (tile, src) => {
    source.fetch(src)
      .then((response) => {
        if (!response.ok) {
          throw new Error('tile answered ' + response.status);
        }
        return response.blob();
      })
      .then((blob) => {
        const image = tile.getImage();
        const objectUrl = URL.createObjectURL(blob);
        const revoke = () => URL.revokeObjectURL(objectUrl);
        image.addEventListener('load', revoke, { once: true });
        image.addEventListener('error', revoke, { once: true });
        image.src = objectUrl;
      })
      .catch(() => tile.setState(OL_TILE_ERROR));
  };
}

/**
 * A MapLibre GL `transformRequest` that adds the token to requests in the source's scope (api.os.uk
 * unless configured) and to no other host. MapLibre asks synchronously, so get the first token before
 * making the map: `await source.header()`.
 *
 * @param {TokenSource} source where the token comes from
 * @returns {(url: string, resourceType?: string) => {url: string, headers?: object}}
 */
export function mapLibreTransformRequest(source) {
  return (url) => {
    const header = source.permits(url) ? source.currentHeader() : null;
    return header === null ? { url } : { url, headers: { Authorization: header } };
  };
}

function withAuthorization(input, init, header) {
  const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
  headers.set('Authorization', header);
  return { ...init, headers };
}

function parseRetryAfter(value, now) {
  if (value === null || value.trim() === '') {
    return 0;
  }
  if (/^\d+$/.test(value.trim())) {
    return Number(value.trim()) * 1000;
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? 0 : Math.max(0, date - now);
}

function parseOrigin(origin) {
  const text = String(origin).trim().toLowerCase();
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]/]+)(?::(\d{1,5}))?$/.exec(text);
  if (!match) {
    throw new TypeError('not a host or host:port: ' + origin);
  }
  return { host: match[1], port: match[2] === undefined ? null : Number(match[2]) };
}

function isLoopback(host) {
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The token endpoint's path however spelt (case, escapes, doubled slashes): a token never goes there. */
function isTokenEndpointPath(pathname) {
  let path = pathname;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    // a malformed escape: judge the raw path
  }
  return /^\/+oauth2\/+token(\/|$)/i.test(path);
}

function pageBase() {
  return globalThis.document?.baseURI ?? globalThis.location?.href;
}
