// Insights: the served data's summary (GET /api/v1/dataset), the models' training summaries and evaluation
// figures (GET /api/v1/models), and live request figures (GET /api/v1/stats), drawn here as small SVG charts.
import * as A from './api.js';
import { el, put, loading, failure, titled } from './ui.js';

const NS = 'http://www.w3.org/2000/svg';

/** An SVG element; strings become text nodes. */
function s(tag, attrs, ...children) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) {
      e.setAttribute(k, String(v));
    }
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) {
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
  }
  return e;
}

const num = (n, d) => (n === null || n === undefined || Number.isNaN(Number(n)) ? '–'
  : Number(n).toLocaleString('en', { maximumFractionDigits: d === undefined ? 0 : d }));
/** "1 viewer", "2,301 viewers". */
const count = (n, noun) => `${num(n)} ${noun}${n === 1 ? '' : 's'}`;

/** A chart: an SVG with a title and a text alternative. */
function chart(label, w, h, ...body) {
  return s('svg', { viewBox: `0 0 ${w} ${h}`, role: 'img', 'aria-label': label, class: 'chart' },
    s('title', {}, label), ...body);
}

/** Horizontal bars: one per item ({label, value, note}). */
function bars(label, items, format) {
  const w = 560;
  const rowH = 22;
  const left = 150;
  const right = 80;
  const max = Math.max(1, ...items.map((i) => i.value));
  const h = items.length * rowH + 4;
  return chart(label, w, h, items.map((it, i) => {
    const y = i * rowH + 2;
    const bw = Math.max(1, ((w - left - right) * it.value) / max);
    return s('g', {},
      s('text', { x: left - 8, y: y + 15, 'text-anchor': 'end', class: 'lbl' }, it.label),
      s('rect', { x: left, y: y + 3, width: bw, height: rowH - 8, rx: 3, class: 'bar' }),
      s('text', { x: left + bw + 6, y: y + 15, class: 'val' }, format ? format(it.value) : num(it.value)));
  }));
}

/** Vertical bars with a label under each (the rating histogram). */
function columns(label, items) {
  const w = 560;
  const h = 200;
  const bottom = 24;
  const top = 16;
  const max = Math.max(1, ...items.map((i) => i.value));
  const cw = w / Math.max(1, items.length);
  return chart(label, w, h, items.map((it, i) => {
    const bh = ((h - bottom - top) * it.value) / max;
    const x = i * cw;
    return s('g', {},
      s('rect', { x: x + 4, y: h - bottom - bh, width: cw - 8, height: Math.max(1, bh), rx: 3, class: 'bar' }),
      s('text', { x: x + cw / 2, y: h - 6, 'text-anchor': 'middle', class: 'lbl' }, it.label),
      s('text', { x: x + cw / 2, y: h - bottom - bh - 4, 'text-anchor': 'middle', class: 'val small' },
        it.value >= 1000 ? num(it.value / 1000, 1) + 'k' : num(it.value)));
  }));
}

/** A metric over the epochs: a line with its first and last values. */
function spark(name, values) {
  const w = 260;
  const h = 70;
  const pad = 6;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || 1;
  const pts = values.map((v, i) => [pad + ((w - 2 * pad) * i) / Math.max(1, values.length - 1),
    h - 22 - ((h - 34) * (v - lo)) / span]);
  const label = `${name}: ${num(values[0], 4)} at epoch 1, ${num(values[values.length - 1], 4)} at epoch ${values.length}`;
  return chart(label, w, h,
    s('polyline', { points: pts.map((p) => p.map((c) => c.toFixed(1)).join(',')).join(' '), class: 'line' }),
    s('circle', { cx: pts[pts.length - 1][0], cy: pts[pts.length - 1][1], r: 3, class: 'dot' }),
    s('text', { x: pad, y: h - 4, class: 'lbl' }, name),
    s('text', { x: w - pad, y: h - 4, 'text-anchor': 'end', class: 'val' }, num(values[values.length - 1], 4)));
}

/** "2018-09-24T14:27:30Z" -> "2018-09-24". */
const day = (iso) => (iso ? String(iso).slice(0, 10) : null);

function figures(pairs) {
  return el('dl', { class: 'figures' }, pairs.filter((p) => p[1] !== null && p[1] !== undefined)
    .map(([k, v]) => el('div', {}, el('dt', {}, k), el('dd', {}, v))));
}

function datasetSection(d) {
  const hist = (d.ratingHistogram || []).map((h) => ({ label: String(h.rating), value: h.count }));
  const genres = (d.genres || []).slice().sort((a, b) => b.ratings - a.ratings).slice(0, 12)
    .map((g) => ({ label: g.genre, value: g.ratings }));
  const rpu = d.ratingsPerUser || {};
  return el('section', { class: 'panel', 'aria-labelledby': 'ins-data' },
    el('h2', { id: 'ins-data' }, 'The data: ', d.name || 'ratings'),
    d.note ? el('p', { class: 'muted small' }, d.note) : null,
    figures([['users', num(d.users)], ['movies', num(d.movies)], ['ratings', num(d.ratings)],
      ['first rating', day(d.firstRating)], ['last rating', day(d.lastRating)],
      ['ratings per user', `min ${num(rpu.min)} · median ${num(rpu.median)} · p90 ${num(rpu.p90)} · max ${num(rpu.max)}`],
      ['new in the store',
        d.store ? `${count(d.store.newUsers, 'viewer')}, ${count(d.store.newRatings, 'rating')}` : null],
      ['fingerprint', d.fingerprint]]),
    el('div', { class: 'pair' },
      hist.length ? el('div', {}, el('h3', {}, 'How people rate'),
        columns('Number of ratings at each star value: ' + hist.map((h) => `${h.label}: ${h.value}`).join(', '), hist)) : null,
      genres.length ? el('div', {}, el('h3', {}, 'Ratings per genre'),
        bars('Ratings per genre: ' + genres.map((g) => `${g.label} ${g.value}`).join(', '), genres)) : null));
}

function modelCard(m) {
  const ev = m.evaluation || {};
  const hist = ev.history || [];
  const names = hist.length ? Object.keys(hist[0].metrics || {}) : [];
  const moving = names.filter((n) => new Set(hist.map((h) => h.metrics[n])).size > 1).slice(0, 4);
  const final = Object.entries(ev.final || {});
  const params = Object.entries(m.params || {});
  return el('article', { class: 'panel model-card', 'data-model': m.name },
    el('h3', {}, m.name, el('span', { class: 'muted small' }, ` · ${m.kind} · version ${m.version}`)),
    figures([['trained on', `${num(m.trainRatings)} ratings (split ${m.split || 'none'}, seed ${m.seed})`],
      ['size', `${num(m.users)} users × ${num(m.movies)} movies`],
      ['training time', `${num(m.trainSeconds, 2)} s`], ['loaded and warmed in', `${num(m.loadSeconds, 2)} s`],
      ['predicts stars', m.predictsRatings ? 'yes' : 'no (ranks only)']]),
    params.length ? el('details', { class: 'params' },
      el('summary', {}, `Training parameters (${params.length})`),
      el('dl', {}, params.map(([k, v]) => el('div', {}, el('dt', {}, k), el('dd', {}, String(v)))))) : null,
    final.length ? el('table', { class: 'metrics' },
      el('caption', {}, `Epoch ${num(ev.epochs || hist.length)} of training`),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'figure'), el('th', { scope: 'col' }, 'value'))),
      el('tbody', {}, final.map(([k, v]) => el('tr', {}, el('th', { scope: 'row' }, k), el('td', {}, num(v, 4))))))
      : el('p', { class: 'muted' }, 'The file records no evaluation figures.'),
    final.length ? el('p', { class: 'muted small' }, 'The last training epoch\'s figures, as the model file records them'
      + (final.some(([k]) => k.startsWith('val_')) ? '; val_: on the held-out ratings.' : '.')) : null,
    moving.length ? el('div', { class: 'sparks' }, moving.map((n) => spark(n, hist.map((h) => h.metrics[n])))) : null);
}

function statsSection(st) {
  const reqs = (st.requests || []).slice().sort((a, b) => b.count - a.count).slice(0, 10);
  return el('section', { class: 'panel', 'aria-labelledby': 'ins-live' },
    el('h2', { id: 'ins-live' }, 'Live: requests since start'),
    figures([['up', `${num(st.uptimeSeconds / 60, 1)} min`], ['viewers in memory', num(st.usersInMemory)],
      ['fold-ins', num(st.foldIns)], ['ratings stored', num(st.storeWrites)],
      ['store failures', num(st.storeWriteFailures)], ['rejected (busy)', num(st.rejected)],
      ['model reloads', num(st.modelReloads)]]),
    reqs.length ? el('h3', {}, 'Median latency per route (ms)') : null,
    reqs.length ? bars('Median latency per route in milliseconds: ' + reqs.map((r) => `${r.method} ${r.route} ${num(r.p50Ms, 1)}`).join(', '),
      reqs.map((r) => ({ label: `${r.method} ${r.route.replace('/api/v1', '')}`, value: r.p50Ms })), (x) => num(x, 1) + ' ms') : null,
    reqs.length ? el('table', { class: 'metrics' },
      el('caption', {}, 'The busiest routes'),
      el('thead', {}, el('tr', {}, ['route', 'status', 'count', 'mean ms', 'p50 ms', 'p99 ms'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, reqs.map((r) => el('tr', {}, el('th', { scope: 'row' }, `${r.method} ${r.route}`),
        el('td', {}, r.status), el('td', {}, num(r.count)), el('td', {}, num(r.meanMs, 1)), el('td', {}, num(r.p50Ms, 1)),
        el('td', {}, num(r.p99Ms, 1)))))) : null);
}

export async function renderInsights(main, go) {
  const heading = el('h1', {}, 'Insights');
  put(main, heading, loading('Loading the figures…'));
  titled(main, 'Insights');
  const part = (promise, draw, what) => promise.then(draw, (e) => el('section', { class: 'panel' },
    el('h2', {}, what), failure(e, () => renderInsights(main, go))));
  const [data, models, live] = await Promise.all([
    part(A.api('/api/v1/dataset'), datasetSection, 'The data'),
    part(A.api('/api/v1/models'), (ms) => el('section', { class: 'models', 'aria-labelledby': 'ins-models' },
      el('h2', { id: 'ins-models' }, 'The models'), ms.models.map(modelCard)), 'The models'),
    part(A.api('/api/v1/stats'), statsSection, 'Live'),
  ]);
  put(main, heading, data, models, live);
  // the live figures refresh while this screen is shown
  let shown = live;
  const timer = setInterval(async () => {
    if (!shown.isConnected) {
      clearInterval(timer);
      return;
    }
    try {
      const next = statsSection(await A.api('/api/v1/stats'));
      if (shown.isConnected) {
        shown.replaceWith(next);
        shown = next;
      }
    } catch (e) {
      clearInterval(timer);
    }
  }, 5000);
}
