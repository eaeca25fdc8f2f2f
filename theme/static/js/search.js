// The search page (/recherche/): queries the Pagefind bundle the build writes in /pagefind/.
//
// In: ?q= from the header's form (or this page's), the page's <form id="recherche">.
// Out: the results in #recherche-resultats, a count in the live region #recherche-etat,
// the query kept in the address (history.replaceState) so that a result list can be shared.
// A collectivity whose name, code or postcode equals the query comes first, then other
// collectivities whose name holds it, then Pagefind's own order (see label_search/index.py,
// which stores the « cles », « resume » and « collectivite » meta values read here). A query
// that is exactly a code or postcode lists that collectivity and its actions only (filter
// « code »). The filters are folded behind one control, so that on a phone the first result
// shows in the first screen.
// No inline script, no eval: Pagefind only needs 'wasm-unsafe-eval' in the CSP.

const PAGE = 30; // results shown per step
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
const list = document.getElementById("recherche-resultats");
const more = document.getElementById("recherche-plus");
const filterBox = document.getElementById("recherche-filtres");
let pagefind = null;
let shown = [];
let pending = [];
let counter = 0;

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
  if (!keys.length) return 2;
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
  const title = document.createElement("h2");
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

async function showMore() {
  const step = pending.splice(0, PAGE);
  const data = await Promise.all(step.map((r) => r.data()));
  for (const d of data) list.append(render(d));
  shown = shown.concat(data);
  more.hidden = pending.length === 0;
}

// « 33 000 » → « 33000 », « 2A004 » → « 2a004 »: a code as the index files it.
function compact(text) {
  return text.replace(/\s+/g, "").toLowerCase();
}

// An INSEE code (« 33063 », « 2A004 »), a postcode or a SIREN, typed exactly.
const CODE = /^([0-9][0-9ab][0-9]{3}|[0-9]{9})$/;

// A query that is exactly a code: the pages filed under it (the collectivity, then its
// actions) rather than every page that happens to hold the number. null: not a code, or no
// collectivity has it (then the ordinary search runs).
async function codeSearch(raw, filters) {
  const code = compact(raw);
  if (!CODE.test(code)) return null;
  const found = await pagefind.search(null, { filters: { ...filters, code } });
  return found.results.length ? found : null;
}

async function run() {
  const raw = input.value.trim();
  const filters = selectedFilters();
  const url = new URL(window.location.href);
  if (raw) url.searchParams.set("q", raw); else url.searchParams.delete("q");
  window.history.replaceState(null, "", url);
  const mine = ++counter;
  if (!raw && !Object.keys(filters).length) {
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "";
    return;
  }
  const byCode = raw ? await codeSearch(raw, filters) : null;
  const search = byCode || await pagefind.search(raw || null, { filters });
  if (mine !== counter) return; // a newer query was typed meanwhile
  const query = byCode ? compact(raw) : normalize(raw);
  // Rank the first results by how well a collectivity matches, then in Pagefind's order.
  // One collectivity's pages are few: all of them are ranked, so that it comes first even
  // when Pagefind lists some of its many actions before it.
  const size = byCode ? search.results.length : PAGE;
  const head = search.results.slice(0, size);
  const data = await Promise.all(head.map((r) => r.data()));
  if (mine !== counter) return;
  const order = data.map((d, i) => [query ? tier(d, query) : 2, i]);
  order.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  list.replaceChildren(...order.map(([, i]) => render(data[i])));
  shown = data;
  pending = search.results.slice(size);
  more.hidden = pending.length === 0;
  const total = search.results.length;
  status.textContent = total
    ? `${plural(total, "résultat")}${raw ? ` pour « ${raw} »` : ""}.`
    : `Aucun résultat${raw ? ` pour « ${raw} »` : ""}. Essayez un autre nom, un code postal ou la liste des départements.`;
  list.dataset.requete = raw; // lets a test know this query's results are in
}

async function buildFilters() {
  const available = await pagefind.filters();
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
  // The fieldset keeps its room from the first paint (no layout shift); it only shows now.
  const any = filterBox.querySelectorAll("select").length > 0;
  filterBox.dataset.etat = any ? "pret" : "vide";
  document.getElementById("recherche-affiner").hidden = !any;
}

async function start() {
  try {
    pagefind = await import("/pagefind/pagefind.js");
    await pagefind.options({ excerptLength: 24 });
    // Actions live in bundles of their own (see plugins/label_search): merged here.
    for (const path of (form.dataset.index || "").split(" ").filter(Boolean)) {
      await pagefind.mergeIndex(path);
    }
    await pagefind.init();
  } catch (error) {
    status.textContent = "La recherche est indisponible pour le moment. Parcourez les "
      + "collectivités par département ou par région.";
    document.getElementById("recherche-indisponible").hidden = false;
    return;
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  let timer = 0;
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 250);
  });
  more.addEventListener("click", showMore);
  input.value = new URLSearchParams(window.location.search).get("q") || "";
  await buildFilters();
  form.dataset.pret = "1";
  if (input.value) await run();
}

start();
