// A movie's page for the viewer (GET /api/v1/users/{id}/movies/{movieId}): details, what people rated, the
// predicted rating and why, the viewer's stars, "not interested" (with undo), and similar movies.
import * as A from './api.js';
import { el, put, row, art, stars, loading, failure, toast, titled, displayTitle, reasonText, outOf } from './ui.js';

function fmt(n, digits) {
  return Number(n).toLocaleString('en', { maximumFractionDigits: digits || 0, minimumFractionDigits: digits || 0 });
}

/** A language code as its English name ("fr" → "French"), from the browser's own tables; the code when unknown. */
export function languageName(code) {
  if (!code) {
    return null;
  }
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(code);
    return name && name !== code ? name : code;
  } catch (e) {
    return code; // not a well-formed language tag
  }
}

/** Without a viewer: the public routes (details and similar movies), no prediction. */
async function anonymous(id) {
  const [movie, similar] = await Promise.all([A.api('/api/v1/movies/' + A.seg(id)),
    A.api(A.withModel(`/api/v1/movies/${A.seg(id)}/similar?k=20`)).catch(() => ({ similar: [] }))]);
  return {
    movie: { ...movie, count: movie.ratings ? movie.ratings.count : null, mean: movie.ratings ? movie.ratings.mean : null },
    yourRating: null, dismissed: false, prediction: null, similar: similar.similar || [],
  };
}

export async function renderMovie(main, go, id) {
  const v = A.viewer();
  put(main, loading('Loading the movie…'));
  let data;
  let scale;
  try {
    [data, scale] = await Promise.all([v ? A.moviePage(v.userId, id) : anonymous(id), A.scale()]);
  } catch (e) {
    put(main, failure(e, () => renderMovie(main, go, id)));
    titled(main, e.status === 404 ? 'Not found' : 'Error');
    return;
  }
  const m = data.movie;
  const title = displayTitle(m.title);
  const yours = el('p', { class: 'yours' });
  const remove = el('button', { type: 'button', class: 'btn link' }, 'Remove my rating');
  let current = data.yourRating;
  const showYours = () => {
    yours.textContent = current === null || current === undefined ? 'You have not rated it.'
      : `You rated it ${current}★${outOf(scale)}.`;
    remove.hidden = current === null || current === undefined;
  };
  const input = v ? stars(scale, current, async (value) => {
    try {
      await A.rate(v.userId, m.movieId, value);
    } catch (e) {
      toast(e.message);
      throw e;
    }
    current = value;
    showYours();
    toast(`Rated ${title} ${value}★`);
  }, 'Your rating of ' + m.title) : null;
  remove.addEventListener('click', async () => {
    const before = current;
    try {
      await A.unrate(v.userId, m.movieId);
    } catch (e) {
      toast(e.message);
      return;
    }
    current = null;
    input.setValue(null);
    showYours();
    toast(`Removed your rating of ${title}`, 'Undo', async () => {
      await A.rate(v.userId, m.movieId, before);
      current = before;
      input.setValue(before);
      showYours();
    });
  });

  let dismissed = !!data.dismissed;
  const notInterested = el('button', { type: 'button', class: 'btn' });
  const showDismissed = () => {
    notInterested.textContent = dismissed ? 'Undo “not interested”' : 'Not interested';
    notInterested.setAttribute('aria-pressed', String(dismissed));
  };
  const setDismissed = async (value) => {
    await (value ? A.dismiss(v.userId, m.movieId) : A.undismiss(v.userId, m.movieId));
    dismissed = value;
    showDismissed();
  };
  notInterested.addEventListener('click', async () => {
    const value = !dismissed;
    try {
      await setDismissed(value);
    } catch (e) {
      toast(e.message);
      return;
    }
    if (value) {
      toast(`${title} will not be recommended to you`, 'Undo', () => setDismissed(false).catch((e) => toast(e.message)));
    }
  });
  showDismissed();
  showYours();

  const p = data.prediction;
  const why = p && p.reasons && p.reasons.length
    ? el('ul', { class: 'reasons' }, p.reasons.map((r) => el('li', {}, el('a', { href: '/movie/' + A.seg(r.movieId),
      'data-nav': true }, reasonText(r)))))
    : null;
  let guess = null;
  if (p && p.predictedRating !== null && p.predictedRating !== undefined) {
    guess = `We think you would rate it ${fmt(p.predictedRating, 1)}★${outOf(scale)}`
      + (p.personal ? '' : ' (from what everyone rated: rate more movies for a personal guess)') + '.';
  }
  const whyTitle = guess ? 'Why we think so' : 'Why it may suit you';

  put(main,
    el('article', { class: 'movie' },
      art(m, 'big'),
      el('div', { class: 'movie-text' },
        el('h1', {}, title),
        el('p', { class: 'muted' }, [m.year, (m.genres || []).join(', '), m.runtime ? m.runtime + ' min' : null,
          languageName(m.language)].filter(Boolean).join(' · ')),
        m.overview ? el('p', { class: 'overview' }, m.overview) : null,
        m.count !== null && m.count !== undefined
          ? el('p', {}, m.count ? `Rated by ${fmt(m.count)} ${m.count === 1 ? 'person' : 'people'}, `
            + `${fmt(m.mean, 1)}★${outOf(scale)} on average.`
            : 'Nobody has rated it yet.') : null,
        guess ? el('p', { class: 'guess' }, guess) : null,
        why ? el('h2', { class: 'why' }, whyTitle) : null, why,
        v && v.readOnly ? el('p', { class: 'muted' }, `User ${v.userId} is read-only on this server: `,
          el('a', { href: '/start', 'data-nav': true }, 'start as a new viewer'), ' to rate.') : null,
        v && !v.readOnly ? el('div', { class: 'rate-box' }, el('h2', {}, 'Your rating'), input, yours, remove) : null,
        v && !v.readOnly ? el('p', { class: 'actions' }, notInterested) : v ? null : el('p', {},
          el('a', { href: '/start', 'data-nav': true }, 'Start as a viewer'), ' to rate it and get a prediction.'),
        m.imdbId ? el('p', { class: 'muted small' }, 'IMDb ', m.imdbId, m.tmdbId ? ' · TMDB ' + m.tmdbId : '') : null)),
    data.similar && data.similar.length
      ? row({ id: 'similar', kind: 'similar', title: 'More like ' + title, movies: data.similar })
      : el('p', { class: 'muted' }, 'No similar movies to show.'));
  titled(main, title);
}
