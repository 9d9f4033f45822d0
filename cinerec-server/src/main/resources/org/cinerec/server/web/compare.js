// Two loaded models' "Top picks" for the same viewer, side by side: which is better for me?
import * as A from './api.js';
import { el, put, art, loading, empty, failure, titled, displayTitle, predicted } from './ui.js';

function column(name, res, other) {
  const list = el('ol', { class: 'picks' }, res.recommendations.map((m) => el('li', {
    class: other.has(m.movieId) ? 'both' : null, 'data-movie': m.movieId,
  }, art(m, 'mini'), el('span', { class: 'pick-text' },
    el('a', { href: '/movie/' + A.seg(m.movieId), 'data-nav': true, class: 'tile-title' }, displayTitle(m.title)),
    el('span', { class: 'tile-meta' }, [m.year, (m.genres || []).slice(0, 3).join(', ')].filter(Boolean).join(' · ')),
    other.has(m.movieId) ? el('span', { class: 'badge' }, 'in both') : null,
    predicted(m.predictedRating)))));
  return el('section', { class: 'column', 'data-model': name, 'aria-label': 'Top picks of ' + name },
    el('h2', {}, name, el('span', { class: 'muted small' },
      (res.kind !== name ? ' · ' + res.kind : '') + (res.personal ? '' : ' · not personal yet'))),
    list);
}

export async function renderCompare(main, go, a, b) {
  const v = A.viewer();
  const heading = el('h1', {}, 'Which model is better for you?');
  put(main, heading, loading('Loading the models…'));
  titled(main, 'Compare models');
  if (!v) {
    put(main, heading, empty('Start as a viewer first: the comparison shows the same viewer\'s top picks from two models.',
      el('a', { class: 'btn primary', href: '/start', 'data-nav': true }, 'Start')));
    return;
  }
  const all = await A.models();
  if (!all) {
    put(main, heading, failure(new A.ApiError(0, 'The list of models could not be loaded.', 0),
      () => renderCompare(main, go, a, b)));
    return;
  }
  const names = all.models.map((m) => m.name);
  if (names.length < 2) {
    put(main, heading, empty(`Only one model (${names[0]}) is loaded. Serve two or more model files to compare them.`));
    return;
  }
  a = names.includes(a) ? a : names[0];
  b = names.includes(b) && b !== a ? b : names.find((n) => n !== a);
  const pick = (id, label, value) => el('label', {}, label + ' ', el('select', {
    id, onchange: () => go(`/compare?a=${A.seg(document.getElementById('cmp-a').value)}&b=${A.seg(document.getElementById('cmp-b').value)}`),
  }, names.map((n) => el('option', { value: n, selected: n === value }, n))));
  const form = el('div', { class: 'compare-pick' }, pick('cmp-a', 'Left', a), pick('cmp-b', 'Right', b));
  put(main, heading, form, loading('Asking both models…'));
  const path = (m) => `/api/v1/users/${A.seg(v.userId)}/recommendations?k=10&explain=false&model=${A.seg(m)}`;
  try {
    const [ra, rb] = await Promise.all([A.api(path(a)), A.api(path(b))]);
    const ia = new Set(ra.recommendations.map((m) => m.movieId));
    const ib = new Set(rb.recommendations.map((m) => m.movieId));
    const shared = [...ia].filter((x) => ib.has(x)).length;
    put(main, heading, form,
      el('p', { class: 'muted' }, `${shared} of 10 picks are in both lists. Open a movie to rate it; both lists learn from it.`),
      el('div', { class: 'columns' }, column(a, ra, ib), column(b, rb, ia)));
  } catch (e) {
    put(main, heading, form, failure(e, () => renderCompare(main, go, a, b)));
  }
}
