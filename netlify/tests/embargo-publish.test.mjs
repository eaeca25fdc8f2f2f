// The embargo scheduler (netlify/functions/embargo-publish): a fake clock and a fake network.
// Run by `make test` through `node --test`.

import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";

import { duration, tick } from "../functions/embargo-publish/decide.mjs";
import handler, { config, loadSchedule } from "../functions/embargo-publish/embargo-publish.mjs";

const SITE = "https://villes-internet.example";
const HOOK = "https://api.netlify.com/build_hooks/secret";
const E2027 = { annee: 2027, embargo: "2027-02-02T11:00:00+01:00" };
const E2028 = { annee: 2028, embargo: "2028-02-01T11:00:00+01:00" };

/** A network where /palmares/<année>/ answers `pages[année]` (404 by default). */
function fakeNetwork(pages = {}, { hookStatus = 200, down = false } = {}) {
  const calls = [];
  const fetchImpl = async (url, options = {}) => {
    calls.push({ url, method: options.method ?? "GET" });
    if (down) throw new Error("ECONNREFUSED");
    if (url.startsWith(HOOK)) return { status: hookStatus };
    const year = /\/palmares\/(\d{4})\//.exec(url)?.[1];
    return { status: pages[year] ?? 404 };
  };
  return { calls, fetchImpl, hooks: () => calls.filter((c) => c.method === "POST") };
}

async function run(editions, at, network, hookUrl = HOOK) {
  const lines = [];
  const decision = await tick({
    editions,
    now: new Date(at),
    siteUrl: SITE,
    hookUrl,
    fetchImpl: network.fetchImpl,
    log: (line) => lines.push(line),
  });
  return { decision, lines, log: lines.join("\n") };
}

test("runs every minute", () => {
  assert.equal(config.schedule, "* * * * *");
});

test("before the instant: no request at all, the countdown is logged", async () => {
  const net = fakeNetwork();
  const { decision, log } = await run([E2027], "2027-02-02T10:59:59+01:00", net);
  assert.equal(decision, "rien");
  assert.equal(net.calls.length, 0);
  assert.match(log, /2027 : sous embargo encore 0 min 01 s\./);
});

test("at the instant, the page missing: the build hook is called once", async () => {
  const net = fakeNetwork();
  const { decision, log } = await run([E2027], "2027-02-02T11:00:00+01:00", net);
  assert.equal(decision, "construction");
  assert.equal(net.hooks().length, 1);
  assert.ok(net.hooks()[0].url.startsWith(`${HOOK}?trigger_title=`));
  const head = net.calls.find((c) => c.method === "HEAD");
  assert.ok(head.url.startsWith(`${SITE}/palmares/2027/?`));
  assert.match(log, /2027 : embargo levé, construction demandée \(réponse 200\)\./);
});

test("the page already live: nothing is triggered", async () => {
  const net = fakeNetwork({ 2027: 200 });
  const { decision, log } = await run([E2027], "2027-02-02T11:00:20+01:00", net);
  assert.equal(decision, "rien");
  assert.equal(net.hooks().length, 0);
  assert.match(log, /\/palmares\/2027\/ est en ligne, rien à faire/);
});

test("a build already asked for in this ten-minute slot: wait, then ask again", async () => {
  for (const minute of ["01", "05", "09"]) {
    const net = fakeNetwork();
    const { decision, log } = await run([E2027], `2027-02-02T11:${minute}:30+01:00`, net);
    assert.equal(decision, "attente");
    assert.equal(net.hooks().length, 0, `11:${minute}`);
    assert.match(log, /construction déjà demandée il y a/);
  }
  const net = fakeNetwork();
  assert.equal((await run([E2027], "2027-02-02T11:10:10+01:00", net)).decision, "construction");
  assert.equal(net.hooks().length, 1);
});

test("one request per ten minutes over an hour of ticks, while the page stays missing", async () => {
  const net = fakeNetwork();
  const start = Date.parse("2027-02-02T10:58:00.400+01:00");
  for (let minute = 0; minute < 62; minute += 1) {
    await run([E2027], start + minute * 60_000, net);
  }
  assert.equal(net.hooks().length, 6); // 11:00, 11:10, 11:20, 11:30, 11:40, 11:50
});

test("two editions: the due one only; one live and one due; both waiting", async () => {
  let net = fakeNetwork();
  let out = await run([E2027, E2028], "2027-02-02T11:00:05+01:00", net);
  assert.equal(out.decision, "construction");
  assert.match(net.hooks()[0].url, /2027/);
  assert.ok(!net.hooks()[0].url.includes("2028"));
  assert.match(out.log, /2028 : sous embargo encore/);

  // Both instants passed (an edition published late the same morning): one live, one not.
  const late = { annee: 2026, embargo: "2027-02-02T10:00:00+01:00" };
  net = fakeNetwork({ 2026: 200 });
  out = await run([late, E2027], "2027-02-02T11:00:05+01:00", net);
  assert.equal(out.decision, "construction");
  assert.equal(net.hooks().length, 1);
  assert.match(out.log, /2026 : \/palmares\/2026\/ est en ligne/);

  net = fakeNetwork();
  out = await run([E2027, E2028], "2027-01-15T09:00:00+01:00", net);
  assert.equal(out.decision, "rien");
  assert.equal(net.calls.length, 0);
});

test("no build hook configured: logs the error and does nothing", async () => {
  const net = fakeNetwork();
  const { decision, log } = await run([E2027], "2027-02-02T11:00:00+01:00", net, null);
  assert.equal(decision, "rien");
  assert.equal(net.calls.length, 0);
  assert.match(log, /ERREUR : 2027 à publier, mais la variable BUILD_HOOK_URL n’est pas définie/);
});

test("the live site unreachable: the build is still asked for (a build is harmless)", async () => {
  const net = fakeNetwork({}, { down: true });
  const { decision, log } = await run([E2027], "2027-02-02T11:00:00+01:00", net);
  assert.equal(decision, "construction");
  assert.match(log, /état de \/palmares\/2027\/ inconnu/);
  assert.match(log, /ERREUR : 2027 : build hook injoignable \(ECONNREFUSED\)/);
});

test("the hook refusing is logged as an error", async () => {
  const net = fakeNetwork({}, { hookStatus: 404 });
  const { log } = await run([E2027], "2027-02-02T11:00:00+01:00", net);
  assert.match(log, /ERREUR : 2027 : le build hook a répondu 404\./);
});

test("a day after the instant, staff decide: nothing is triggered", async () => {
  const net = fakeNetwork();
  const { decision, log } = await run([E2027], "2027-02-03T11:00:00+01:00", net);
  assert.equal(decision, "rien");
  assert.equal(net.calls.length, 0);
  assert.match(log, /déclenchez-la à la main/);
});

test("no edition under embargo in this deploy: nothing to do", async () => {
  const net = fakeNetwork();
  const { decision, log } = await run([], "2027-02-02T11:00:00+01:00", net);
  assert.equal(decision, "rien");
  assert.equal(net.calls.length, 0);
  assert.match(log, /aucune édition sous embargo dans ce déploiement/);
});

test("the schedule file written by the build is read; a missing one means no edition", async () => {
  const dir = await mkdtemp(join(tmpdir(), "embargoes-"));
  const file = join(dir, "embargoes.json");
  await writeFile(file, JSON.stringify({ editions: [E2027] }));
  assert.deepEqual(await loadSchedule(pathToFileURL(file)), [E2027]);
  const lines = [];
  const absent = pathToFileURL(join(dir, "absent.json"));
  assert.deepEqual(await loadSchedule(absent, (l) => lines.push(l)), []);
  assert.match(lines[0], /calendrier des embargos illisible \(ENOENT\)/);
  // A bundler may move the module: the next place (under the function's root) is tried.
  assert.deepEqual(await loadSchedule([pathToFileURL(join(dir, "absent.json")), file]), [E2027]);
});

test("the handler itself runs with the real wiring and no hook: it only logs", async (t) => {
  const logged = [];
  t.mock.method(console, "log", (line) => logged.push(line));
  const saved = process.env.BUILD_HOOK_URL;
  delete process.env.BUILD_HOOK_URL;
  try {
    await handler(new Request("https://example.invalid/"), { site: { url: SITE } });
  } finally {
    if (saved !== undefined) process.env.BUILD_HOOK_URL = saved;
  }
  assert.ok(logged.length > 0);
  assert.ok(logged.every((l) => l.startsWith("[publication à l’embargo]")));
});

test("durations read as staff say them", () => {
  assert.equal(duration(65_000), "1 min 05 s");
  assert.equal(duration(3 * 3600_000 + 120_000), "3 h 02 min");
});
