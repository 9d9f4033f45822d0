// Search results (the server's typo-tolerant title search) and "My ratings" (review, change, remove).
import * as A from './api.js';
import { el, put, grid, art, stars, loading, empty, failure, toast, titled, displayTitle } from './ui.js';

export async function renderSearch(main, go, q) {
  document.getElementById('q').value = q;
  const heading = el('h1', {}, q ? `Titles like “${q}”` : 'Search');
  put(main, heading, q ? loading('Searching…') : empty('Type a title in the search box; typos are fine.'));
  titled(main, q ? 'Search: ' + q : 'Search');
  if (!q) {
    return;
  }
  try {
    const res = await A.search(q, 24);
    put(main, heading, res.movies.length ? grid(res.movies)
      : empty(`No title is close to “${q}”. Try fewer words.`));
  } catch (e) {
    put(main, heading, failure(e, () => renderSearch(main, go, q)));
  }
}

const PAGE = 24;

export async function renderMyRatings(main, go) {
  const v = A.viewer();
  if (!v) {
    return go('/start', { replace: true });
  }
  const heading = el('h1', {}, 'My ratings');
  put(main, heading, loading('Loading your ratings…'));
  titled(main, 'My ratings');
  let list;
  let scale;
  try {
    [list, scale] = await Promise.all([A.api(`/api/v1/users/${A.seg(v.userId)}/ratings`), A.scale()]);
  } catch (e) {
    put(main, heading, failure(e, () => renderMyRatings(main, go)));
    return;
  }
  const ratings = list.ratings.slice().sort((a, b) => (b.ratedAt || 0) - (a.ratedAt || 0));
  if (!ratings.length) {
    put(main, heading, empty('You have not rated any movie yet.',
      el('a', { class: 'btn primary', href: v.origin === 'api' ? '/start' : '/', 'data-nav': true }, 'Rate some movies')));
    return;
  }
  const count = el('p', { class: 'muted', role: 'status' });
  let left = ratings.length;
  const showCount = () => {
    count.textContent = v.readOnly
      ? `${left} rated, newest first. User ${v.userId} of the data is read-only on this server: these ratings cannot be changed here.`
      : `${left} rated, newest first. Change the stars or remove a rating; your rows follow.`;
  };
  showCount();
  const items = el('ul', { class: 'ratings' });
  const more = el('button', { type: 'button', class: 'btn' }, 'Show more');
  put(main, heading, count, items, more);

  // each rating comes with its movie's title, year, genres and poster (null title: no model knows the movie)
  const item = (r) => {
    const movie = r.title == null ? null : r;
    const li = el('li', { class: 'rating', 'data-movie': r.movieId });
    const title = movie ? displayTitle(movie.title) : 'Movie ' + r.movieId;
    let value = r.rating;
    const meta = movie ? [movie.year, (movie.genres || []).join(', ')].filter(Boolean).join(' · ') : '';
    if (v.readOnly) {
      put(li, movie ? art(movie, 'mini') : el('div', { class: 'art mini' }),
        el('div', { class: 'rating-body' },
          el('a', { href: '/movie/' + A.seg(r.movieId), 'data-nav': true, class: 'tile-title' }, title),
          el('span', { class: 'tile-meta' }, meta),
          el('span', { class: 'tile-meta' }, `Rated ${value}★ (read-only on this server)`)));
      return li;
    }
    const input = stars(scale, value, async (x) => {
      try {
        await A.rate(v.userId, r.movieId, x);
      } catch (e) {
        toast(e.message);
        throw e;
      }
      value = x;
      toast(`Rated ${title} ${x}★`);
    }, 'Your rating of ' + (movie ? movie.title : r.movieId));
    const remove = el('button', { type: 'button', class: 'btn link', 'aria-label': 'Remove my rating of ' + title },
      'Remove');
    remove.addEventListener('click', async () => {
      try {
        await A.unrate(v.userId, r.movieId);
      } catch (e) {
        toast(e.message);
        return;
      }
      const before = value;
      const next = li.nextElementSibling || li.previousElementSibling;
      li.remove();
      left--;
      showCount();
      (next ? next.querySelector('a') : heading).focus();
      toast(`Removed your rating of ${title}`, 'Undo', async () => {
        await A.rate(v.userId, r.movieId, before);
        renderMyRatings(main, go);
      });
    });
    put(li, movie ? art(movie, 'mini') : el('div', { class: 'art mini' }),
      el('div', { class: 'rating-body' },
        el('a', { href: '/movie/' + A.seg(r.movieId), 'data-nav': true, class: 'tile-title' }, title),
        el('span', { class: 'tile-meta' }, meta),
        input, remove));
    return li;
  };

  let shown = 0;
  const showMore = () => {
    const page = ratings.slice(shown, shown + PAGE);
    shown += page.length;
    more.hidden = shown >= ratings.length;
    items.append(...page.map(item));
  };
  more.addEventListener('click', showMore);
  showMore();
}
