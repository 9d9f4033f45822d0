// The home screen (rows from GET /api/v1/users/{id}/home) and the start: a new viewer rates a dozen movies
// from the starter set (skip, search) and sees the rows change after each rating; or picks a dataset user.
import * as A from './api.js';
import { el, put, row, art, stars, loading, empty, failure, toast, titled, displayTitle, predicted, hue, reasonText,
  attributeFields } from './ui.js';

const WANT = 12;
let marked = false;

/** Marks the moment the first "Top picks" tile shows its title (time to first rows is measured to it). */
function markFirstTopPicks(section) {
  if (!marked && section.querySelector('.tile-title')) {
    marked = true;
    performance.mark('first-top-picks');
  }
}

/**
 * Draws the rows of a home answer into a container: the first row at once (and the mark), the others a moment
 * later, so the first tiles show before the rest of the screen is built.
 */
export async function drawRows(box, data) {
  const rows = data.rows || [];
  if (!rows.length) {
    put(box, empty('No rows yet: rate a few movies to get picks of your own.'));
    return;
  }
  const token = (box.drawing = (box.drawing || 0) + 1);
  put(box);
  for (let i = 0; i < rows.length; i++) {
    if (i === 1) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (box.drawing !== token) {
        return; // a newer answer is being drawn
      }
    }
    const section = row(rows[i]);
    box.append(section);
    if (rows[i].kind === 'top-picks') {
      markFirstTopPicks(section);
    }
  }
}

function stateLine(data, v) {
  switch (data.userState) {
    case 'trained':
      return `Picked by the ${data.model} model from user ${v.userId}'s ratings.`;
    case 'folded':
      return `Picked by the ${data.model} model from your ratings, including the newest.`;
    default:
      return 'Popular picks for now: rate a few movies and these rows become yours.';
  }
}

/** The top pick, large, above the rows. */
function hero(data) {
  const top = (data.rows || []).find((r) => r.kind === 'top-picks');
  const m = top && top.movies && top.movies[0];
  if (!m) {
    return null;
  }
  const reason = m.reasons && m.reasons[0] ? reasonText(m.reasons[0]) : null;
  const box = el('section', { class: 'hero', 'aria-label': 'Your top pick' },
    art(m, 'big'),
    el('div', { class: 'hero-text' },
      el('p', { class: 'eyebrow' }, 'Your top pick'),
      el('p', { class: 'hero-title' }, displayTitle(m.title)),
      el('p', { class: 'muted' }, [m.year, (m.genres || []).join(', ')].filter(Boolean).join(' · ')),
      predicted(m.predictedRating),
      reason ? el('p', { class: 'reason' }, reason) : null,
      el('a', { class: 'btn', href: '/movie/' + encodeURIComponent(m.movieId), 'data-nav': true }, 'More about it')));
  box.style.setProperty('--h', hue(m.genres, m.title));
  return box;
}

let early = null;

/**
 * Takes the home rows early.js asked for when the page opened (its first request), or asks for them now, before
 * the screen is drawn.
 */
export function prefetchHome(userId) {
  const sent = window.cinerecEarly;
  window.cinerecEarly = null;
  const answer = sent && sent.userId === userId && sent.model === A.model() ? A.answer(sent.response)
    : A.home(userId);
  early = { userId, model: A.model(), answer };
  answer.catch(() => {}); // an error is shown when the screen takes the answer
}

/** GET the home rows and draw them; errors become a state with a retry. */
export async function renderHome(main, go) {
  const v = A.viewer();
  if (!v) {
    return go('/start', { replace: true });
  }
  const asked = early && early.userId === v.userId && early.model === A.model() ? early.answer : null;
  early = null;
  const rowsBox = el('div', { class: 'rows' }, loading('Loading your rows…'));
  const intro = el('p', { class: 'muted intro' });
  put(main, el('h1', { class: 'sr' }, 'Home'), el('div', { class: 'hero-slot' }), intro, rowsBox);
  titled(main, 'Home');
  let data;
  try {
    data = await (asked || A.home(v.userId));
  } catch (e) {
    put(rowsBox, failure(e, () => renderHome(main, go)));
    if (e.status === 404) {
      rowsBox.append(el('p', {}, el('a', { href: '/start', 'data-nav': true }, 'Choose another viewer')));
    }
    return;
  }
  const drawn = drawRows(rowsBox, data);
  intro.textContent = stateLine(data, v);
  if (data.userState === 'folded' && v.origin === 'api') {
    // folded in by a model that takes attributes, with no rating yet: it went by what the viewer told
    A.models().then(async (all) => {
      const m = all && all.models.find((x) => x.name === data.model);
      if (m && Object.keys(m.userAttributes || {}).length) {
        const u = await A.api('/api/v1/users/' + A.seg(v.userId));
        if (u.ratings === 0) {
          intro.textContent = `Picked by the ${data.model} model from what you told about yourself: rate a few `
            + 'movies and these rows become yours.';
        }
      }
    }).catch(() => {});
  }
  const h = hero(data);
  if (h) {
    main.querySelector('.hero-slot').replaceWith(h);
  }
  await drawn;
}

/** /start: the welcome (no viewer yet) or a new viewer's first ratings. */
export async function renderStart(main, go) {
  const v = A.viewer();
  if (v && v.origin === 'api') {
    return onboarding(main, go, v);
  }
  welcome(main, go, v);
}

function welcome(main, go, current) {
  const idInput = el('input', { id: 'user-id', name: 'user', autocomplete: 'off', required: true, maxlength: 64 });
  const ofData = el('span', {}, 'this server\'s data');
  const note = el('p', { class: 'muted', role: 'status' });
  const pick = el('form', {
    class: 'pick', onsubmit: async (e) => {
      e.preventDefault();
      const id = idInput.value.trim();
      if (!id) {
        return;
      }
      note.textContent = 'Looking for user ' + id + '…';
      try {
        const u = await A.api('/api/v1/users/' + A.seg(id));
        A.setViewer({ userId: u.userId, origin: u.origin === 'api' ? 'api' : 'dataset', readOnly: !!u.readOnly });
        go('/');
      } catch (err) {
        note.textContent = err.status === 404 ? `There is no user ${id} in this server's data.` : err.message;
      }
    },
  }, el('label', { for: 'user-id' }, 'User id'), idInput,
  el('button', { type: 'submit', class: 'btn' }, 'Look around'));

  let told = null; // the optional fields of what a new viewer tells, when a loaded model takes any
  let problem = null;
  const create = el('button', {
    type: 'button', class: 'btn primary', onclick: async () => {
      create.disabled = true;
      const attributes = told ? told.values() : {};
      try {
        const u = await A.api('/api/v1/users', { method: 'POST',
          body: Object.keys(attributes).length ? { attributes } : {} });
        A.setViewer({ userId: u.userId, key: u.key, origin: 'api' });
        go('/start', { replace: true });
      } catch (err) {
        create.disabled = false;
        if (told) {
          const shown = failure(err); // the server's message as text, in the page's error style
          if (problem) {
            problem.replaceWith(shown);
          } else {
            create.after(shown);
          }
          problem = shown;
        } else {
          note.textContent = err.message;
        }
      }
    },
  }, 'Start as a new viewer');

  put(main,
    el('section', { class: 'welcome' },
      el('h1', {}, 'Find your next movie'),
      el('p', { class: 'lead' }, 'Rate a dozen movies you have seen and cinerec learns your taste at once: every ',
        'rating changes the rows below it.'),
      el('div', { class: 'choices' },
        el('div', { class: 'choice' },
          el('h2', {}, 'New here?'),
          el('p', {}, 'Your viewer id and key stay in this browser; "Start over" deletes them and your ratings.'),
          create),
        el('div', { class: 'choice' },
          el('h2', {}, 'Look around as someone else'),
          el('p', {}, 'Pick a user of ', ofData, ' and see what the model thinks they would like.'),
          pick)),
      current ? el('p', { class: 'muted' }, `You are looking around as user ${current.userId}. `,
        el('a', { href: '/', 'data-nav': true }, 'Back to their home')) : null,
      note));
  titled(main, 'Start');
  A.userAttributes().then((known) => { // what a model takes about a viewer: optional fields before the button
    if (known.size && create.isConnected) {
      told = attributeFields(known, null, 'signup');
      create.before(el('fieldset', { class: 'about' },
        el('legend', {}, 'About you ', el('span', { class: 'muted' }, '(optional)')),
        el('p', { class: 'muted small' }, 'The model starts your picks from these, even before your first rating. '
          + 'Change them later under "About you".'),
        told));
    }
  });
  A.dataset().then((d) => { // the served data's name and a real user id of it, when the server says them
    if (d && d.name) {
      ofData.textContent = d.name;
    }
    if (d && d.sampleUser) {
      idInput.placeholder = 'e.g. ' + d.sampleUser;
    }
  });
}

/** A new viewer rates a dozen: starter cards with stars and skip, a search, and their rows right below. */
async function onboarding(main, go, v) {
  const progress = el('p', { class: 'progress', role: 'status' });
  const cards = el('ul', { class: 'cards', 'aria-label': 'Movies to rate' });
  const found = el('ul', { class: 'cards', 'aria-label': 'Search results to rate' });
  const rowsBox = el('div', { class: 'rows' });
  const done = el('a', { class: 'btn primary', href: '/', 'data-nav': true }, 'See my home screen');
  const q = el('input', { id: 'find', type: 'search', autocomplete: 'off', maxlength: 200,
    placeholder: 'A title you have seen' });
  const findNote = el('p', { class: 'muted', role: 'status' });
  const find = el('form', {
    class: 'find', role: 'search', onsubmit: async (e) => {
      e.preventDefault();
      const text = q.value.trim();
      if (!text) {
        return;
      }
      findNote.textContent = 'Searching…';
      try {
        const res = await A.search(text, 6);
        put(found, res.movies.map(card));
        findNote.textContent = res.movies.length ? `${res.movies.length} found for “${text}”` : `Nothing found for “${text}”`;
      } catch (err) {
        findNote.textContent = err.message;
      }
    },
  }, el('label', { for: 'find' }, 'Find a movie you have seen'), q, el('button', { type: 'submit', class: 'btn' }, 'Find'));

  put(main,
    el('section', { class: 'onboard' },
      el('h1', {}, 'Rate a dozen movies you have seen'),
      el('p', { class: 'lead' }, 'Skip the ones you have not. After each rating your rows below change.'),
      progress, cards, find, findNote, found, el('p', {}, done)),
    el('h2', { class: 'rows-title' }, 'Your rows so far'), rowsBox);
  titled(main, 'Rate a dozen');

  const rated = new Set();
  let count = 0;
  const showProgress = () => {
    progress.textContent = count >= WANT ? `${count} rated: your home screen is ready.`
      : `${count} of ${WANT} rated`;
    done.classList.toggle('primary', count >= WANT);
  };

  // answers may arrive out of order: only one newer than the last drawn is drawn
  let asked = 0;
  let drawn = 0;
  const refreshRows = async () => {
    const n = ++asked;
    try {
      const data = await A.home(v.userId);
      if (n > drawn) {
        drawn = n;
        await drawRows(rowsBox, data);
      }
    } catch (err) {
      if (n > drawn) {
        put(rowsBox, failure(err, refreshRows));
      }
    }
  };

  main.attributesChanged = refreshRows; // what the viewer told changed ("About you"): the rows follow

  let queue = [];
  let sc = null;
  const SHOWN = 6;
  const next = () => {
    const m = queue.shift();
    return m ? card(m) : null;
  };

  function card(m) {
    const li = el('li', { class: 'card', 'data-movie': m.movieId, 'data-genres': (m.genres || []).join('|') });
    const status = el('span', { class: 'card-status', role: 'status' });
    const rate = async (value) => {
      await A.rate(v.userId, m.movieId, value).catch((err) => {
        toast(err.message);
        throw err;
      });
      if (!rated.has(m.movieId)) {
        rated.add(m.movieId);
        count++;
        // a rated starter card stays (its stars can still change) and the next starter movie joins the grid
        const n = li.parentElement === cards ? next() : null;
        if (n) {
          cards.append(n);
        }
      }
      status.textContent = `Rated ${value}★`;
      li.classList.add('rated');
      showProgress();
      await refreshRows();
    };
    const skip = el('button', {
      type: 'button', class: 'btn link skip-btn', 'aria-label': 'Skip ' + m.title, onclick: () => {
        const n = li.parentElement === cards ? next() : null;
        const focusNext = li.nextElementSibling || li.previousElementSibling;
        if (n) {
          li.replaceWith(n);
          n.querySelector('button').focus();
        } else {
          li.remove();
          if (focusNext) {
            focusNext.querySelector('button').focus();
          }
        }
      },
    }, 'Skip');
    put(li, art(m, 'mini'),
      el('div', { class: 'card-body' },
        el('span', { class: 'tile-title' }, displayTitle(m.title)),
        el('span', { class: 'tile-meta' }, [m.year, (m.genres || []).slice(0, 3).join(', ')].filter(Boolean).join(' · ')),
        stars(sc, null, rate, 'Rate ' + m.title),
        el('span', { class: 'card-foot' }, status, skip)));
    return li;
  }

  put(cards, el('li', {}, loading('Loading movies to rate…')));
  try {
    const [user, starter, scale] = await Promise.all([A.api('/api/v1/users/' + A.seg(v.userId)),
      A.api(A.withModel('/api/v1/starter?k=24')), A.scale()]);
    sc = scale;
    count = user.ratings;
    queue = starter.movies.slice();
    put(cards, Array.from({ length: Math.min(SHOWN, queue.length) }, next));
  } catch (err) {
    if (err.status === 404) {
      // the server no longer knows this viewer (a fresh store): start again
      A.setViewer(null);
      return go('/start', { replace: true });
    }
    put(cards, el('li', {}, failure(err, () => onboarding(main, go, v))));
  }
  showProgress();
  put(rowsBox, loading('Loading your rows…'));
  await refreshRows();
}
