// What the function remembers between ticks, in one JSON value of a Netlify Blobs store.
//
// In: a store with the two methods of @netlify/blobs' Store this file uses, `get(key, {type:
// "json"})` and `setJSON(key, value)` (the real one on Netlify, an in-memory fake in tests).
// Out: the state below, always well formed (a missing, old or damaged value reads as empty),
// and the updates made to it:
//   {"demandes": ["2027-02-02T10:00:03.120Z", …],          // build requests this function sent
//    "suivies": {"/palmares/2027/ 1801994400000":          // pages it asked for, by instant
//                 {"nom": "palmarès 2027", "page": "/palmares/2027/",
//                  "instant": "2027-02-02T10:00:00.000Z", "vue": "2027-02-02T10:03:40.000Z"}}}
// `vue` is when a tick first found the page live. A page seen live and missing again means
// staff published an older deploy (a rollback): the function must then not bring it back.
//
// Why a site-wide store and one key: the memory must outlive deploys (the deploy that asks is
// not the one that publishes), and one small value read once per tick is simple and cheap.

export const STORE_NAME = "publication-a-l-embargo";
export const KEY = "etat";
const KEEP_MS = 48 * 60 * 60 * 1000; // past a day after its instant nothing is asked any more

/** A page at an instant: a new instant for the same page is a new publication. */
export function keyOf(entry) {
  return `${entry.page} ${entry.instant}`;
}

/** The state from whatever the store held. */
export function normalise(raw) {
  const state = { demandes: [], suivies: {} };
  if (!raw || typeof raw !== "object") return state;
  if (Array.isArray(raw.demandes)) {
    state.demandes = raw.demandes.filter((at) => !Number.isNaN(Date.parse(at)));
  }
  if (raw.suivies && typeof raw.suivies === "object") {
    for (const [key, item] of Object.entries(raw.suivies)) {
      const usable =
        item && typeof item.page === "string" && !Number.isNaN(Date.parse(item.instant));
      if (usable) state.suivies[key] = { ...item, vue: item.vue ?? null };
    }
  }
  return state;
}

/** The requests sent, as epoch milliseconds. */
export function askTimes(state) {
  return state.demandes.map((at) => Date.parse(at));
}

/** The followed item for `entry`, or undefined. */
export function followed(state, entry) {
  return state.suivies[keyOf(entry)];
}

function follow(state, entry) {
  const key = keyOf(entry);
  state.suivies[key] ??= {
    nom: entry.nom,
    page: entry.page,
    instant: new Date(entry.instant).toISOString(),
    vue: null,
  };
  return state.suivies[key];
}

/** A request sent at `now` for `entries`. */
export function recordAsk(state, now, entries) {
  state.demandes.push(new Date(now).toISOString());
  for (const entry of entries) follow(state, entry);
}

/** `entry`'s page found live at `now`; true when that is news (the state changed). */
export function recordSeen(state, now, entry) {
  const item = follow(state, entry);
  if (item.vue) return false;
  item.vue = new Date(now).toISOString();
  return true;
}

/** Forget what no tick can use any more (older than two days). */
export function prune(state, now) {
  state.demandes = state.demandes.filter((at) => now - Date.parse(at) < KEEP_MS);
  for (const [key, item] of Object.entries(state.suivies)) {
    if (now - Date.parse(item.instant) >= KEEP_MS) delete state.suivies[key];
  }
}
