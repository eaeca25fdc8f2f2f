// The search page (/recherche/): collectivities first, from their own small Pagefind index, then
// actions, from the action bundles, once the collectivities are on screen.
//
// In: ?q= from the header's form (or this page's), the page's <form id="recherche"> whose
// data-actions lists the action bundles (see plugins/label_search). Out: collectivities in
// #recherche-resultats, actions in #recherche-resultats-actions, a count in the live region
// #recherche-etat, the query kept in the address (history.replaceState) so that a result list
// can be shared.
// Why two searches: on a phone over 4G every index file costs a round trip; the collectivity
// index is a tenth of the whole, so the collectivity a visitor names (by name, code or
// postcode) shows after a few small requests, and the action index is asked only then. Each
// list shows STEP results and fetches more only when asked (one request per result shown).
// A collectivity whose name, code or postcode equals the query comes first, then other
// collectivities whose name holds it, then those whose name is a few letters off the query
// (typo.js over the names index, label_search/names.py: Pagefind has no typo tolerance), then
// Pagefind's order; each once (label_search/documents.py stores the « cles », « resume » and
// « collectivite » meta values read here). The names index is fetched with the first query.
// When the query names collectivities exactly, their own actions come before the others'
// (filter « territoire »). A query that is exactly a code or postcode lists that collectivity
// and its actions only (filter « code »). The filters
// are folded behind one control and loaded when it is opened, so that on a phone the first
// result shows in the first screen and a search does not fetch them.
// Action pages carry no level nor edition filter (both change at every ceremony, and would
// re-index every action: issue #14): when one is picked, the page fetches once the codes of the
// collectivities of each level and edition (data-niveaux-editions, label_search/levels.py) and
// narrows the actions to those collectivities (filter « territoire »).
// No inline script, no eval: Pagefind only needs 'wasm-unsafe-eval' in the CSP.

const STEP = 8; // results shown per list and per « plus » (each costs one request)
const FILTERS = [
  ["type", "Type"],
  ["niveau", "Niveau actuel"],
  ["region", "Région"],
  ["departement", "Département"],
  ["edition", "Édition"],
];

const FEMININE = new Set(["region", "edition"]);

const form = document.getElementById("recherche");
const input = document.getElementById("q");
const status = document.getElementById("recherche-etat");
const filterBox = document.getElementById("recherche-filtres");
const refine = document.getElementById("recherche-affiner");
const lists = {
  places: box("recherche-collectivites", "recherche-resultats", "recherche-plus", "collectivité"),
  actions: box("recherche-actions", "recherche-resultats-actions", "recherche-actions-plus", "action"),
};
let pagefind = null; // Pagefind's module
let places = null; // the collectivity index
let actions = null; // the action bundles, merged: made at the first need
let labelCodes = null; // level and edition → collectivity codes: fetched at the first need
let typo = null; // typo.js (normalize, match, prepare)
let names = null; // the names index, prepared: fetched at the first query
let counter = 0;

function box(section, list, more, word) {
  const el = document.getElementById(section);
  return {
    section: el,
    count: el.querySelector(".recherche-compte"),
    list: document.getElementById(list),
    more: document.getElementById(more),
    word,
    pending: [],
  };
}

// Where a Pagefind result goes: 0 its name, code or postcode is the query, 1 its name holds
// the query as a word or begins with it, 3 the rest (2: the names a few letters off).
function tier(data, query) {
  const keys = (data.meta.cles || "").split("|").filter(Boolean);
  if (!keys.length || !query) return 3;
  if (keys.includes(query)) return 0;
  const name = ` ${keys[0]} `;
  return name.includes(` ${query} `) || keys[0].startsWith(query) ? 1 : 3;
}

// The names index, prepared once; null when it cannot be had (Pagefind alone then answers).
function loadNames() {
  if (!names) {
    names = fetch(form.dataset.noms)
      .then((response) => {
        if (!response.ok) throw new Error(`${response.status} ${response.url}`);
        return response.json();
      })
      .then((data) => typo.prepare(data));
    names.catch(() => { names = null; });
  }
  return names.catch(() => null);
}

// The collectivities the names index puts before Pagefind's order: { exact, typo }.
async function nameMatches(raw, filters) {
  const entries = typo.worth(raw) ? await loadNames() : null;
  return entries ? typo.match(entries, raw, filters, STEP) : { exact: [], typo: [], corrected: null };
}

function plural(count, word) {
  const n = count.toLocaleString("fr-FR");
  return `${n}\u00a0${count > 1 ? word + "s" : word}`;
}

// Codes and postcodes in a row (« 35238 35000 35200 35700. »): words for the index, not for
// a reader (label_search/documents.py puts them at the end of an action's indexed text).
const CODE_RUN = /(^|\s)(?:(?:<mark>)?[0-9][0-9AaBb][0-9]{3}(?:[0-9]{4})?(?:<\/mark>)?[\s.,;]*)+/g;

// Pagefind's excerpt is HTML with <mark>: keep its text and marks, nothing else.
function excerptNodes(html) {
  const template = document.createElement("template");
  template.innerHTML = html.replace(CODE_RUN, "$1").trim();
  const out = document.createDocumentFragment();
  for (const node of template.content.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(document.createTextNode(node.textContent));
    }
  }
  return out;
}

// An excerpt whose marked words are all codes (an action found by its collectivity's code)
// marks words no reader sees: the page's opening is shown instead.
function onlyCodes(html) {
  const marks = html.match(/<mark>[^<]*<\/mark>/g) || [];
  return marks.length > 0 && marks.every((m) => /[0-9][0-9AaBb][0-9]{3}/.test(m));
}

// The first words of a page's text after its title (shown just above), as plain text.
function opening(data) {
  const title = data.meta.title || "";
  let text = (data.content || "").trim();
  const at = title ? text.indexOf(title) : -1;
  if (at >= 0 && at < 60) text = text.slice(at + title.length).replace(/^[\s.]+/, "");
  const words = text.split(/\s+/).slice(0, 24).join(" ");
  return document.createTextNode(words ? `${words}…` : "");
}

function render(data) {
  const item = document.createElement("li");
  item.className = "resultat";
  const title = document.createElement("h3");
  const link = document.createElement("a");
  link.href = data.meta.url || data.url;
  link.textContent = data.meta.title || data.url;
  title.append(link);
  item.append(title);
  const kind = document.createElement("p");
  kind.className = "resultat-type";
  // An action says whose it is: three towns may each have a « Budget participatif en ligne ».
  const owner = data.meta.collectivite ? ` · ${data.meta.collectivite}` : "";
  kind.textContent = data.meta.resume || `Action${owner}`;
  item.append(kind);
  if (!data.meta.resume && data.excerpt) {
    const excerpt = document.createElement("p");
    excerpt.className = "resultat-extrait";
    excerpt.append(onlyCodes(data.excerpt) ? opening(data) : excerptNodes(data.excerpt));
    item.append(excerpt);
  }
  return item;
}

function selectedFilters() {
  const filters = {};
  for (const select of filterBox.querySelectorAll("select")) {
    if (select.value) filters[select.name] = select.value;
  }
  return filters;
}

// « 33 000 » → « 33000 », « 2A004 » → « 2a004 »: a code as the index files it.
function compact(text) {
  return text.replace(/\s+/g, "").toLowerCase();
}

// An INSEE code (« 33063 », « 2A004 »), a postcode or a SIREN, typed exactly.
const CODE = /^([0-9][0-9ab][0-9]{3}|[0-9]{9})$/;

// The action bundles as one index, made once (its first files load while the visitor types).
async function actionIndex() {
  if (!actions) {
    const bundles = (form.dataset.actions || "").split(" ").filter(Boolean);
    if (!bundles.length) return null;
    actions = pagefind.createInstance({ basePath: bundles[0] });
    await actions.options({ excerptLength: 24 });
    for (const path of bundles.slice(1)) await actions.mergeIndex(path);
  }
  await actions.init();
  return actions;
}

function clear(target) {
  target.list.replaceChildren();
  target.pending = [];
  target.seen = new Set();
  target.more.hidden = true;
  target.section.hidden = true;
}

// A collectivity of the names index, shown as Pagefind's result for it would be.
function entryData(entry) {
  return { url: entry.url, meta: { url: entry.url, title: entry.name, resume: entry.resume } };
}

function urlOf(data) {
  return data.meta.url || data.url;
}

// The first STEP results of ``searches`` (Pagefind's, one after the other, each once) in
// ``target``, with the names index's matches ``hits``: exact names and codes first, then
// names holding the query, then names a few letters off, then Pagefind's order. The rest wait
// for the « plus » button.
async function show(target, searches, query, hits = { exact: [], typo: [] }) {
  const results = unique(searches);
  const data = await Promise.all(results.slice(0, STEP).map((r) => r.data()));
  const rank = new Map();
  hits.exact.forEach((e) => rank.set(e.url, [0, 0]));
  hits.typo.forEach((e, k) => rank.set(e.url, [2, k]));
  const rows = data.map((d, i) => [...(rank.get(urlOf(d)) || [tier(d, query), i]), d]);
  const shown = new Set(data.map(urlOf));
  const extra = [...hits.exact, ...hits.typo].filter((e) => !shown.has(e.url));
  for (const entry of extra) rows.push([...rank.get(entry.url), entryData(entry)]);
  rows.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const total = results.length + extra.length;
  return () => {
    target.list.replaceChildren(...rows.map((row) => render(row[2])));
    target.seen = new Set(rows.map((row) => urlOf(row[2])));
    target.pending = results.slice(STEP);
    target.more.hidden = target.pending.length === 0;
    target.count.textContent = `(${total.toLocaleString("fr-FR")})`;
    target.section.hidden = total === 0;
    return total;
  };
}

// The results of several searches of one index, each page once, in order.
function unique(searches) {
  const ids = new Set();
  const out = [];
  for (const search of searches) {
    for (const result of search ? search.results : []) {
      if (!ids.has(result.id)) {
        ids.add(result.id);
        out.push(result);
      }
    }
  }
  return out;
}

async function showMore(target) {
  const step = target.pending.splice(0, STEP);
  const data = await Promise.all(step.map((r) => r.data()));
  for (const d of data) {
    if (target.seen.has(urlOf(d))) continue; // shown already, from the names index
    target.seen.add(urlOf(d));
    target.list.append(render(d));
  }
  target.more.hidden = target.pending.length === 0;
}

function summary(raw, counts, meant = null) {
  const found = [];
  if (counts.places) found.push(plural(counts.places, "collectivité"));
  if (counts.actions) found.push(plural(counts.actions, "action"));
  const typed = meant ? ` (vous avez tapé «\u00a0${raw}\u00a0»)` : "";
  const query = raw ? ` pour «\u00a0${meant || raw}\u00a0»${typed}` : ""; // no break inside « »
  if (!found.length) {
    return `Aucun résultat${query}. Essayez un autre nom, un code postal ou la liste des départements.`;
  }
  return `${found.join(" et ")}${query}.`;
}

// The query as an exact word (« "rennes" ») when it is one word and a collectivity's very
// name: Pagefind matches the stem of a last word as a prefix, and « Rennes » (stem « ren »)
// found « rendues » and « rendez-vous » on every page of the site. Null otherwise.
function exactWord(raw, hits) {
  const word = typo.normalize(raw);
  return hits && hits.exact.length && word && !word.includes(" ") ? `"${raw.replace(/"/g, "")}"` : null;
}

// The name searched for a slip that reads as a whole name (« Ajacio » → « Ajaccio »): as an
// exact word when it is one word, else its words. Null when nothing was corrected.
function correctedQuery(hits) {
  const name = hits && hits.corrected ? hits.corrected.name : null;
  if (!name) return null;
  return typo.normalize(name).includes(" ") ? name : `"${name.replace(/"/g, "")}"`;
}

// One query: the collectivities (the exact code first when it is one), shown as soon as they
// are known; then the actions (of that collectivity only, for an exact code; that
// collectivity's first, for its exact name).
async function run() {
  const raw = input.value.trim();
  const filters = selectedFilters();
  const url = new URL(window.location.href);
  if (raw) url.searchParams.set("q", raw); else url.searchParams.delete("q");
  window.history.replaceState(null, "", url);
  const mine = ++counter;
  if (!raw && !Object.keys(filters).length) {
    clear(lists.places);
    clear(lists.actions);
    status.textContent = "";
    return;
  }
  const code = CODE.test(compact(raw)) ? compact(raw) : null;
  const near = code ? null : nameMatches(raw, filters); // beside Pagefind's requests
  // The code as a word within the « code » filter: a search by filter alone would fetch every
  // index file of the bundle.
  let found = code ? await places.search(code, { filters: { ...filters, code } }) : null;
  const byCode = Boolean(found && found.results.length);
  const hits = near ? await near : undefined;
  const asked = byCode ? null : exactWord(raw, hits) || correctedQuery(hits);
  const meant = asked && hits.corrected ? hits.corrected.name : null;
  if (asked) found = await places.search(asked, { filters });
  if (!byCode && !(asked && found.results.length)) found = await places.search(raw || null, { filters });
  const fill = await show(lists.places, [found], byCode ? code : typo.normalize(meant || raw), hits);
  if (mine !== counter) return; // a newer query was typed meanwhile
  const placeCount = fill();
  lists.places.list.dataset.requete = raw; // lets a test know this list's results are in
  status.textContent = `${summary(raw, { places: placeCount }, meant)} Recherche des actions…`;
  // Whose actions come first: those of the collectivities named exactly, else of the nearest
  // name (« Ajacio »: Ajaccio's); for a code, that collectivity's only.
  const named = hits ? (hits.exact.length ? hits.exact : hits.typo.slice(0, 1)) : [];
  const owners = byCode ? null : named.map((e) => e.code.toLowerCase());
  const actionCount = await runActions(raw, asked || raw, filters, byCode && code, owners, mine);
  if (mine !== counter) return;
  status.textContent = summary(raw, { places: placeCount, actions: actionCount }, meant);
}

// Level and edition → the codes of those collectivities, fetched once (a failed fetch is
// tried again at the next query).
function fetchLabelCodes() {
  if (!labelCodes) {
    labelCodes = fetch(form.dataset.niveauxEditions).then((response) => {
      if (!response.ok) throw new Error(`${response.status} ${response.url}`);
      return response.json();
    });
    labelCodes.catch(() => { labelCodes = null; });
  }
  return labelCodes;
}

// The collectivity's filters as the action pages know them: a level or an edition becomes the
// codes of the collectivities that hold it (both: those that hold both); null when none does.
async function actionFilters(filters) {
  const { niveau, edition, ...stable } = filters;
  if (!niveau && !edition) return stable;
  const map = await fetchLabelCodes().catch(() => null);
  if (!map) return null; // the file did not load: no action is shown rather than all of them
  let codes = null;
  for (const [name, value] of [["niveau", niveau], ["edition", edition]]) {
    if (!value) continue;
    const these = (map[name] || {})[value] || [];
    const kept = codes && new Set(codes);
    codes = kept ? these.filter((c) => kept.has(c)) : these;
  }
  return codes.length ? { ...stable, territoire: { any: codes } } : null;
}

// The actions for the query (``raw`` as typed, ``query`` as asked): with ``code``, that
// collectivity's only; else those of the ``owners`` (the collectivities named) first, then
// the others, each once.
async function runActions(raw, query, filters, code, owners, mine) {
  const index = await actionIndex();
  const narrowed = index ? await actionFilters(filters) : null;
  if (!narrowed) { // a site without actions (a small dataset), or no collectivity of that level
    if (mine === counter) {
      clear(lists.actions);
      lists.actions.list.dataset.requete = raw;
    }
    return 0;
  }
  const options = { filters: code ? { ...narrowed, code } : narrowed };
  // An owner's code as a word within its « territoire » filter: only that word's index file.
  // A level or an edition picked narrows the owners too (``narrowed.territoire``).
  const room = narrowed.territoire ? new Set(narrowed.territoire.any) : null;
  const own = (owners || []).filter((c) => !room || room.has(c)).slice(0, 3)
    .map((c) => index.search(c, { filters: { ...narrowed, territoire: c } }));
  const searches = await Promise.all([...own, index.search(code || query || null, options)]);
  const fill = await show(lists.actions, searches, "");
  if (mine !== counter) return 0;
  const total = fill();
  lists.actions.list.dataset.requete = raw;
  return total;
}

// The filters' values come from the collectivity index, fetched the first time they are shown.
async function buildFilters() {
  const available = await places.filters();
  for (const [name, label] of FILTERS) {
    const values = available[name];
    if (!values || !Object.keys(values).length) continue;
    const wrap = document.createElement("p");
    const id = `filtre-${name}`;
    const lab = document.createElement("label");
    lab.htmlFor = id;
    lab.textContent = label;
    const select = document.createElement("select");
    select.id = id;
    select.name = name;
    // « Toutes » for the feminine ones (Région, Édition), « Tous » for the others.
    select.append(new Option(FEMININE.has(name) ? "Toutes" : "Tous", ""));
    const keys = Object.keys(values).sort((a, b) =>
      name === "edition" ? b.localeCompare(a) : a.localeCompare(b, "fr", { numeric: true }));
    for (const key of keys) select.append(new Option(`${key} (${values[key]})`, key));
    select.addEventListener("change", run);
    wrap.append(lab, select);
    filterBox.append(wrap);
  }
  const any = filterBox.querySelectorAll("select").length > 0;
  filterBox.dataset.etat = any ? "pret" : "vide";
}

function listen() {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  let timer = 0;
  input.addEventListener("input", () => {
    actionIndex(); // the action index's first files load while the visitor types
    if (typo.worth(input.value)) loadNames(); // and the names index, when it can help
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 250);
  });
  lists.places.more.addEventListener("click", () => showMore(lists.places));
  lists.actions.more.addEventListener("click", () => showMore(lists.actions));
  let filtersAsked = false;
  refine.addEventListener("toggle", () => {
    if (refine.open && !filtersAsked) {
      filtersAsked = true;
      buildFilters();
    }
  });
}

async function start() {
  try {
    [pagefind, typo] = await Promise.all([
      import("/pagefind/pagefind.js"),
      import(form.dataset.fautes), // its hashed URL, from the template
    ]);
    places = pagefind.createInstance({ basePath: "/pagefind/" });
    await places.options({ excerptLength: 24 });
    await places.init();
  } catch (error) {
    status.textContent = "La recherche est indisponible pour le moment. Parcourez les "
      + "collectivités par département ou par région.";
    document.getElementById("recherche-indisponible").hidden = false;
    refine.hidden = true;
    return;
  }
  listen();
  input.value = new URLSearchParams(window.location.search).get("q") || "";
  if (typo.worth(input.value)) loadNames(); // beside Pagefind's first requests
  form.dataset.pret = "1";
  if (input.value) await run();
}

start();
