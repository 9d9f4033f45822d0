// The page's router: every screen has its own URL (history.pushState), the back button works, and each
// screen is a module that draws itself into <main>.
import { api, ApiError, viewer, setViewer, model, setModel, models as loadModels, dataset, seg, tell,
  userAttributes } from './api.js';
import { el, put, failure, titled, toast, attributeFields } from './ui.js';
import { renderHome, renderStart, prefetchHome } from './home.js';

const main = document.getElementById('main');

// path pattern -> (screen, match, params) => Promise of drawing the screen into its own element (a screen left
// behind by a newer navigation draws into a detached element, never over the new one)
const ROUTES = [
  [/^\/$/, (at) => renderHome(at, go)],
  [/^\/start$/, (at) => renderStart(at, go)],
  [/^\/user\/([^/]+)$/, (at, m) => asUser(at, decodeURIComponent(m[1]))],
  [/^\/movie\/([^/]+)$/, (at, m) => import('./movie.js').then((v) => v.renderMovie(at, go, decodeURIComponent(m[1])))],
  [/^\/search$/, (at, m, q) => import('./lists.js').then((v) => v.renderSearch(at, go, q.get('q') || ''))],
  [/^\/my-ratings$/, (at) => import('./lists.js').then((v) => v.renderMyRatings(at, go))],
  [/^\/compare$/, (at, m, q) => import('./compare.js').then((v) => v.renderCompare(at, go, q.get('a'), q.get('b')))],
  [/^\/insights$/, (at) => import('./insights.js').then((v) => v.renderInsights(at, go))],
];

let rendering = 0;

/** Draws the screen of the current URL. */
async function render(focus) {
  const token = ++rendering;
  const url = new URL(location.href);
  const route = ROUTES.find(([re]) => re.test(url.pathname));
  showWho();
  markNav(url.pathname);
  const q = document.getElementById('q');
  if (url.pathname !== '/search') {
    q.value = '';
  }
  main.setAttribute('aria-busy', 'true');
  const screen = el('div', { class: 'screen' });
  put(main, screen);
  try {
    if (!route) {
      put(screen, el('h1', {}, 'Page not found'),
        el('p', {}, 'There is no screen at this address. '), el('a', { href: '/', 'data-nav': true }, 'Go home'));
      titled(screen, 'Not found');
    } else {
      await route[1](screen, url.pathname.match(route[0]), url.searchParams);
    }
  } catch (e) {
    if (token === rendering) {
      // a screen's module that cannot be fetched means the server went away
      const err = e instanceof ApiError ? e
        : new ApiError(0, 'The cinerec server cannot be reached. Is `cinerec serve` still running?', 0);
      put(screen, failure(err, () => render(true)));
    }
  }
  if (token === rendering) {
    main.removeAttribute('aria-busy');
  }
  showWho();
  if (focus && token === rendering) {
    const h = main.querySelector('h1') || main;
    h.tabIndex = -1;
    h.focus({ preventScroll: true });
  }
}

/** Navigates inside the page: a new history entry (or a replaced one), then the screen. */
function go(path, { replace = false } = {}) {
  history.replaceState({ y: window.scrollY }, '');
  if (replace) {
    history.replaceState({}, '', path);
  } else {
    history.pushState({}, '', path);
  }
  window.scrollTo(0, 0);
  return render(!replace);
}

/** /user/ID: look around as a user of the dataset (read-only unless the server is a loopback demo). */
async function asUser(screen, id) {
  const v = viewer();
  if (!v || v.userId !== id) {
    setViewer({ userId: id, origin: 'dataset' });
  }
  history.replaceState({}, '', '/');
  showWho();
  await renderHome(screen, go);
  // whether this server lets the page rate for them (a loopback demo does; elsewhere dataset users are read-only)
  try {
    const u = await api('/api/v1/users/' + encodeURIComponent(id));
    const now = viewer();
    if (now && now.userId === id) {
      setViewer({ ...now, origin: u.origin === 'api' ? 'api' : 'dataset', readOnly: !!u.readOnly });
    }
  } catch (e) {
    // the home screen already says what is wrong
  }
}

function markNav(path) {
  for (const a of document.querySelectorAll('.nav a')) {
    const here = a.getAttribute('href') === path;
    if (here) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  }
}

/** The viewer and the model in the header: who is watching, start over or switch, which model answers. */
function showWho() {
  const box = document.getElementById('who');
  const v = viewer();
  const parts = [];
  if (v) {
    const id = el('span', { class: 'who-id', title: 'the viewer in this browser' },
      v.origin === 'api' ? 'New viewer' : 'User ' + v.userId);
    parts.push(id);
    if (v.origin === 'api') {
      // "About you" when a loaded model takes what a viewer tells (at once once the models are known)
      if (told) {
        parts.push(aboutButton(told));
      } else if (told === undefined) {
        userAttributes().then((known) => {
          told = known.size ? known : null;
          if (told && id.isConnected && !document.getElementById('about-you')) {
            id.after(aboutButton(told));
          }
        });
      }
      parts.push(el('button', { type: 'button', class: 'btn link', onclick: startOver }, 'Start over'));
    } else {
      parts.push(el('button', { type: 'button', class: 'btn link', onclick: () => { setViewer(null); go('/start'); } },
        'Switch'));
    }
  } else {
    parts.push(el('a', { href: '/start', 'data-nav': true }, 'Start'));
  }
  const select = el('select', { id: 'model', onchange: (e) => { setModel(e.target.value); render(false); } });
  parts.push(el('label', { class: 'model-pick' }, el('span', { class: 'model-word' }, 'Model'), select));
  put(box, parts);
  fillModels(select);
}

async function fillModels(select) {
  const models = await loadModels();
  if (!models) {
    select.disabled = true;
    return;
  }
  const chosen = model() || models.defaultModel;
  put(select, models.models.map((m) => el('option', { value: m.name, selected: m.name === chosen }, m.name)));
}

// what a viewer may tell (name -> known values, from the loaded models): undefined until known, null for nothing
let told;

function aboutButton(known) {
  const b = el('button', { type: 'button', class: 'btn link', id: 'about-you', 'aria-haspopup': 'dialog',
    onclick: () => about(known, b) }, 'About you');
  return b;
}

/**
 * "About you": a dialog with what the new viewer told (GET /api/v1/users/{id}), changed with PUT
 * .../attributes; after a change the screen's recommendations are asked for again (the server folds the new
 * attributes in at once). Errors show in the dialog as text.
 */
async function about(known, opener) {
  const v = viewer();
  if (!v || v.origin !== 'api') {
    return;
  }
  const form = el('form', { class: 'about-form' }, el('p', { class: 'muted', role: 'status' }, 'Loading…'));
  const cancel = el('button', { type: 'button', class: 'btn', onclick: () => dialog.close() }, 'Cancel');
  const dialog = el('dialog', { class: 'about-dialog', 'aria-labelledby': 'about-title' },
    el('h2', { id: 'about-title' }, 'About you'),
    el('p', { class: 'muted small' }, 'Optional. The model picks for you from these as well as from your ratings; '
      + 'choose "Prefer not to say" to leave one out.'),
    form);
  dialog.addEventListener('close', () => {
    dialog.remove();
    const back = opener.isConnected ? opener : document.getElementById('about-you');
    if (back) {
      back.focus();
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  let user;
  try {
    user = await api('/api/v1/users/' + seg(v.userId));
  } catch (e) {
    put(form, failure(e), el('div', { class: 'actions' }, cancel));
    cancel.focus();
    return;
  }
  const fields = attributeFields(known, user.attributes, 'about');
  const problem = el('div', { class: 'about-problem' });
  const save = el('button', { type: 'submit', class: 'btn primary' }, 'Save');
  put(form, fields, problem, el('div', { class: 'actions' }, save, cancel));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    save.disabled = true;
    put(problem);
    try {
      await tell(v.userId, fields.values());
    } catch (err) {
      save.disabled = false;
      put(problem, failure(err)); // the server's message as text, in the page's error style
      return;
    }
    dialog.close();
    toast('Saved: your picks now follow what you told.');
    const screen = main.firstElementChild;
    if (screen && typeof screen.attributesChanged === 'function') {
      screen.attributesChanged(); // the new viewer's rating screen: only its rows are asked for again
    } else {
      await render(false);
      const b = document.getElementById('about-you');
      if (b && document.activeElement === document.body) {
        b.focus();
      }
    }
  });
  const first = fields.querySelector('select');
  if (first) {
    first.focus();
  }
}

/** Deletes the new viewer with all their ratings on the server, forgets them here, back to the start. */
async function startOver() {
  const v = viewer();
  if (!v || !window.confirm('Start over? Your ratings on this server are deleted.')) {
    return;
  }
  try {
    await api('/api/v1/users/' + encodeURIComponent(v.userId), { method: 'DELETE' });
  } catch (e) {
    if (e.status !== 404) {
      put(main, failure(e, startOver));
      return;
    }
  }
  setViewer(null);
  go('/start');
}

// links inside the page navigate without a reload
document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) {
    return;
  }
  const a = e.target.closest('a[href]');
  if (!a || a.origin !== location.origin || a.target || a.hasAttribute('download')) {
    return;
  }
  if (!ROUTES.some(([re]) => re.test(a.pathname))) {
    return;
  }
  e.preventDefault();
  go(a.pathname + a.search);
});

document.querySelector('form.search').addEventListener('submit', (e) => {
  e.preventDefault();
  const q = document.getElementById('q').value.trim();
  if (q) {
    go('/search?q=' + encodeURIComponent(q));
  }
});

window.addEventListener('popstate', async (e) => {
  const y = e.state && e.state.y;
  await render(true);
  if (y) {
    window.scrollTo(0, y);
  }
});

// the footer names the served data (and credits GroupLens for MovieLens data)
dataset().then((d) => {
  if (d && d.name) {
    document.getElementById('data-credit').textContent = ' from ' + d.name
      + (/^ml-/.test(d.name) ? ' (MovieLens ratings by GroupLens Research)' : '');
  }
});

history.scrollRestoration = 'manual';
// opening on a home screen: its rows are the first thing asked for
const opening = location.pathname.match(/^\/user\/([^/]+)$/);
if (opening) {
  prefetchHome(decodeURIComponent(opening[1]));
} else if (location.pathname === '/' && viewer()) {
  prefetchHome(viewer().userId);
}
render(false);
