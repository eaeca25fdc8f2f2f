// The embargo scheduler tick by tick, on a fake clock, a fake network and a fake memory:
// the first request within 2 minutes whatever the ticks' jitter, the bound on requests, several
// entries, articles, the off switch, the rollback, timeouts. Run by `make test`.

import assert from "node:assert/strict";
import { test } from "node:test";

import { dueWithoutMemory, SLOTS } from "../functions/embargo-publish/asks.mjs";
import {
  AT_11,
  fakeNetwork,
  fakeStore,
  HOOK,
  MINUTE,
  minutes,
  NEWS,
  PALMARES,
  runTick,
  runTicks,
  scheduleOf,
} from "./helpers.mjs";

const ONE = scheduleOf(PALMARES);
const MEMORY = [
  ["with memory", () => fakeStore()],
  ["without memory", () => null],
];

/** The first request's delay after the instant, in seconds. */
function firstDelay(posts) {
  return (posts[0].at - AT_11) / 1000;
}

for (const [mode, makeStore] of MEMORY) {
  test(`${mode}: before the instant, no request at all and a countdown`, async () => {
    const net = fakeNetwork();
    const { lines, asked } = await runTick({
      schedule: ONE,
      time: AT_11 - 300,
      net,
      store: makeStore(),
    });
    assert.equal(asked, false);
    assert.equal(net.calls.length, 0);
    assert.match(lines.join("\n"), /palmarès 2027\u00a0: publication prévue le 2\u00a0février/);
    assert.match(lines.join("\n"), /\(heure de Paris\), dans 1\u00a0seconde\./);
  });

  const JITTER = [
    ["ticks on the minute", minutes(AT_11 - 2 * MINUTE, 6, 40)],
    ["a tick 0.3 s early", minutes(AT_11 - 2 * MINUTE, 6, -300)],
    ["ticks 61 s late", minutes(AT_11 - 2 * MINUTE, 6, 61_000)],
    ["ticks 119 s late", minutes(AT_11 - 2 * MINUTE, 6, 119_000)],
    ["the 11:00 tick missed", minutes(AT_11 - 2 * MINUTE, 6, 20).filter((_, i) => i !== 2)],
    [
      "a tick missed after an early one",
      minutes(AT_11 - MINUTE, 6, -300).filter((_, i) => i !== 1),
    ],
  ];
  for (const [jitter, times] of JITTER) {
    test(`${mode}: ${jitter}: the first request within 2 minutes, none before`, async () => {
      const net = fakeNetwork();
      const { posts } = await runTicks({ schedule: ONE, times, net, store: makeStore() });
      assert.ok(posts.length >= 1, "a request");
      assert.ok(
        posts.every((p) => p.at >= AT_11),
        "none before the instant",
      );
      assert.ok(firstDelay(posts) <= 120, `first after ${firstDelay(posts)} s`);
    });
  }
}

test("with memory: one request per slot, 4 in the first hour, none after 24 hours", async () => {
  const net = fakeNetwork();
  const store = fakeStore();
  const day = minutes(AT_11 - MINUTE, 26 * 60, 700);
  const { posts, log } = await runTicks({ schedule: ONE, times: day, net, store });
  const after = posts.map((p) => Math.round((p.at - AT_11) / MINUTE));
  assert.deepEqual(after.slice(0, 6), [0, 5, 15, 30, 60, 120]);
  assert.equal(after.length, SLOTS.length); // 27 in a day
  assert.ok(after.every((m) => m < 24 * 60));
  for (let i = 1; i < posts.length; i += 1) assert.ok(posts[i].at - posts[i - 1].at >= 5 * MINUTE);
  // Between requests, the line says when this function asked, in Paris time.
  assert.match(
    log,
    /pas encore en ligne\u00a0; construction demandée par cette fonction le 2\u00a0février\u00a02027 à 11\u00a0h\u00a000 \(heure de Paris\), il y a 1\u00a0minute\u00a0; prochaine demande le 2\u00a0février\u00a02027 à 11\u00a0h\u00a005/,
  );
  assert.match(log, /ERREUR\u00a0: palmarès 2027\u00a0: .* il y a plus de 24\u00a0heures/);
});

test("with memory: a late or missed tick only delays a slot's request to the next tick", async () => {
  const net = fakeNetwork();
  const times = minutes(AT_11 - MINUTE, 20, 500).filter((t) => {
    const m = Math.round((t - AT_11) / MINUTE);
    return m !== 0 && m !== 5 && m !== 6; // three ticks lost, two of them in a row
  });
  const { posts } = await runTicks({ schedule: ONE, times, net, store: fakeStore() });
  assert.deepEqual(
    posts.map((p) => Math.round((p.at - AT_11) / MINUTE)),
    [1, 7, 15],
  );
});

test("without memory: bounded, at most 6 requests in the first hour and 30 in a day", async () => {
  const net = fakeNetwork();
  const day = minutes(AT_11 - MINUTE, 26 * 60, 30);
  const { posts, log } = await runTicks({ schedule: ONE, times: day, net });
  const after = posts.map((p) => (p.at - AT_11) / MINUTE);
  assert.ok(after.filter((m) => m < 60).length <= 6, String(after));
  assert.ok(posts.length <= 30, String(posts.length));
  assert.ok(after.every((m) => m < 24 * 60));
  // The tick does not pretend to know what an earlier one did.
  assert.match(log, /sans mémoire, la fonction ne sait pas si un passage précédent en a fait une/);
  assert.doesNotMatch(log, /demandée par cette fonction/);
  assert.match(
    log,
    /mémoire entre passages absente \(tests sans mémoire\)\u00a0: règle sans mémoire/,
  );
});

test("without memory: the window rule, tick by tick", () => {
  const s = 1000;
  assert.equal(dueWithoutMemory(0), true);
  assert.equal(dueWithoutMemory(149 * s), true);
  assert.equal(dueWithoutMemory(150 * s), false);
  assert.equal(dueWithoutMemory(5 * MINUTE + 59 * s), true);
  assert.equal(dueWithoutMemory(6 * MINUTE), false);
  assert.equal(dueWithoutMemory(23 * 60 * MINUTE + 30 * s), true);
});

for (const [mode, makeStore] of MEMORY) {
  test(`${mode}: requests stop once the page is live`, async () => {
    const live = AT_11 + 3 * MINUTE + 10_000; // the build asked at 11:00 is published
    const net = fakeNetwork({ page: (_, at) => (at >= live ? 200 : 404) });
    const times = minutes(AT_11, 60, 500);
    const { posts, log } = await runTicks({ schedule: ONE, times, net, store: makeStore() });
    assert.ok(posts.every((p) => p.at < live));
    assert.match(log, /palmarès 2027\u00a0: \/palmares\/2027\/ est en ligne\u00a0: rien à faire\./);
  });
}

test("several entries due together: one request naming them all", async () => {
  const both = scheduleOf(PALMARES, { ...NEWS, instant: PALMARES.instant });
  const net = fakeNetwork();
  const { lines } = await runTick({ schedule: both, time: AT_11 + 2_000, net });
  assert.equal(net.posts().length, 1);
  const title = decodeURIComponent(new URL(net.posts()[0].url).searchParams.get("trigger_title"));
  assert.equal(title, `Publication à l’embargo : palmarès 2027, ${NEWS.nom}`);
  assert.equal(net.calls.filter((c) => c.method === "HEAD").length, 2);
  assert.match(lines.at(-1), /construction demandée \(réponse 200 du build hook\) le /);
  assert.match(lines.at(-1), /pour\u00a0: palmarès 2027, actualité «\u00a0Le palmarès 2027/);
});

test("an article half an hour after the palmarès: its own request at its instant", async () => {
  const net = fakeNetwork({
    page: (path, at) => {
      const published = path === PALMARES.page ? AT_11 + 3 * MINUTE : AT_11 + 33 * MINUTE;
      return at > published ? 200 : 404;
    },
  });
  const times = minutes(AT_11 - MINUTE, 40, 800);
  const { posts, log } = await runTicks({
    schedule: scheduleOf(PALMARES, NEWS),
    times,
    net,
    store: fakeStore(),
  });
  const after = posts.map((p) => Math.round((p.at - AT_11) / MINUTE));
  assert.deepEqual(after, [0, 30]);
  assert.match(decodeURIComponent(posts[1].url), /actualité « Le palmarès 2027 est dévoilé »/);
  assert.match(log, /\/actualites\/palmares-2027\/ pas encore en ligne \(réponse 404\)/);
});

test("one due, one waiting: only the due one is checked and asked for", async () => {
  const net = fakeNetwork();
  const { lines } = await runTick({
    schedule: scheduleOf(PALMARES, NEWS),
    time: AT_11 + 1_000,
    net,
  });
  assert.equal(net.calls.length, 2);
  assert.ok(net.calls.every((c) => !c.url.includes("actualites")));
  assert.match(lines.join("\n"), /actualité .* dans 29\u00a0minutes et 59\u00a0secondes\./);
});

test("the former schedule format publishes its palmarès", async () => {
  const net = fakeNetwork();
  const { parseSchedule } = await import("../functions/embargo-publish/schedule.mjs");
  const old = parseSchedule(
    JSON.stringify({ editions: [{ annee: 2027, embargo: PALMARES.instant }] }),
  );
  await runTick({ schedule: old, time: AT_11 + 30_000, net });
  assert.deepEqual(
    net.calls.map((c) => [c.method, new URL(c.url).pathname]),
    [
      ["HEAD", "/palmares/2027/"],
      ["POST", "/build_hooks/secret"],
    ],
  );
});

test("no build hook configured: an ERREUR line, nothing sent", async () => {
  const net = fakeNetwork();
  const { lines, asked } = await runTick({ schedule: ONE, time: AT_11, net, hookUrl: "" });
  assert.equal(asked, false);
  assert.equal(net.posts().length, 0);
  assert.match(
    lines.at(-1),
    /ERREUR\u00a0: palmarès 2027 à publier, mais la variable BUILD_HOOK_URL/,
  );
  assert.match(lines.at(-1), /Deploys → Trigger deploy → Deploy project/);
});

test("the live site unreachable or odd: ERREUR, and the build is asked all the same", async () => {
  for (const page of [() => 503, () => 301]) {
    const net = fakeNetwork({ page });
    const { lines } = await runTick({ schedule: ONE, time: AT_11, net });
    assert.equal(net.posts().length, 1);
    assert.match(
      lines.join("\n"),
      /ERREUR\u00a0: palmarès 2027\u00a0: .*état de \/palmares\/2027\/ inconnu \(réponse (503|301)\)/,
    );
  }
});

test("timeouts: a network that never answers ends the tick quickly, with ERREUR lines", async () => {
  const net = fakeNetwork({ hang: true });
  const started = Date.now();
  const { lines, asked, outcome } = await runTick({ schedule: ONE, time: AT_11, net });
  assert.ok(Date.now() - started < 1000);
  assert.equal(asked, true);
  assert.equal(outcome, "echec");
  const log = lines.join("\n");
  assert.match(log, /état de \/palmares\/2027\/ inconnu \(pas de réponse en 0\u00a0s\)/);
  assert.match(
    log,
    /ERREUR\u00a0: build hook injoignable \(pas de réponse en 0\u00a0s\)\u00a0; la demande est peut-être arrivée/,
  );
});

test("a memory that never answers or fails: the rule without memory, said plainly", async () => {
  for (const store of [fakeStore({ hang: true }), fakeStore({ failRead: true })]) {
    const net = fakeNetwork();
    const { lines, memory } = await runTick({ schedule: ONE, time: AT_11 + 1_000, net, store });
    assert.equal(memory, "non");
    assert.equal(net.posts().length, 1);
    assert.match(
      lines.join("\n"),
      /ERREUR\u00a0: mémoire entre passages \(Netlify Blobs\) illisible/,
    );
  }
});

test("a memory that cannot be written: bounded by the rule without memory", async () => {
  const net = fakeNetwork();
  const store = fakeStore({ failWrite: true });
  const { posts, log } = await runTicks({
    schedule: ONE,
    times: minutes(AT_11, 15, 100),
    net,
    store,
  });
  assert.deepEqual(
    posts.map((p) => Math.round((p.at - AT_11) / MINUTE)),
    [0, 1, 2, 5],
  );
  assert.match(log, /ERREUR\u00a0: mémoire entre passages \(Netlify Blobs\) non enregistrée/);
});

test("the off switch: a deleted build hook answers 404, and the line says what to do", async () => {
  const net = fakeNetwork({ hook: () => 404 });
  const { lines, outcome } = await runTick({ schedule: ONE, time: AT_11, net });
  assert.equal(outcome, "absent");
  assert.match(
    lines.at(-1),
    /ERREUR\u00a0: le build hook n’existe plus \(réponse 404\)\u00a0: publication automatique arrêtée\u00a0; pour la rétablir, créez un build hook sur la branche de production/,
  );
  assert.match(lines.at(-1), /BUILD_HOOK_URL \(portée Functions\) puis redéployez/);
  assert.doesNotMatch(lines.at(-1), /construction demandée/);
});

test("another refusal of the hook: ERREUR with the status and the next try", async () => {
  const net = fakeNetwork({ hook: () => 500 });
  const { lines } = await runTick({ schedule: ONE, time: AT_11, net, store: fakeStore() });
  assert.match(
    lines.at(-1),
    /ERREUR\u00a0: le build hook a répondu 500\u00a0: pas de construction pour/,
  );
  assert.match(lines.at(-1), /nouvelle demande le 2\u00a0février\u00a02027 à 11\u00a0h\u00a005/);
});

test("a request goes to the hook's address with a deploy title", async () => {
  const net = fakeNetwork();
  await runTick({ schedule: ONE, time: AT_11, net });
  const [post] = net.posts();
  assert.ok(post.url.startsWith(`${HOOK}?trigger_title=`));
  assert.ok(!post.url.includes(" "));
});
