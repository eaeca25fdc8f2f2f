// One tick of the embargo scheduler: what it checks, whether it asks for a build, what it says.
//
// In (all injected, so tests fake the clock, the network and the memory):
//   schedule  {entries, problems} from schedule.mjs (entries: {nom, instant, iso, page})
//   now       the current Date
//   siteUrl   the live site's address; hookUrl the build hook's (BUILD_HOOK_URL), or empty
//   fetchImpl `fetch`; store a Netlify Blobs store (or null, with storeNote saying why)
//   followUp  also look at pages asked for by an earlier deploy (first tick of a new one)
//   log       one call per French line, each starting « [publication à l’embargo] »
// Out: the lines, at most one POST to the build hook, and a summary for tests:
//   {asked, outcome, memory: "oui" | "non", lines}.
//
// The rule for asking is in asks.mjs, the memory in memory.mjs. Lines say only what happened:
// « construction demandée » only after this function's own POST, with its time in Paris time.
// The off switch is deleting the build hook in Netlify's interface: the POST then answers 404
// and the line says that automatic publication is stopped and how to restore it.

import { dueWithMemory, dueWithoutMemory, FIRST_WINDOW_MS, GIVE_UP_MS, nextSlot } from "./asks.mjs";
import { ago, countdown, duration, parisInstant, spaced, unit } from "./french.mjs";
import * as memory from "./memory.mjs";
import { askBuild, pageState, reason, TIMEOUTS, withTimeout } from "./network.mjs";

export const PREFIX = "[publication à l’embargo]";
const RULE_WITHOUT_MEMORY =
  `demande à chaque passage pendant les ${duration(FIRST_WINDOW_MS)} qui suivent l’instant, ` +
  "puis au premier passage des minutes 5, 15 et 30 et de chaque heure ; un retour arrière " +
  "n’est pas reconnu";
const BY_HAND = "Deploys → Trigger deploy → Deploy project";

/** The entries by state at `now`: waiting (before), due (within a day), stale (later). */
export function sortEntries(entries, now) {
  const sorted = { waiting: [], due: [], stale: [] };
  for (const entry of entries) {
    const elapsed = now - entry.instant;
    const group = elapsed < 0 ? "waiting" : elapsed < GIVE_UP_MS ? "due" : "stale";
    sorted[group].push(entry);
  }
  return sorted;
}

/** « palmarès 2027, actualité « … » ». */
function names(entries) {
  return entries.map((e) => e.nom).join(", ");
}

function sayWaitingAndStale({ waiting, stale }, now, say) {
  for (const e of waiting) {
    const when = `${parisInstant(e.instant)}, ${countdown(e.instant - now)}`;
    say(`${e.nom} : publication prévue le ${when}.`);
  }
  for (const e of stale) {
    say(
      `ERREUR : ${e.nom} : publication prévue le ${parisInstant(e.instant)}, il y a ` +
        `plus de ${unit(24, "heure")}, et le déploiement en ligne a été construit avant : ` +
        "la fonction ne demande plus de construction. Si la page " +
        `${e.page} doit paraître, lancez la construction à la main (${BY_HAND}).`,
    );
  }
}

/** The memory's state, or {problem} when it cannot be read (then the tick runs without it). */
async function readMemory(store, ms) {
  try {
    const raw = await withTimeout(() => store.get(memory.KEY, { type: "json" }), ms);
    return { state: memory.normalise(raw) };
  } catch (error) {
    return { problem: reason(error) };
  }
}

/** Write the state; an ERREUR line and false when that fails. */
async function writeMemory(store, state, now, ms, say) {
  memory.prune(state, now);
  try {
    await withTimeout(() => store.setJSON(memory.KEY, state), ms);
    return true;
  } catch (error) {
    say(`ERREUR : mémoire entre passages (Netlify Blobs) non enregistrée (${reason(error)}).`);
    return false;
  }
}

/** The live pages of `due`; the others, with their state, left for a request. */
function triage(due, states, mem, now, say) {
  const pending = [];
  let changed = false;
  due.forEach((e, i) => {
    const { state, detail } = states[i];
    const when = `publication prévue le ${parisInstant(e.instant)}, ${ago(now - e.instant)}`;
    if (state === "live") {
      say(`${e.nom} : ${e.page} est en ligne : rien à faire.`);
      if (mem.state) changed = memory.recordSeen(mem.state, now, e) || changed;
      return;
    }
    const seen = mem.state && memory.followed(mem.state, e)?.vue;
    if (seen) {
      say(
        `${e.nom} : ${e.page} était en ligne (vue le ${parisInstant(Date.parse(seen))}) ` +
          "et manque maintenant : un déploiement plus ancien a été publié (retour " +
          "arrière). Aucune construction demandée. Pour la publier de nouveau : " +
          `${BY_HAND}, après « Start auto publishing » si la publication automatique ` +
          "a été verrouillée.",
      );
      return;
    }
    if (state === "absent")
      say(`${e.nom} : ${when} ; ${e.page} pas encore en ligne (réponse 404).`);
    else {
      say(
        `ERREUR : ${e.nom} : ${when} ; état de ${e.page} inconnu (${detail}) : ` +
          "page traitée comme absente (une construction après l’instant est sans risque).",
      );
    }
    pending.push(e);
  });
  return { pending, changed };
}

/** The line for a POST's result. */
function sayAsked(result, pending, now, say) {
  const what = names(pending);
  const next = nextAsk(pending, now);
  const retry = next ? ` ; nouvelle demande le ${parisInstant(next)} si la page manque encore` : "";
  if (result.outcome === "ok") {
    say(
      `construction demandée (réponse ${result.status} du build hook) le ` +
        `${parisInstant(now)} pour : ${what}. La page paraît quand ce déploiement est ` +
        "publié (voir Deploys).",
    );
  } else if (result.outcome === "absent") {
    say(
      "ERREUR : le build hook n’existe plus (réponse 404) : publication automatique " +
        "arrêtée ; pour la rétablir, créez un build hook sur la branche de production, " +
        "mettez son adresse dans la variable BUILD_HOOK_URL (portée Functions) puis " +
        `redéployez. Pas de construction pour : ${what}.`,
    );
  } else if (result.outcome === "refus") {
    const status = result.status;
    say(`ERREUR : le build hook a répondu ${status} : pas de construction pour : ${what}${retry}.`);
  } else {
    const unsure = result.timeout ? " ; la demande est peut-être arrivée : voyez Deploys" : "";
    say(`ERREUR : build hook injoignable (${result.detail})${unsure} ; pour : ${what}${retry}.`);
  }
}

/** The earliest next slot among `pending`, as an instant, or null past a day. */
function nextAsk(pending, now) {
  const slots = pending
    .map((e) => nextSlot(now - e.instant))
    .map((slot, i) => (slot === null ? null : pending[i].instant + slot))
    .filter((at) => at !== null);
  return slots.length ? Math.min(...slots) : null;
}

/** The line when this tick does not ask: honest about what the function knows. */
function sayNotAsking(pending, now, mem, say) {
  const next = nextAsk(pending, now);
  const then = next
    ? `prochaine demande le ${parisInstant(next)} si la page manque encore`
    : "plus de demande automatique";
  const last = mem.state ? Math.max(...memory.askTimes(mem.state)) : null;
  if (last && last > 0) {
    say(
      `${names(pending)} : pas encore en ligne ; construction demandée par cette ` +
        `fonction le ${parisInstant(last)}, ${ago(now - last)} ; ${then}.`,
    );
  } else {
    say(
      `${names(pending)} : pas encore en ligne ; pas de demande à ce passage (sans ` +
        "mémoire, la fonction ne sait pas si un passage précédent en a fait une : voyez " +
        `Deploys) ; ${then}.`,
    );
  }
}

/** Ask for one build for every pending entry when the rule says so. */
async function maybeAsk({ pending, now, hookUrl, fetchImpl, store, mem, timeouts, say }) {
  if (!hookUrl) {
    say(
      `ERREUR : ${names(pending)} à publier, mais la variable BUILD_HOOK_URL n’est pas ` +
        "définie pour les fonctions (portée Functions ; redéployez après l’avoir " +
        `définie) : rien n’est demandé. Lancez la construction à la main (${BY_HAND}).`,
    );
    return { asked: false, wrote: false };
  }
  let want = mem.state
    ? pending.some((e) => dueWithMemory(e.instant, now, memory.askTimes(mem.state)))
    : pending.some((e) => dueWithoutMemory(now - e.instant));
  let wrote = false;
  if (want && mem.state) {
    // Written before the POST: if the memory cannot keep it, the next tick would ask again,
    // so this tick falls back to the rule without memory, which is bounded on its own.
    memory.recordAsk(mem.state, now, pending);
    wrote = await writeMemory(store, mem.state, now, timeouts.memory, say);
    if (!wrote) {
      mem.state = null;
      want = pending.some((e) => dueWithoutMemory(now - e.instant));
    }
  }
  if (!want) {
    sayNotAsking(pending, now, mem, say);
    return { asked: false, wrote };
  }
  const title = `Publication à l’embargo : ${names(pending)}`;
  const result = await askBuild(fetchImpl, hookUrl, title, timeouts.hook);
  sayAsked(result, pending, now, say);
  return { asked: true, outcome: result.outcome, wrote };
}

/** Pages an earlier deploy asked for, now live: recorded, so that a rollback is recognised. */
async function followUpPages({ entries, now, siteUrl, fetchImpl, store, mem, timeouts, say }) {
  const listed = new Set(entries.map(memory.keyOf));
  const open = Object.entries(mem.state.suivies)
    .filter(([key, item]) => !item.vue && !listed.has(key) && Date.parse(item.instant) <= now)
    .map(([, item]) => ({ ...item, instant: Date.parse(item.instant) }));
  if (open.length === 0) return;
  const states = await Promise.all(
    open.map((e) => pageState(fetchImpl, siteUrl, e.page, timeouts.page)),
  );
  let changed = false;
  open.forEach((e, i) => {
    if (states[i].state !== "live") return;
    memory.recordSeen(mem.state, now, e);
    changed = true;
    say(
      `${e.nom} : ${e.page} est en ligne (constaté le ${parisInstant(now)}, ` +
        `${duration(now - e.instant)} après l’instant prévu).`,
    );
  });
  if (changed) await writeMemory(store, mem.state, now, timeouts.memory, say);
}

/** The memory for this tick, with the line that says when it is missing. */
async function memoryFor(store, storeNote, due, timeouts, say) {
  if (!store) {
    if (due.length) {
      const why = storeNote || "non fournie";
      say(`mémoire entre passages absente (${why}) : règle sans mémoire (${RULE_WITHOUT_MEMORY}).`);
    }
    return {};
  }
  const mem = await readMemory(store, timeouts.memory);
  if (mem.problem && due.length) {
    say(
      `ERREUR : mémoire entre passages (Netlify Blobs) illisible (${mem.problem}) : ` +
        `règle sans mémoire pour ce passage (${RULE_WITHOUT_MEMORY}).`,
    );
  }
  return mem;
}

/** One tick; see the header for what goes in and out. */
export async function tick({
  schedule,
  now,
  siteUrl,
  hookUrl,
  fetchImpl,
  store = null,
  storeNote = "",
  followUp = false,
  log = console.log,
  timeouts = TIMEOUTS,
}) {
  const lines = [];
  const say = (line) => {
    const text = `${PREFIX} ${spaced(line)}`;
    lines.push(text);
    log(text);
  };
  const at = now.getTime();
  for (const problem of schedule.problems) say(problem);
  if (schedule.entries.length === 0 && schedule.problems.length === 0) {
    say("aucune publication en attente dans ce déploiement : rien à faire.");
  }
  const sorted = sortEntries(schedule.entries, at);
  sayWaitingAndStale(sorted, at, say);
  const { due } = sorted;
  if (due.length === 0 && !(followUp && store)) return { asked: false, memory: "non", lines };

  // The memory is read while the pages are checked: one delay, not two.
  const [mem, states] = await Promise.all([
    memoryFor(store, storeNote, due, timeouts, say),
    Promise.all(due.map((e) => pageState(fetchImpl, siteUrl, e.page, timeouts.page))),
  ]);
  const context = {
    entries: schedule.entries,
    now: at,
    siteUrl,
    hookUrl,
    fetchImpl,
    store,
    mem,
    timeouts,
    say,
  };
  if (due.length === 0) {
    if (mem.state) await followUpPages(context);
    return { asked: false, memory: mem.state ? "oui" : "non", lines };
  }
  const { pending, changed } = triage(due, states, mem, at, say);
  if (pending.length === 0) {
    if (changed) await writeMemory(store, mem.state, at, timeouts.memory, say);
    return { asked: false, memory: mem.state ? "oui" : "non", lines };
  }
  const { wrote, ...result } = await maybeAsk({ ...context, pending });
  // A page found live for the first time is news to keep even when nothing was asked.
  if (changed && mem.state && !wrote) await writeMemory(store, mem.state, at, timeouts.memory, say);
  return { ...result, memory: mem.state ? "oui" : "non", lines };
}
