// The runbook's rollback (docs/ceremonie.md, « Retirer un palmarès publié par erreur »), played on
// a fake Netlify: the palmarès is published at 11:00, then staff (1) lock auto publishing at
// 12:00 (Deploys → « Stop auto publishing »), (2) delete the build hook at 12:01, (3) publish the
// deploy built before the instant at 12:02. The function of that older deploy
// runs again, with the palmarès in its schedule and its page missing: the palmarès must not
// come back, and the log must say why.

import assert from "node:assert/strict";
import { test } from "node:test";

import { AT_11, fakeStore, HOOK, MINUTE, PALMARES, runTick, scheduleOf, SITE } from "./helpers.mjs";

const BUILD_MS = 3.5 * MINUTE; // from the request to the published deploy
const STEP = {
  lock: AT_11 + 60 * MINUTE,
  unhook: AT_11 + 61 * MINUTE,
  rollback: AT_11 + 62 * MINUTE,
};

/**
 * Netlify as the function sees it: deploys with their schedule and pages, a build hook, the
 * auto publishing lock. A request starts a build that is published BUILD_MS later, unless
 * auto publishing is locked then.
 */
function fakeNetlify() {
  const before = { name: "avant", schedule: scheduleOf(PALMARES), pages: new Set() };
  const site = { live: before, locked: false, hook: true, builds: [], posts: [], switched: true };
  const publish = (deploy) => {
    site.live = deploy;
    site.switched = true; // the next tick runs a new instance of that deploy's function
  };
  const settle = (now) => {
    for (const build of site.builds) {
      if (build.done || now < build.at + BUILD_MS) continue;
      build.done = true;
      if (!site.locked) {
        publish({ name: "après", schedule: scheduleOf(), pages: new Set([PALMARES.page]) });
      }
    }
  };
  let clock = 0;
  const fetchImpl = async (url, options = {}) => {
    if (url.startsWith(HOOK)) {
      site.posts.push(clock);
      if (!site.hook) return { status: 404 };
      site.builds.push({ at: clock, done: false });
      return { status: 200 };
    }
    return { status: site.live.pages.has(new URL(url).pathname) ? 200 : 404 };
  };
  return { site, before, publish, settle, fetchImpl, setClock: (t) => (clock = t) };
}

/** Every minute from 10:58 to 14:00, the three steps at 12:00, 12:01 and 12:02. */
async function playRunbook(store) {
  const netlify = fakeNetlify();
  const lines = [];
  for (let t = AT_11 - 2 * MINUTE + 400; t < AT_11 + 3 * 60 * MINUTE; t += MINUTE) {
    netlify.setClock(t);
    netlify.settle(t);
    if (t >= STEP.lock && !netlify.site.locked) netlify.site.locked = true;
    if (t >= STEP.rollback && netlify.site.live !== netlify.before) netlify.publish(netlify.before);
    if (t >= STEP.unhook) netlify.site.hook = false;
    const followUp = netlify.site.switched;
    netlify.site.switched = false;
    const result = await runTick({
      schedule: netlify.site.live.schedule,
      time: t,
      net: { setClock: () => {}, fetchImpl: netlify.fetchImpl },
      store,
      followUp,
    });
    lines.push(...result.lines.map((line) => ({ t, line })));
    netlify.site.pagesSeen ??= [];
    netlify.site.pagesSeen.push([t, netlify.site.live.pages.has(PALMARES.page)]);
  }
  return { ...netlify.site, lines, log: lines.map((l) => l.line).join("\n") };
}

test("with memory: after the rollback, no request at all and the log says « retour arrière »", async () => {
  const site = await playRunbook(fakeStore());
  // Published once, at 11:00 + the build: one request, at the first tick after the instant.
  assert.deepEqual(
    site.posts.map((t) => Math.round((t - AT_11) / MINUTE)),
    [0],
  );
  assert.ok(site.posts.every((t) => t < STEP.rollback));
  // The palmarès never comes back after the rollback.
  const after = site.pagesSeen.filter(([t]) => t >= STEP.rollback);
  assert.ok(after.every(([, live]) => !live));
  assert.match(
    site.log,
    /\/palmares\/2027\/ est en ligne \(constaté le 2\u00a0février\u00a02027 à 11\u00a0h\u00a004/,
  );
  assert.match(
    site.log,
    /\/palmares\/2027\/ était en ligne \(vue le 2\u00a0février\u00a02027 à 11\u00a0h\u00a004 \(heure de Paris\)\) et manque maintenant\u00a0: un déploiement plus ancien a été publié \(retour arrière\)\. Aucune construction demandée\./,
  );
  const beforeRollback = site.lines.filter((l) => l.t < STEP.rollback).map((l) => l.line);
  assert.ok(beforeRollback.every((line) => !line.includes("ERREUR"))); // a clean publication
});

test("without memory: requests after the rollback publish nothing, then answer 404", async () => {
  const site = await playRunbook(null);
  const after = site.pagesSeen.filter(([t]) => t >= STEP.rollback);
  assert.ok(
    after.every(([, live]) => !live),
    "the palmarès stays down",
  );
  // The hook deleted at step 2: every later request is refused, and the log says so.
  const refused = site.posts.filter((t) => t >= STEP.unhook);
  assert.ok(refused.length >= 1);
  assert.ok(site.builds.every((b) => b.at < STEP.unhook));
  assert.match(
    site.log,
    /ERREUR\u00a0: le build hook n’existe plus \(réponse 404\)\u00a0: publication automatique arrêtée\u00a0; pour la rétablir/,
  );
});

test("the rollback line needs the page seen live: a failed build is asked for again", async () => {
  const store = fakeStore();
  const net = {
    setClock: () => {},
    fetchImpl: async (url) => ({ status: url.startsWith(SITE) ? 404 : 200 }),
  };
  const schedule = scheduleOf(PALMARES);
  await runTick({ schedule, time: AT_11 + 100, net, store });
  const { asked, lines } = await runTick({ schedule, time: AT_11 + 5 * MINUTE + 100, net, store });
  assert.equal(asked, true);
  assert.doesNotMatch(lines.join("\n"), /retour arrière/);
});
