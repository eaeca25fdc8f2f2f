// What the embargo scheduler does on one tick, and why, with its clock and network injected.
//
// In: the editions still under embargo when the live deploy was built ({annee, embargo} with
// embargo an ISO instant), the current instant, the site's address, the build hook's address,
// and `fetch`. Out: at most one POST to the build hook, and French log lines for staff (read in
// Netlify's function log). The decision table is in docs/ceremonie.md.
//
// Why no stored state: a build is asked for only in the first minute of each ten-minute slot
// counted from the embargo instant (0, 10, 20… minutes after). The scheduler runs once a minute,
// so at most one tick falls in a slot: at most one build every ten minutes, with nothing to
// remember between invocations (Netlify Blobs would need the network in tests). Once a build
// started after the instant is published, the new deploy's schedule no longer lists the
// edition, and the function falls silent by itself.

export const SLOT_MS = 10 * 60 * 1000; // at most one build asked for per ten minutes
export const TICK_MS = 60 * 1000; // the scheduler's period: "* * * * *"
export const GIVE_UP_MS = 24 * 60 * 60 * 1000; // past a day, staff decide by hand
const PREFIX = "[publication à l’embargo]";

/** Minutes and seconds in French: « 3 min 05 s ». */
export function duration(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h ? `${h} h ${String(m).padStart(2, "0")} min` : `${m} min ${s} s`;
}

/** The editions whose instant has passed, less than a day ago; the others, by state. */
export function sortEditions(editions, now) {
  const due = [];
  const waiting = [];
  const stale = [];
  for (const edition of editions) {
    const elapsed = now.getTime() - Date.parse(edition.embargo);
    if (elapsed < 0) waiting.push({ ...edition, elapsed });
    else if (elapsed >= GIVE_UP_MS) stale.push({ ...edition, elapsed });
    else due.push({ ...edition, elapsed });
  }
  return { due, waiting, stale };
}

/** True when this tick is the first one of a ten-minute slot after the instant. */
export function inFirstTickOfSlot(elapsed) {
  return elapsed % SLOT_MS < TICK_MS;
}

/** "live", "absent" or "inconnu" for /palmares/<année>/ on the live site. */
export async function pageState(fetchImpl, siteUrl, annee, now) {
  if (!siteUrl) return "inconnu";
  // A query string no CDN has cached: the answer is the deploy's, not a cached 404.
  const url = `${siteUrl.replace(/\/$/, "")}/palmares/${annee}/?verif=${now.getTime()}`;
  try {
    const response = await fetchImpl(url, { method: "HEAD", redirect: "manual" });
    if (response.status === 200) return "live";
    if (response.status === 404) return "absent";
    return "inconnu";
  } catch {
    return "inconnu";
  }
}

/** One tick. Returns what was decided: "rien", "attente" or "construction". */
export async function tick({ editions, now, siteUrl, hookUrl, fetchImpl, log }) {
  const say = (line) => log(`${PREFIX} ${line}`);
  if (!editions || editions.length === 0) {
    say("aucune édition sous embargo dans ce déploiement : rien à faire.");
    return "rien";
  }
  const { due, waiting, stale } = sortEditions(editions, now);
  for (const e of waiting) say(`${e.annee} : sous embargo encore ${duration(-e.elapsed)}.`);
  for (const e of stale) {
    say(
      `${e.annee} : embargo levé depuis plus d’un jour et ce déploiement date d’avant : ` +
        "plus de construction automatique, déclenchez-la à la main.",
    );
  }
  if (due.length === 0) return "rien";
  if (!hookUrl) {
    say(
      `ERREUR : ${due.map((e) => e.annee).join(", ")} à publier, mais la variable ` +
        "BUILD_HOOK_URL n’est pas définie (portée Functions) : rien n’est déclenché. " +
        "Déclenchez la construction à la main.",
    );
    return "rien";
  }
  return await triggerIfNeeded({ due, now, siteUrl, hookUrl, fetchImpl, say });
}

async function triggerIfNeeded({ due, now, siteUrl, hookUrl, fetchImpl, say }) {
  const pending = [];
  for (const e of due) {
    const state = await pageState(fetchImpl, siteUrl, e.annee, now);
    if (state === "live") {
      say(`${e.annee} : /palmares/${e.annee}/ est en ligne, rien à faire.`);
    } else {
      if (state === "inconnu") say(`${e.annee} : état de /palmares/${e.annee}/ inconnu.`);
      pending.push(e);
    }
  }
  if (pending.length === 0) return "rien";
  const inSlot = pending.filter((e) => inFirstTickOfSlot(e.elapsed));
  if (inSlot.length === 0) {
    const e = pending[0];
    const asked = e.elapsed - (e.elapsed % SLOT_MS);
    say(
      `${e.annee} : pas encore en ligne ; construction déjà demandée il y a ` +
        `${duration(e.elapsed - asked)}, prochaine demande dans ` +
        `${duration(SLOT_MS - (e.elapsed % SLOT_MS))} si la page manque encore.`,
    );
    return "attente";
  }
  return await callHook({ editions: inSlot, hookUrl, fetchImpl, say });
}

async function callHook({ editions, hookUrl, fetchImpl, say }) {
  const years = editions.map((e) => e.annee).join(", ");
  const title = encodeURIComponent(`Publication à l’embargo : ${years}`);
  const sep = hookUrl.includes("?") ? "&" : "?";
  try {
    const response = await fetchImpl(`${hookUrl}${sep}trigger_title=${title}`, {
      method: "POST",
      body: "{}",
    });
    if (response.status >= 200 && response.status < 300) {
      say(`${years} : embargo levé, construction demandée (réponse ${response.status}).`);
    } else {
      say(`ERREUR : ${years} : le build hook a répondu ${response.status}.`);
    }
  } catch (error) {
    say(`ERREUR : ${years} : build hook injoignable (${error.message}).`);
  }
  return "construction";
}
