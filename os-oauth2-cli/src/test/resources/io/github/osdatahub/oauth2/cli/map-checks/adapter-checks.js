// os-oauth2.js checked in the browser: the scheduling rule, single flight, retries, the 401 rule, the
// host scope and the three adapters. Moves a manual clock where time matters; talks to the real relay
// and the fake OS where the bytes matter. Results go to window.checkResults: name -> {ok, detail}.
import {
  leafletTileLayer, mapLibreTransformRequest, openLayersTileLoader, RelayError, renewalDelayMs, tokenSource,
  TokenSource,
} from '/os-oauth2/os-oauth2.js';

const results = {};
window.checkResults = results;

function assert(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

function equal(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(what + ': expected ' + JSON.stringify(expected) + ', got ' + JSON.stringify(actual));
  }
}

async function check(name, body) {
  try {
    results[name] = { ok: true, detail: String((await body()) ?? '') };
  } catch (e) {
    results[name] = { ok: false, detail: String(e?.stack ?? e) };
  }
}

/** Lets pending promise callbacks and the tasks they start run: a few real macrotasks (unclamped). */
async function settle() {
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    });
  }
}

/** A clock and timers moved by hand; records every delay asked for. */
class ManualTime {
  constructor() {
    this.now = 1_700_000_000_000;
    this.pending = [];
    this.requested = [];
    this.options = {
      now: () => this.now,
      setTimeout: (fn, ms) => {
        this.requested.push(ms);
        const timer = { at: this.now + ms, fn };
        this.pending.push(timer);
        return timer;
      },
      clearTimeout: (timer) => {
        this.pending = this.pending.filter((t) => t !== timer);
      },
      random: () => 0,
    };
  }

  async advance(ms) {
    const until = this.now + ms;
    for (;;) {
      await settle();
      this.pending.sort((a, b) => a.at - b.at);
      const next = this.pending[0];
      if (next === undefined || next.at > until) {
        break;
      }
      this.pending.shift();
      this.now = Math.max(this.now, next.at);
      next.fn();
    }
    this.now = until;
    await settle();
  }
}

/** A fetch that answers the relay from a script of answers (the last one repeats) and counts the calls. */
function scriptedRelay(answers) {
  const relay = { calls: 0 };
  relay.fetch = async () => {
    const answer = answers[Math.min(relay.calls, answers.length - 1)];
    relay.calls++;
    if (answer === 'network') {
      throw new TypeError('Failed to fetch');
    }
    return new Response(JSON.stringify(answer.body ?? {}), {
      status: answer.status ?? 200,
      headers: { 'Content-Type': 'application/json', ...(answer.headers ?? {}) },
    });
  };
  return relay;
}

const token = (value, expiresIn) => ({ body: { access_token: value, expires_in: expiresIn, token_type: 'BearerToken' } });

const settingsResponse = await fetch('/map-config.json');
const settings = await settingsResponse.json();
const apiTile = (layer, z, x, y) => settings.apiBase + '/maps/raster/v1/zxy/' + layer + '/' + z + '/' + x + '/' + y + '.png';

await check('renewalDelayFollowsTheToldRemainingLifetime', () => {
  equal(renewalDelayMs('299'), 270000, '"299"');
  equal(renewalDelayMs(299), 270000, '299 as a number');
  equal(renewalDelayMs('6'), 5500, '"6"');
  for (let told = 1; told <= 400; told++) {
    const delay = renewalDelayMs(String(told));
    assert(delay >= 500, 'at least half a second for ' + told);
    assert(delay <= told * 1000 - 500, 'before the told expiry for ' + told + ': ' + delay);
    // The relay rounds down: the token may live up to told + 1 s. Renew 30 s or a quarter early from there.
    assert(told + 1 - delay / 1000 >= Math.min(30, told / 4), 'early enough for ' + told + ': ' + delay);
  }
});

await check('neverANegativeOrZeroTimer', () => {
  for (const told of ['0', '-30', '-0.5', 'abc', '', null, undefined, '0.1', 'NaN', 'Infinity']) {
    assert(renewalDelayMs(told) >= 500, 'at least 500 ms for ' + JSON.stringify(told) + ': ' + renewalDelayMs(told));
  }
});

await check('oneSourcePerRelayUrl', () => {
  assert(tokenSource('/os-token') === tokenSource(location.origin + '/os-token'), 'the same source for the same URL');
  assert(tokenSource('/os-token') !== tokenSource('/other-relay'), 'another source for another URL');
  tokenSource('/other-relay').close();
  tokenSource('/os-token').close(); // the checks below make it again, with the fake's hosts
});

await check('oneRelayCallForManyConcurrentCallers', async () => {
  let calls = 0;
  const source = new TokenSource('/os-token', {
    fetch: (...args) => {
      calls++;
      return fetch(...args);
    },
  });
  const headers = await Promise.all(Array.from({ length: 25 }, () => source.header()));
  source.close();
  equal(calls, 1, 'relay calls');
  equal(new Set(headers).size, 1, 'distinct headers');
  assert(/^Bearer \S+$/.test(headers[0]), 'a bearer header');
});

await check('renewsAheadAndOnlyThen', async () => {
  const time = new ManualTime();
  const relay = scriptedRelay([token('t1', '6'), token('t2', '6')]);
  const source = new TokenSource('/relay', { ...time.options, fetch: relay.fetch });
  equal(await source.header(), 'Bearer t1', 'first header');
  assert(time.requested.includes(5500), 'a renewal timer at 5.5 s: ' + time.requested);
  await time.advance(5499);
  equal(relay.calls, 1, 'calls before the renewal time');
  equal(source.currentHeader(), 'Bearer t1', 'header before renewal');
  await time.advance(1);
  equal(relay.calls, 2, 'calls after the renewal time');
  equal(source.currentHeader(), 'Bearer t2', 'header after renewal');
  source.close();
});

await check('renewsOnDemandWhenTimersRunLate', async () => {
  const time = new ManualTime();
  const relay = scriptedRelay([token('t1', '6'), token('t2', '6')]);
  const source = new TokenSource('/relay', { ...time.options, fetch: relay.fetch });
  await source.header();
  time.pending = []; // a background tab: the renewal timer never fired
  time.now += 5600;
  const renewed = new Promise((resolve) => source.addEventListener('token', resolve, { once: true }));
  equal(source.currentHeader(), 'Bearer t1', 'still the old header, at once');
  await renewed;
  equal(relay.calls, 2, 'a renewal started by the late caller');
  equal(source.currentHeader(), 'Bearer t2', 'then the new header');
  source.close();
});

await check('aRelaySayingNoTimeLeftMakesNoLoop', async () => {
  for (const told of ['0', '-20']) {
    const time = new ManualTime();
    const relay = scriptedRelay([token('t', told)]);
    const source = new TokenSource('/relay', { ...time.options, fetch: relay.fetch, retries: 3 });
    const outcome = source.header().then(() => 'resolved', (e) => e);
    await time.advance(60_000);
    const error = await outcome;
    assert(error instanceof RelayError, 'rejected for ' + told + ': ' + error);
    equal(relay.calls, 4, 'calls for ' + told + ' (one and three retries)');
    assert(time.requested.every((ms) => ms >= 500), 'no timer under 500 ms: ' + time.requested);
    source.close();
  }
});

await check('retriesA503AfterItsRetryAfter', async () => {
  const time = new ManualTime();
  const relay = scriptedRelay([
    { status: 503, headers: { 'Retry-After': '7' }, body: { error: 'temporarily_unavailable' } },
    { status: 429 },
    'network',
    token('t1', '299'),
  ]);
  const errors = [];
  const source = new TokenSource('/relay', { ...time.options, fetch: relay.fetch });
  source.addEventListener('error', (e) => errors.push(e.detail.retryInMs));
  const header = source.header();
  await time.advance(60_000);
  equal(await header, 'Bearer t1', 'header after the retries');
  equal(relay.calls, 4, 'relay calls');
  // random() = 0: half the exponential bound (1 s, 2 s, 4 s), or Retry-After when longer.
  equal(errors, [7000, 1000, 2000], 'retry delays');
  source.close();
});

await check('backoffIsJitteredAndCapped', async () => {
  const time = new ManualTime();
  time.options.random = () => 0.9999;
  const relay = scriptedRelay([{ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 },
    { status: 503, headers: { 'Retry-After': '99999' } }, token('t', '299')]);
  const errors = [];
  const source = new TokenSource('/relay', { ...time.options, fetch: relay.fetch, maxRetryDelayMs: 4000 });
  source.addEventListener('error', (e) => errors.push(e.detail.retryInMs));
  const header = source.header();
  await time.advance(3_600_000);
  await header;
  equal(errors.slice(0, 4).map((ms) => Math.round(ms / 100)), [10, 20, 40, 40], 'delays (0.1 s)');
  equal(errors[4], 600000, 'a Retry-After of 27 h taken as 10 min');
  source.close();
});

await check('givesUpAfterItsRetriesThenWaitsBeforeAskingAgain', async () => {
  const time = new ManualTime();
  const relay = scriptedRelay([{ status: 503 }]);
  const events = [];
  const source = new TokenSource('/relay', { ...time.options, fetch: relay.fetch, retries: 2 });
  source.addEventListener('error', (e) => events.push(e.detail.retryInMs));
  const outcome = source.header().then(() => null, (e) => e);
  await time.advance(1500); // random() = 0: retries after 0.5 s and 1 s more, then it gives up for 2 s
  const error = await outcome;
  assert(error instanceof RelayError && error.status === 503, 'a RelayError 503: ' + error);
  equal(relay.calls, 3, 'calls (one and two retries)');
  equal(events, [500, 1000, null], 'error events (the last says it gave up)');
  const again = await source.header().then(() => null, (e) => e);
  assert(again === error, 'the same error at once');
  source.currentHeader();
  await settle();
  equal(relay.calls, 3, 'no call while the failure is remembered');
  time.now += 2000;
  source.header().catch(() => {});
  await settle();
  equal(relay.calls, 4, 'asks again once the wait is over');
  source.close();
});

await check('aRefusalIsNotRetried', async () => {
  const time = new ManualTime();
  const relay = scriptedRelay([{ status: 403, body: { error: 'access_denied' } }]);
  const source = new TokenSource('/relay', { ...time.options, fetch: relay.fetch });
  const error = await source.header().then(() => null, (e) => e);
  assert(error instanceof RelayError && error.status === 403 && !error.retryable, 'a 403 RelayError: ' + error);
  equal(relay.calls, 1, 'relay calls');
  source.close();
});

/** A fetch for the relay (scripted) and for an API that answers by the token it is given. */
function relayAndApi(relayAnswers, apiStatusFor) {
  const relay = scriptedRelay(relayAnswers);
  const api = { calls: [] };
  const fetchBoth = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.endsWith('/relay')) {
      return relay.fetch(input, init);
    }
    const authorization = new Headers(init?.headers).get('Authorization');
    api.calls.push(authorization);
    return new Response('', { status: apiStatusFor(authorization) });
  };
  return { relay, api, fetchBoth };
}

await check('fetchRetriesA401OnceWithANewToken', async () => {
  const time = new ManualTime();
  const rejected = relayAndApi([token('t1', '299'), token('t2', '299'), token('t3', '299')], () => 401);
  const source = new TokenSource('/relay', { ...time.options, fetch: rejected.fetchBoth });
  const response = source.fetch('https://api.os.uk/maps/raster/v1/zxy/Road_3857/7/63/42.png');
  await time.advance(1000);
  equal((await response).status, 401, 'status when the API keeps saying 401');
  equal(rejected.api.calls, ['Bearer t1', 'Bearer t2'], 'API calls: one retry, with the new token');
  source.close();

  const time2 = new ManualTime();
  const recovered = relayAndApi([token('t1', '299'), token('t2', '299')], (h) => (h === 'Bearer t2' ? 200 : 401));
  const source2 = new TokenSource('/relay', { ...time2.options, fetch: recovered.fetchBoth });
  const ok = source2.fetch('https://api.os.uk/maps/raster/v1/zxy/Road_3857/7/63/42.png');
  await time2.advance(1000);
  equal((await ok).status, 200, 'status after the retry');
  source2.close();
});

await check('manyRejectedRequestsMakeOneRenewal', async () => {
  const time = new ManualTime();
  const both = relayAndApi([token('t1', '299'), token('t2', '299')], (h) => (h === 'Bearer t2' ? 200 : 401));
  const source = new TokenSource('/relay', { ...time.options, fetch: both.fetchBoth });
  await source.header();
  const responses = Promise.all(Array.from({ length: 30 },
    (_, i) => source.fetch('https://api.os.uk/maps/raster/v1/zxy/Road_3857/7/' + i + '/42.png')));
  await time.advance(1000);
  equal((await responses).map((r) => r.status).filter((s) => s !== 200), [], 'statuses other than 200');
  equal(both.relay.calls, 2, 'relay calls: the first token and one renewal');
  source.close();
});

await check('fetchSendsNoTokenOutOfScope', async () => {
  const time = new ManualTime();
  const both = relayAndApi([token('t1', '299')], () => 200);
  const source = new TokenSource('/relay', { ...time.options, fetch: both.fetchBoth });
  await source.fetch('https://example.com/maps/raster/v1/zxy/Road_3857/7/63/42.png');
  await source.fetch('https://api.os.uk/oauth2/token/v1');
  equal(both.api.calls, [null, null], 'Authorization headers sent');
  equal(both.relay.calls, 0, 'relay calls');
  source.close();
});

await check('mapLibreTransformRequestAddsTheHeaderOnlyInScope', async () => {
  const fake = new URL(settings.apiBase);
  const source = new TokenSource('/os-token', { hosts: ['api.os.uk', ...settings.hosts] });
  const header = await source.header();
  const transform = mapLibreTransformRequest(source);
  const withHeader = [
    'https://api.os.uk/maps/vector/v1/vts/tile/7/42/63.pbf',
    'https://API.OS.UK/maps/vector/v1/vts/resources/styles?srs=3857',
    'https://api.os.uk:443/features/ngd/ofa/v1/collections/bld-fts-buildingpart-1/items',
    apiTile('Road_3857', 7, 63, 42),
  ];
  const withoutHeader = [
    'http://api.os.uk/maps/vector/v1/vts/tile/7/42/63.pbf',
    'https://api.os.uk.example.com/maps/vector/v1/vts',
    'https://example.com/?next=https://api.os.uk/',
    'https://api.os.uk:8443/maps/vector/v1/vts',
    'https://api.os.uk/oauth2/token/v1',
    'https://api.os.uk/OAuth2//Token/v1',
    'https://api.os.uk/%6Fauth2/token/v1',
    '/map-config.json',
    location.origin + '/os-token',
    'http://' + fake.hostname + ':' + (Number(fake.port) + 1) + '/maps/raster/v1/zxy/Road_3857/7/63/42.png',
    'http://localhost:' + fake.port + '/maps/raster/v1/zxy/Road_3857/7/63/42.png',
    'not a url',
  ];
  for (const url of withHeader) {
    equal(transform(url, 'Tile'), { url, headers: { Authorization: header } }, url);
  }
  for (const url of withoutHeader) {
    equal(transform(url, 'Tile'), { url }, url);
  }
  const tile = transform(apiTile('Road_3857', 7, 63, 42), 'Tile');
  const response = await fetch(tile.url, { headers: tile.headers });
  equal(response.status, 200, 'the fake answers the transformed request');
  source.close();
});

/** Counts object URLs made and revoked while body runs. */
async function countingObjectUrls(body) {
  const made = new Set();
  const revoked = new Set();
  const create = URL.createObjectURL;
  const revoke = URL.revokeObjectURL;
  URL.createObjectURL = (blob) => {
    const url = create.call(URL, blob);
    made.add(url);
    return url;
  };
  URL.revokeObjectURL = (url) => {
    revoked.add(url);
    revoke.call(URL, url);
  };
  try {
    await body();
  } finally {
    URL.createObjectURL = create;
    URL.revokeObjectURL = revoke;
  }
  return { made, revoked };
}

await check('openLayersTileLoaderLoadsWithTheTokenAndRevokes', async () => {
  const source = tokenSource('/os-token', { hosts: settings.hosts });
  const load = openLayersTileLoader(source);
  const loaded = await countingObjectUrls(async () => {
    const image = new Image();
    const states = [];
    const done = new Promise((resolve) => image.addEventListener('load', resolve, { once: true }));
    load({ getImage: () => image, setState: (s) => states.push(s) }, apiTile('Light_3857', 8, 127, 85));
    await done;
    await settle();
    equal(states, [], 'states set');
    assert(image.naturalWidth > 0, 'the image decoded');
  });
  equal(loaded.made.size, 1, 'object URLs made');
  equal([...loaded.revoked], [...loaded.made], 'object URLs revoked');
  const states = [];
  await new Promise((resolve) => {
    load({ getImage: () => new Image(), setState: (s) => { states.push(s); resolve(); } },
      settings.apiBase + '/maps/raster/v1/zxy/No_Such_Layer/8/127/85.png');
  });
  equal(states, [3], 'a failed tile marked as an error (TileState.ERROR)');
});

await check('leafletTileLayerLoadsWithTheTokenAndRevokes', async () => {
  const source = tokenSource('/os-token', { hosts: settings.hosts });
  let layer;
  let map;
  const counts = await countingObjectUrls(async () => {
    map = L.map('map', { fadeAnimation: false, zoomAnimation: false }).setView([50.9097, -1.4044], 14);
    layer = leafletTileLayer(L, source, settings.apiBase + '/maps/raster/v1/zxy/Road_3857/{z}/{x}/{y}.png');
    const loaded = new Promise((resolve) => layer.once('load', resolve));
    layer.addTo(map);
    await loaded;
    map.setView([51.5, -0.12], 12); // away: the old tiles are unloaded, new ones fetched
    await new Promise((resolve) => layer.once('load', resolve));
    await settle();
  });
  const tiles = [...document.querySelectorAll('#map img.leaflet-tile')];
  assert(tiles.length > 0, 'tiles shown');
  assert(tiles.every((t) => t.src.startsWith('blob:')), 'tiles shown from object URLs');
  equal([...counts.made].filter((u) => !counts.revoked.has(u)), [], 'object URLs left unrevoked');
  assert(counts.made.size >= tiles.length, 'an object URL per tile');
  map.remove();
  return counts.made.size + ' tiles';
});

document.getElementById('results').textContent = JSON.stringify(results, null, 2);
window.checksDone = true;
