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
// collectivities whose name holds it, then Pagefind's order (label_search/index.py stores the
// « cles », « resume » and « collectivite » meta values read here). A query that is exactly a
// code or postcode lists that collectivity and its actions only (filter « code »). The filters
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

// The same normalisation as label_data.reference.normalize_name.
function normalize(text) {
  return text
    .replace(/œ/g, "oe").replace(/Œ/g, "oe").replace(/æ/g, "ae").replace(/Æ/g, "ae")
    .toLowerCase()
    .normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, " ").trim()
    .replace(/\b(st|ste)\b/g, (m) => (m === "st" ? "saint" : "sainte"));
}

function tier(data, query) {
  const keys = (data.meta.cles || "").split("|").filter(Boolean);
  if (!keys.length || !query) return 2;
  if (keys.includes(query)) return 0;
  const name = ` ${keys[0]} `;
  return name.includes(` ${query} `) || keys[0].startsWith(query) ? 1 : 2;
}

function plural(count, word) {
  const n = count.toLocaleString("fr-FR");
  return `${n}\u00a0${count > 1 ? word + "s" : word}`;
}

// Pagefind's excerpt is HTML with <mark>: keep its text and marks, nothing else.
function excerptNodes(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
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
  const owner = data.meta.collectivite ? ` · ${data.meta.collectivite}` : "";
  kind.textContent = data.meta.resume || `Action${owner}`;
  item.append(kind);
  if (!data.meta.resume && data.excerpt) {
    const excerpt = document.createElement("p");
    excerpt.className = "resultat-extrait";
    excerpt.append(excerptNodes(data.excerpt));
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
  target.more.hidden = true;
  target.section.hidden = true;
}

// The first STEP results of ``search`` in ``target``, the best match first; the rest wait for
// the « plus » button.
async function show(target, search, query) {
  const head = search.results.slice(0, STEP);
  const data = await Promise.all(head.map((r) => r.data()));
  const order = data.map((d, i) => [tier(d, query), i]);
  order.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return () => {
    target.list.replaceChildren(...order.map(([, i]) => render(data[i])));
    target.pending = search.results.slice(STEP);
    target.more.hidden = target.pending.length === 0;
    target.count.textContent = `(${search.results.length.toLocaleString("fr-FR")})`;
    target.section.hidden = search.results.length === 0;
  };
}

async function showMore(target) {
  const step = target.pending.splice(0, STEP);
  const data = await Promise.all(step.map((r) => r.data()));
  for (const d of data) target.list.append(render(d));
  target.more.hidden = target.pending.length === 0;
}

function summary(raw, counts) {
  const found = [];
  if (counts.places) found.push(plural(counts.places, "collectivité"));
  if (counts.actions) found.push(plural(counts.actions, "action"));
  const query = raw ? ` pour «\u00a0${raw}\u00a0»` : ""; // no line break inside « »
  if (!found.length) {
    return `Aucun résultat${query}. Essayez un autre nom, un code postal ou la liste des départements.`;
  }
  return `${found.join(" et ")}${query}.`;
}

// One query: the collectivities (the exact code first when it is one), shown as soon as they
// are known; then the actions (of that collectivity only, for an exact code).
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
  // The code as a word within the « code » filter: a search by filter alone would fetch every
  // index file of the bundle.
  let found = code ? await places.search(code, { filters: { ...filters, code } }) : null;
  const byCode = Boolean(found && found.results.length);
  if (!byCode) found = await places.search(raw || null, { filters });
  const fill = await show(lists.places, found, byCode ? code : normalize(raw));
  if (mine !== counter) return; // a newer query was typed meanwhile
  fill();
  lists.places.list.dataset.requete = raw; // lets a test know this list's results are in
  status.textContent = `${summary(raw, { places: found.results.length })} Recherche des actions…`;
  const counts = { places: found.results.length, actions: await runActions(raw, filters, byCode && code, mine) };
  if (mine !== counter) return;
  status.textContent = summary(raw, counts);
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

async function runActions(raw, filters, code, mine) {
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
  const found = await index.search(code || raw || null, options);
  const fill = await show(lists.actions, found, "");
  if (mine !== counter) return 0;
  fill();
  lists.actions.list.dataset.requete = raw;
  return found.results.length;
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
    select.append(new Option("Tous", ""));
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
    pagefind = await import("/pagefind/pagefind.js");
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
  form.dataset.pret = "1";
  if (input.value) await run();
}

start();
