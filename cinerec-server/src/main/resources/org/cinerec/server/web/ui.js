// Building blocks: elements (text only ever through text nodes), tiles, rows, the star input, and the loading,
// empty and error states. Nothing here parses markup: data never reaches innerHTML.

/**
 * el('a', {href: '/x', class: 'tile'}, 'text', child): an element; strings become text nodes; attributes
 * starting with "on" are listeners; a null attribute is left out.
 */
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) {
      continue;
    }
    if (k.startsWith('on')) {
      e.addEventListener(k.slice(2), v);
    } else if (k === 'class') {
      e.className = v;
    } else {
      e.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(e, children);
  return e;
}

function append(parent, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) {
      continue;
    }
    if (Array.isArray(c)) {
      append(parent, c);
    } else {
      parent.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
  }
}

/** Replaces a node's children. */
export function put(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
  return parent;
}

// A hue per genre, so a generated tile's colour says something about the movie.
const HUES = {
  Action: 8, Adventure: 28, Animation: 190, Children: 160, Comedy: 45, Crime: 220, Documentary: 95,
  Drama: 262, Fantasy: 285, 'Film-Noir': 210, Horror: 350, IMAX: 200, Musical: 320, Mystery: 235,
  Romance: 335, 'Sci-Fi': 180, Thriller: 15, War: 70, Western: 32,
};

/** The hue of a movie's first known genre, turned a little by its title so that a row is not one colour. */
export function hue(genres, title) {
  let h = 215;
  for (const g of genres || []) {
    if (g in HUES) {
      h = HUES[g];
      break;
    }
  }
  let x = 0;
  for (const c of String(title || '')) {
    x = (x * 31 + c.codePointAt(0)) % 997;
  }
  return h + (x % 25) - 12;
}

/** "Matrix, The (1999)" -> "The Matrix" (the year is shown apart). */
export function displayTitle(title) {
  let t = String(title || '').replace(/\s*\(\d{4}(?:[–-]\d{0,4})?\)\s*$/, '');
  const m = t.match(/^(.*), (The|A|An|Les|La|Le|L'|Il|Das|Der|Die|El)$/);
  if (m) {
    t = m[2] + (m[2].endsWith("'") ? '' : ' ') + m[1];
  }
  return t;
}

/** Smaller type for long titles and long words (a word is never broken inside a tile). */
function sizeClass(t) {
  const longest = Math.max(0, ...t.split(/\s+/).map((w) => w.length));
  return t.length > 28 || longest > 10 ? ' long' : t.length > 14 || longest > 7 ? ' mid' : '';
}

/**
 * The art of a movie: its local poster, else a generated typographic tile coloured by genre (never a broken
 * image). Size "big" (a movie's page), "mini" (a small square: only an initial) or normal (a row's tile).
 */
export function art(movie, size) {
  const box = el('div', { class: 'art' + (size ? ' ' + size : '') });
  const generated = () => {
    const t = displayTitle(movie.title);
    box.classList.add('gen');
    box.style.setProperty('--h', hue(movie.genres, movie.title));
    if (size === 'mini') {
      const word = t.replace(/^(The|A|An) /, '');
      put(box, el('span', { class: 'gen-initial', 'aria-hidden': 'true' }, Array.from(word)[0] || '?'));
      return;
    }
    put(box,
      el('span', { class: 'gen-genre', 'aria-hidden': 'true' }, (movie.genres || [])[0] || 'Film'),
      el('span', { class: 'gen-title' + sizeClass(t), 'aria-hidden': 'true' }, t),
      el('span', { class: 'gen-year', 'aria-hidden': 'true' }, movie.year || ''));
  };
  if (movie.poster && movie.poster.startsWith('/posters/')) {
    const img = el('img', { src: movie.poster, alt: 'Poster of ' + movie.title, loading: 'lazy', decoding: 'async' });
    img.addEventListener('error', generated, { once: true });
    box.append(img);
  } else {
    generated();
  }
  return box;
}

/** "Matrix, The (1999)" -> "The Matrix (1999)". */
export function prettyTitle(title) {
  const m = String(title || '').match(/\s*(\(\d{4}(?:[–-]\d{0,4})?\))\s*$/);
  return displayTitle(title) + (m ? ' ' + m[1] : '');
}

/** A reason in words: "Because you rated The Terminator (1984) 5★" (the server's text when it says more). */
export function reasonText(r) {
  if (r.title && r.rating !== null && r.rating !== undefined && /^because you rated /.test(r.text || '')) {
    return `Because you rated ${prettyTitle(r.title)} ${r.rating}★`;
  }
  return sentence(r.text);
}

/** "because you rated X 5★" -> "Because you rated X 5★". */
export function sentence(text) {
  const t = String(text || '');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** " of 10" after a number of stars on a scale that does not end at 5 (where "4.6★" alone would read as out of 5). */
export function outOf(scale) {
  return scale && scale.max !== undefined && scale.max !== 5 ? ` of ${scale.max}` : '';
}

/** "★ 4.3" for a predicted rating (nothing when the model does not predict ratings). */
export function predicted(value) {
  if (value === null || value === undefined) {
    return null;
  }
  const v = Number(value).toFixed(1);
  return el('span', { class: 'pred', title: 'predicted rating' },
    el('span', { 'aria-hidden': 'true' }, '★ ' + v), el('span', { class: 'sr' }, 'predicted ' + v + ' stars'));
}

/** A movie tile: a link to its page with art, title, year, genres and predicted stars. */
export function tile(movie) {
  const genres = (movie.genres || []).slice(0, 3).join(', ');
  return el('li', { class: 'tile', 'data-movie': movie.movieId, 'data-genres': (movie.genres || []).join('|') },
    el('a', { href: '/movie/' + encodeURIComponent(movie.movieId), 'data-nav': true },
      art(movie),
      el('span', { class: 'tile-title' }, displayTitle(movie.title)),
      el('span', { class: 'tile-meta' }, [movie.year, genres].filter(Boolean).join(' · ')),
      predicted(movie.predictedRating)));
}

let rowCounter = 0;

/** A row as streaming services show them: a heading and tiles scrolling sideways. */
export function row(r) {
  const id = 'row-h-' + (++rowCounter);
  const list = el('ul', { class: 'scroller' }, (r.movies || []).map(tile));
  const heading = r.kind === 'because' && r.anchor && r.anchor.title
    ? 'Because you rated ' + prettyTitle(r.anchor.title) : r.title;
  return el('section', { class: 'row', 'data-row': r.id, 'data-kind': r.kind, 'aria-labelledby': id },
    el('h2', { id }, heading), list);
}

/** A grid of tiles (search results, similar movies on narrow pages). */
export function grid(movies) {
  return el('ul', { class: 'grid' }, movies.map(tile));
}

/**
 * A star input on the scale (half steps): one tab stop; arrows move, Enter or Space rates; each half star is
 * a button named "Rate 3.5 stars". On a scale that starts at 0 (0-10 and the like) the 0 is a round "0" button
 * before the stars, so that a 9 lights nine stars, not ten, and a 0 lights none.
 */
export function stars(scale, current, onRate, label) {
  const min = scale && scale.min !== undefined ? scale.min : 0.5;
  const max = scale && scale.max !== undefined ? scale.max : 5;
  const step = scale && scale.step ? scale.step : 0.5;
  const group = el('div', { class: 'stars', role: 'group', 'aria-label': label || 'Your rating' });
  const buttons = [];
  let value = current;
  const show = () => {
    for (const b of buttons) {
      const v = Number(b.dataset.value);
      b.classList.toggle('on', value !== null && value !== undefined && (v === 0 ? value === 0 : v <= value));
      b.setAttribute('aria-pressed', String(v === value));
    }
  };
  for (let v = min; v <= max + 1e-9; v += step) {
    const val = Math.round(v * 100) / 100;
    const half = step < 1 && Math.abs(val - Math.round(val)) > 1e-9;
    const shape = val === 0 ? 'zero' : step < 1 ? (half ? 'l' : 'r') : 'w';
    const b = el('button', {
      type: 'button', class: 'star ' + shape, 'data-value': val,
      'aria-label': `Rate ${val} star${val === 1 ? '' : 's'}`, tabindex: '-1',
    }, el('span', { 'aria-hidden': 'true' }, val === 0 ? '0' : '★'));
    b.addEventListener('click', async () => {
      const before = value;
      value = val;
      show();
      try {
        await onRate(val);
      } catch (e) {
        value = before;
        show();
      }
    });
    buttons.push(b);
    group.append(b);
  }
  const focusable = () => buttons.find((b) => b.getAttribute('aria-pressed') === 'true') || buttons[buttons.length - 1];
  group.addEventListener('keydown', (e) => {
    const i = buttons.indexOf(document.activeElement);
    if (i < 0) {
      return;
    }
    let j = i;
    if (e.key === 'ArrowRight' || e.key === 'ArrowUp') {
      j = Math.min(buttons.length - 1, i + 1);
    } else if (e.key === 'ArrowLeft' || e.key === 'ArrowDown') {
      j = Math.max(0, i - 1);
    } else if (e.key === 'Home') {
      j = 0;
    } else if (e.key === 'End') {
      j = buttons.length - 1;
    } else {
      return;
    }
    e.preventDefault();
    buttons[i].tabIndex = -1;
    buttons[j].tabIndex = 0;
    buttons[j].focus();
  });
  show();
  focusable().tabIndex = 0;
  group.setValue = (v) => {
    value = v;
    show();
  };
  return group;
}

/** A loading placeholder: shimmering tiles, announced once. */
export function loading(text) {
  return el('div', { class: 'state loading', role: 'status' },
    el('p', {}, text || 'Loading…'),
    el('ul', { class: 'scroller skeleton', 'aria-hidden': 'true' },
      Array.from({ length: 6 }, () => el('li', { class: 'tile' }, el('div', { class: 'art' })))));
}

export function empty(text, ...extra) {
  return el('div', { class: 'state empty' }, el('p', {}, text), ...extra);
}

/**
 * An error in words a person can act on, with a retry button; a 503 (a model reloading, the server busy)
 * retries by itself after the server's Retry-After.
 */
export function failure(err, retry) {
  const box = el('div', { class: 'state error', role: 'alert' });
  let headline = 'Something went wrong';
  if (err.status === 0) {
    headline = 'The server is not answering';
  } else if (err.status === 503) {
    headline = 'The service is busy or reloading its model';
  } else if (err.status === 404) {
    headline = 'Not found';
  } else if (err.status === 403 || err.status === 401) {
    headline = 'Not allowed';
  } else if (err.status === 429) {
    headline = 'Too many requests at once';
  } else if (err.status >= 400 && err.status < 500) {
    headline = 'The server did not accept that'; // bad input: its message says what and why
  }
  box.append(el('h2', {}, headline), el('p', {}, sentence(err.message || String(err))));
  if (retry && err.status !== 404) {
    box.append(el('button', { type: 'button', class: 'btn', onclick: retry }, 'Try again'));
    if (err.status === 503) {
      const wait = Math.min(30, Math.max(1, err.retryAfter || 2));
      box.append(el('p', { class: 'muted' }, `Trying again in ${wait} s…`));
      const timer = setTimeout(() => box.isConnected && retry(), wait * 1000);
      box.addEventListener('click', () => clearTimeout(timer), { once: true });
    }
  }
  return box;
}

let toastTimer = 0;

/** A short message at the bottom (announced politely), with an optional action such as Undo. */
export function toast(text, action, run) {
  const t = document.getElementById('toast');
  clearTimeout(toastTimer);
  put(t, el('span', {}, text),
    action ? el('button', { type: 'button', class: 'btn link', onclick: () => { t.classList.remove('show'); run(); } },
      action) : null);
  t.classList.add('show');
  toastTimer = setTimeout(() => t.classList.remove('show'), action ? 8000 : 3500);
}

/** Sets the page title and moves focus to the screen's heading (for keyboards and screen readers). */
export function titled(main, text) {
  document.title = text ? text + ' · cinerec' : 'cinerec';
  const h = main.querySelector('h1');
  if (h) {
    h.tabIndex = -1;
  }
}

// What the fields call an attribute and its values (any other name or value is shown as it is, capitalised).
const ATTRIBUTE_NAMES = { age: 'Age', gender: 'Gender', occupation: 'Occupation' };
const ATTRIBUTE_VALUES = { gender: { F: 'Female', M: 'Male' } };

/** An attribute's name in words: "age" is "Age". */
export function attributeName(name) {
  const n = String(name).toLowerCase();
  return Object.hasOwn(ATTRIBUTE_NAMES, n) ? ATTRIBUTE_NAMES[n] : sentence(name);
}

/** An attribute's value in words: an age's decade "30" is "30s" ("0" is "Under 10"), gender "F" is "Female". */
export function attributeText(name, value) {
  const v = String(value);
  if (/^age$/i.test(name) && /^\d+$/.test(v)) {
    const age = Number(v);
    return age === 0 ? 'Under 10' : age % 10 === 0 ? age + 's' : String(age);
  }
  const n = String(name).toLowerCase();
  const words = Object.hasOwn(ATTRIBUTE_VALUES, n) ? ATTRIBUTE_VALUES[n] : null;
  return words && Object.hasOwn(words, v) ? words[v] : sentence(v);
}

/**
 * Optional fields for what a viewer tells about themselves: a labelled select per attribute of `known` (a Map
 * of name -> known values), each first offering "Prefer not to say" (nothing told), with the viewer's `current`
 * values chosen (an age in years as its decade; a value no loaded model lists any more stays as a choice, so
 * saving does not drop it unseen). Ids start with `prefix`. The element's values() is what is chosen: name ->
 * value, the ones left blank left out.
 */
export function attributeFields(known, current, prefix) {
  const selects = [];
  const fields = [];
  let n = 0;
  for (const [name, values] of known) {
    const id = `${prefix}-${++n}`;
    const told = current && Object.hasOwn(current, name) && current[name] !== null ? String(current[name]) : '';
    let chosen = '';
    if (told) {
      const decade = /^age$/i.test(name) && /^\d+$/.test(told) ? String(Math.floor(Number(told) / 10) * 10) : null;
      chosen = values.find((v) => v === told) || values.find((v) => v.toLowerCase() === told.toLowerCase())
        || (decade !== null ? values.find((v) => v === decade) : undefined) || told;
    }
    const options = values.map((v) => el('option', { value: v, selected: v === chosen }, attributeText(name, v)));
    if (chosen && !values.includes(chosen)) {
      options.push(el('option', { value: chosen, selected: true }, attributeText(name, chosen)));
    }
    const select = el('select', { id, name, 'data-attribute': name },
      el('option', { value: '', selected: !chosen }, 'Prefer not to say'), options);
    selects.push(select);
    // a select of long words (occupations) takes the whole width, so that its words are not cut
    const longest = Math.max(0, ...options.map((o) => o.textContent.length));
    fields.push(el('div', { class: longest > 14 ? 'field wide' : 'field' },
      el('label', { for: id }, attributeName(name)), select));
  }
  const box = el('div', { class: 'about-fields' }, fields);
  box.values = () => {
    // fromEntries: own properties whatever the names (a name such as __proto__ stays a name)
    return Object.fromEntries(selects.filter((s) => s.value).map((s) => [s.dataset.attribute, s.value]));
  };
  return box;
}
