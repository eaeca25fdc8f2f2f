// Typo tolerance for the search page: the names index (label_search/names.py) matched against
// what is typed. Pagefind matches whole words and prefixes only, so « Montpelier » found nothing.
//
// In: the names file's JSON and a query. Out: the collectivities whose name equals the query
// (« exact ») or is within a few edits of it (« typo »), nearest first. A plain ES module with
// no DOM, imported by search.js and by tests/js/typo.test.mjs (node --test).

// The same normalisation as label_data.reference.normalize_name (accents, case, hyphens and
// apostrophes dropped; « st » and « ste » read « saint » and « sainte »).
export function normalize(text) {
  return text
    .replace(/œ/g, "oe").replace(/Œ/g, "oe").replace(/æ/g, "ae").replace(/Æ/g, "ae")
    .toLowerCase()
    .normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, " ").trim()
    .replace(/\b(st|ste)\b/g, (m) => (m === "st" ? "saint" : "sainte"));
}

// Edits allowed for a query of this many letters: none under 5, one from 5, two from 8 (near
// Algolia's defaults, 4 and 8). Under 5 letters one edit reaches too many of 1,500 names
// (« Metz » → « Mets », « Meyzieu »'s « Metz »… « Sète » → « Sées », « Vire »), and Pagefind
// already finds those short names and prefixes exactly; from 8 letters two slips are common
// (« Montpelier » and a doubled letter elsewhere) and names seldom lie within two edits of
// each other at that length.
export function allowed(length) {
  if (length < 5) return 0;
  return length < 8 ? 1 : 2;
}

// Whether the names index is worth fetching for this query: a name with room for a slip (five
// letters or more), not a code (Pagefind answers codes and postcodes exactly). Keeps a short
// prefix or a postcode within the page's index budget (300 KB, scripts/bench_search.py).
export function worth(raw) {
  const query = normalize(raw).replace(/ /g, "");
  return allowed(query.length) > 0 && !/^[0-9]/.test(query);
}

// A name as label_search/names.py ``page_slug`` spells it in a URL.
export function slugOf(name) {
  return name
    .replace(/œ/g, "oe").replace(/Œ/g, "oe").replace(/æ/g, "ae").replace(/Æ/g, "ae")
    .toLowerCase()
    .normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

// Optimal string alignment distance (Damerau–Levenshtein restricted: each substring edited
// once): insertions, deletions, substitutions and transpositions of two adjacent letters each
// count one. Stops early and returns max + 1 once every alignment costs more than ``max``.
export function osa(a, b, max = Infinity) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = null; // row i - 2
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j); // row i - 1
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, before[j - 2] + 1);
      }
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    before = previous;
    previous = row;
  }
  return previous[b.length];
}

// The names file as entries ready to compare: the normalised name, its words of 4 letters or
// more, and what the page needs to show and filter a match.
export function prepare(data) {
  const values = data.filtres || {};
  const fields = ["type", "niveau", "departement", "region"];
  return (data.noms || []).map(([name, path, resume, ...rest]) => {
    const norm = normalize(name);
    const filters = {};
    fields.forEach((field, k) => {
      if (rest[k] >= 0) filters[field] = values[field][rest[k]];
    });
    return {
      name,
      norm,
      words: norm.split(" ").filter((w) => w.length >= 4),
      url: `${data.base}${path.includes("-") ? path : `${slugOf(name)}-${path}`}/`,
      code: path.slice(path.lastIndexOf("-") + 1),
      resume,
      level: parseInt(filters.niveau || "0", 10),
      filters,
      editions: (rest[fields.length] || "").split(" "),
    };
  });
}

// How near the query is to the name: [distance, how] with ``how`` 0 for the whole name, 1 for
// one of its words, 2 for its beginning (« montpeli » while typing « Montpellier »: the
// prefixes one letter shorter or longer than the query too); a distance of max + 1 when none
// is within ``max``. A whole name comes before a word or a beginning at the same distance:
// « Montpelier » is Montpellier before Montpellier Méditerranée Métropole.
function nearest(entry, query, max) {
  let best = [osa(query, entry.norm, max), 0];
  const better = (distance, how) => {
    if (distance < best[0]) best = [distance, how];
  };
  if (query.length >= 4) {
    for (const word of entry.words) better(osa(query, word, Math.min(best[0], max)), 1);
  }
  if (query.length >= 5 && entry.norm.length > query.length) {
    for (const n of [query.length - 1, query.length, query.length + 1]) {
      better(osa(query, entry.norm.slice(0, n), Math.min(best[0], max)), 2);
    }
  }
  return best;
}

function keeps(entry, filters) {
  for (const [name, value] of Object.entries(filters)) {
    if (name === "edition" ? !entry.editions.includes(value) : entry.filters[name] !== value) {
      return false;
    }
  }
  return true;
}

// The entries whose name is the query (« exact », all of them: two towns may share a name),
// and, when none is, those within ``allowed`` edits of it (« typo »), nearest first, then the
// whole name before a word or a beginning, then the higher level, then the shorter name; at most ``limit`` of them. Filters (the page's
// selects) apply as Pagefind's would. An exact word or prefix is not a typo: Pagefind finds it.
export function match(entries, raw, filters = {}, limit = 8) {
  const query = normalize(raw);
  const kept = entries.filter((e) => keeps(e, filters));
  const exact = kept.filter((e) => e.norm === query || e.norm.replace(/ /g, "") === query.replace(/ /g, ""));
  const max = allowed(query.replace(/ /g, "").length);
  if (exact.length || max === 0) return { exact, typo: [], corrected: null };
  const near = [];
  for (const entry of kept) {
    const [distance, how] = nearest(entry, query, max);
    if (distance > 0 && distance <= max) near.push({ entry, distance, how });
  }
  near.sort((a, b) => a.distance - b.distance || a.how - b.how || b.entry.level - a.entry.level
    || a.entry.norm.length - b.entry.norm.length || (a.entry.norm < b.entry.norm ? -1 : 1));
  // A whole name one or two slips away reads as what was meant (« Ajacio »: Ajaccio): the page
  // searches that name instead of the slip, which Pagefind's stemming and prefixes would match
  // on half the site (« ajacio » found every « à »).
  const corrected = near.length && near[0].how === 0 ? near[0].entry : null;
  return { exact, typo: near.slice(0, limit).map((n) => n.entry), corrected };
}
