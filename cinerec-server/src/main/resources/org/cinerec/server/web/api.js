// The service's JSON API, the viewer kept in this browser, and the chosen model. No logic beyond that: lists,
// rows, reasons and predictions all come from the server.

const VIEWER = 'cinerec.viewer';
const MODEL = 'cinerec.model';

/** An answer that was not 2xx (status 0: the server could not be reached). */
export class ApiError extends Error {
  constructor(status, message, retryAfter) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

function load(key) {
  try {
    return JSON.parse(localStorage.getItem(key) || 'null');
  } catch (e) {
    return null;
  }
}

/** The viewer of this browser: {userId, key (API users only), origin: 'api' | 'dataset'} or null. */
export function viewer() {
  const v = load(VIEWER);
  return v && typeof v.userId === 'string' ? v : null;
}

export function setViewer(v) {
  if (v) {
    localStorage.setItem(VIEWER, JSON.stringify(v));
  } else {
    localStorage.removeItem(VIEWER);
  }
}

/** The model asked for (null: the server's default). */
export function model() {
  return localStorage.getItem(MODEL);
}

export function setModel(name) {
  if (name) {
    localStorage.setItem(MODEL, name);
  } else {
    localStorage.removeItem(MODEL);
  }
}

/** Adds ?model=NAME to a model route when a model was chosen. */
export function withModel(path) {
  const m = model();
  return m ? path + (path.includes('?') ? '&' : '?') + 'model=' + encodeURIComponent(m) : path;
}

/** A path segment, encoded. */
export const seg = encodeURIComponent;

/**
 * Calls the API: JSON in and out; writes carry Content-Type: application/json and, for this browser's own
 * viewer, their key. Throws ApiError with the server's message.
 */
export async function api(path, { method = 'GET', body, signal } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
  }
  const v = viewer();
  if (v && v.key) {
    headers.Authorization = 'Bearer ' + v.key;
  }
  return answer(fetch(path, {
    method, headers, signal, cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  }));
}

/** The JSON of a fetch's response, or an ApiError with the server's message. */
export async function answer(responsePromise) {
  let res;
  try {
    res = await responsePromise;
  } catch (e) {
    if (e.name === 'AbortError') {
      throw e;
    }
    throw new ApiError(0, 'The cinerec server cannot be reached. Is `cinerec serve` still running?', 0);
  }
  if (res.status === 204) {
    return null;
  }
  let data = null;
  try {
    data = await res.json();
  } catch (e) {
    data = null;
  }
  if (!res.ok) {
    const msg = data && data.message ? data.message : 'the server answered ' + res.status;
    throw new ApiError(res.status, msg, Number(res.headers.get('Retry-After')) || 0);
  }
  return data;
}

/** The viewer's home rows. */
export const home = (userId, k = 20) => api(withModel(`/api/v1/users/${seg(userId)}/home?k=${k}`));

/** A movie's page for the viewer. */
export const moviePage = (userId, movieId) =>
  api(withModel(`/api/v1/users/${seg(userId)}/movies/${seg(movieId)}`));

export const rate = (userId, movieId, rating) =>
  api(`/api/v1/users/${seg(userId)}/ratings/${seg(movieId)}`, { method: 'PUT', body: { rating } });

export const unrate = (userId, movieId) =>
  api(`/api/v1/users/${seg(userId)}/ratings/${seg(movieId)}`, { method: 'DELETE' });

export const dismiss = (userId, movieId) =>
  api(`/api/v1/users/${seg(userId)}/dismissals/${seg(movieId)}`, { method: 'PUT', body: {} });

export const undismiss = (userId, movieId) =>
  api(`/api/v1/users/${seg(userId)}/dismissals/${seg(movieId)}`, { method: 'DELETE' });

/** Replaces what the viewer told about themselves ({} clears it); the next list folds it in. */
export const tell = (userId, attributes) =>
  api(`/api/v1/users/${seg(userId)}/attributes`, { method: 'PUT', body: { attributes } });

export const search = (q, k = 12) => api(withModel(`/api/v1/movies/search?q=${encodeURIComponent(q)}&k=${k}`));

/** A GET asked once per page load and shared: the answer, or null when it failed (then asked again next time). */
function once(path) {
  let promise = null;
  return () => {
    if (!promise) {
      promise = api(path).catch(() => {
        promise = null;
        return null;
      });
    }
    return promise;
  };
}

/** GET /api/v1/models, once per page load (null when it failed). */
export const models = once('/api/v1/models');

/** GET /api/v1/dataset, once per page load (null when it failed): the served data's name, sample user, ... */
export const dataset = once('/api/v1/dataset');

/** The rating scale of the chosen model ({min, max, step}), 0.5..5 in half steps when unknown. */
export async function scale() {
  const all = await models();
  const name = model() || (all && all.defaultModel);
  const m = all && all.models.find((x) => x.name === name);
  return (m && m.scale) || { min: 0.5, max: 5, step: 0.5 };
}

/**
 * What a viewer may tell about themselves: a Map of attribute name -> the values every loaded model that takes it
 * knows (the server checks a value against each of them), in the first such model's order; numeric ages, which
 * are decades, in numeric order. Empty when no loaded model takes any (or the models could not be read).
 */
export async function userAttributes() {
  const all = await models();
  const out = new Map();
  for (const m of (all && all.models) || []) {
    for (const [name, values] of Object.entries(m.userAttributes || {})) {
      const mine = (values || []).map(String);
      out.set(name, out.has(name) ? out.get(name).filter((v) => mine.includes(v)) : mine);
    }
  }
  for (const [name, values] of out) {
    if (/^age$/i.test(name) && values.every((v) => /^\d+$/.test(v))) {
      values.sort((a, b) => Number(a) - Number(b));
    }
  }
  return out;
}
