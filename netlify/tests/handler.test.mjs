// The function as Netlify calls it: `export default async (req, context)`, with the global
// fetch, `new Date()`, BUILD_HOOK_URL and the schedule file beside the module. The module is
// copied with its own embargoes.json into a scratch folder (the repository's file is the
// build's), its node_modules reachable, and called with a faked global fetch and clock.

import assert from "node:assert/strict";
import { cp, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

import { AT_11, HOOK, NEWS, PALMARES, SITE } from "./helpers.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const FUNCTION = join(ROOT, "netlify", "functions", "embargo-publish");
let scratch;

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), "embargo-handler-"));
  await symlink(join(ROOT, "node_modules"), join(scratch, "node_modules"), "dir");
});
after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A fresh copy of the function with `schedule` (an object, or null for no file). */
async function deploy(name, schedule) {
  const dir = join(scratch, name);
  await cp(FUNCTION, dir, {
    recursive: true,
    filter: (source) => !source.endsWith("embargoes.json"),
  });
  if (schedule) await writeFile(join(dir, "embargoes.json"), JSON.stringify(schedule));
  return (await import(pathToFileURL(join(dir, "embargo-publish.mjs")).href)).default;
}

/** The global fetch replaced: pages answer `page(path)`, the hook `hook`. */
function fakeGlobalFetch(t, { page = () => 404, hook = 200, hang = false } = {}) {
  const calls = [];
  t.mock.method(globalThis, "fetch", (url, options = {}) => {
    calls.push({ url: String(url), method: options.method ?? "GET" });
    if (hang) return new Promise(() => {});
    if (String(url).startsWith(HOOK)) return Promise.resolve(new Response(null, { status: hook }));
    const status = page(new URL(url).pathname);
    return Promise.resolve(new Response(null, { status }));
  });
  return calls;
}

/** console.log captured; BUILD_HOOK_URL set for the test. */
function capture(t, hookUrl = HOOK) {
  const lines = [];
  t.mock.method(console, "log", (line) => lines.push(line));
  const saved = process.env.BUILD_HOOK_URL;
  if (hookUrl) process.env.BUILD_HOOK_URL = hookUrl;
  else delete process.env.BUILD_HOOK_URL;
  t.after(() => {
    if (saved === undefined) delete process.env.BUILD_HOOK_URL;
    else process.env.BUILD_HOOK_URL = saved;
  });
  return lines;
}

const CONTEXT = { site: { url: SITE } };
const REQUEST = new Request("https://example.invalid/.netlify/functions/embargo-publish");

test("Netlify's convention: a tick 0.3 s early asks nothing, the next one asks", async (t) => {
  const handler = await deploy("early", { publications: [PALMARES, NEWS] });
  const calls = fakeGlobalFetch(t);
  const lines = capture(t);
  t.mock.timers.enable({ apis: ["Date"], now: AT_11 - 300 });
  await handler(REQUEST, CONTEXT);
  assert.deepEqual(calls, []);
  assert.match(
    lines.join("\n"),
    /palmarès 2027\u00a0: publication prévue .* dans 1\u00a0seconde\./,
  );

  t.mock.timers.setTime(AT_11 + 59_700);
  await handler(REQUEST, CONTEXT);
  assert.deepEqual(
    calls.map((c) => [c.method, c.url.split("?")[0]]),
    [
      ["HEAD", `${SITE}/palmares/2027/`],
      ["POST", HOOK],
    ],
  );
  const log = lines.join("\n");
  assert.match(log, /mémoire entre passages absente \(pas d’environnement Netlify Blobs/);
  assert.match(
    log,
    /construction demandée \(réponse 200 du build hook\) le 2\u00a0février\u00a02027 à 11\u00a0h\u00a000 \(heure de Paris\)/,
  );
  assert.ok(lines.every((l) => l.startsWith("[publication à l’embargo] ")));
  assert.ok(lines.every((l) => !/ERREUR|NaN|undefined/.test(l)));
});

test("Netlify's convention with a replaced Date and the URL variable", async (t) => {
  const handler = await deploy("replaced-date", {
    editions: [{ annee: 2027, embargo: PALMARES.instant }],
  });
  const calls = fakeGlobalFetch(t);
  capture(t);
  const RealDate = Date;
  class FakeDate extends RealDate {
    constructor(...args) {
      super(...(args.length ? args : [AT_11 + 61_000]));
    }
    static now() {
      return AT_11 + 61_000;
    }
  }
  const savedUrl = process.env.URL;
  process.env.URL = SITE;
  globalThis.Date = FakeDate;
  try {
    await handler(REQUEST, {});
  } finally {
    globalThis.Date = RealDate;
    if (savedUrl === undefined) delete process.env.URL;
    else process.env.URL = savedUrl;
  }
  assert.deepEqual(
    calls.map((c) => c.method),
    ["HEAD", "POST"],
  );
  assert.ok(calls[0].url.startsWith(`${SITE}/palmares/2027/`));
});

test("Netlify's convention: the page live, nothing asked", async (t) => {
  const handler = await deploy("live", { publications: [PALMARES] });
  const calls = fakeGlobalFetch(t, { page: () => 200 });
  const lines = capture(t);
  t.mock.timers.enable({ apis: ["Date"], now: AT_11 + 10 * 60_000 });
  await handler(REQUEST, CONTEXT);
  assert.deepEqual(
    calls.map((c) => c.method),
    ["HEAD"],
  );
  assert.match(lines.at(-1), /\/palmares\/2027\/ est en ligne\u00a0: rien à faire/);
});

test("Netlify's convention: the off switch, a deleted build hook", async (t) => {
  const handler = await deploy("off", { publications: [PALMARES] });
  fakeGlobalFetch(t, { hook: 404 });
  const lines = capture(t);
  t.mock.timers.enable({ apis: ["Date"], now: AT_11 + 5_000 });
  await handler(REQUEST, CONTEXT);
  assert.match(
    lines.at(-1),
    /le build hook n’existe plus \(réponse 404\)\u00a0: publication automatique arrêtée/,
  );
});

test("Netlify's convention: no BUILD_HOOK_URL, nothing sent", async (t) => {
  const handler = await deploy("no-hook", { publications: [PALMARES] });
  const calls = fakeGlobalFetch(t);
  const lines = capture(t, "");
  t.mock.timers.enable({ apis: ["Date"], now: AT_11 + 5_000 });
  await handler(REQUEST, CONTEXT);
  assert.equal(calls.filter((c) => c.method === "POST").length, 0);
  assert.match(
    lines.at(-1),
    /ERREUR\u00a0: palmarès 2027 à publier, mais la variable BUILD_HOOK_URL/,
  );
});

test("Netlify's convention: no schedule file is an ERREUR line, no request", async (t) => {
  const handler = await deploy("no-schedule", null);
  const calls = fakeGlobalFetch(t);
  const lines = capture(t);
  t.mock.timers.enable({ apis: ["Date"], now: AT_11 });
  await handler(REQUEST, CONTEXT);
  assert.deepEqual(calls, []);
  assert.equal(lines.length, 1);
  assert.match(lines[0], /ERREUR\u00a0: calendrier des publications introuvable/);
});

test("Netlify's convention: a silent network is cut by the real timeouts (6 s, 8 s)", async (t) => {
  const handler = await deploy("silent", { publications: [PALMARES] });
  const calls = fakeGlobalFetch(t, { hang: true });
  const lines = capture(t);
  t.mock.timers.enable({ apis: ["Date", "setTimeout"], now: AT_11 + 1_000 });
  let done = false;
  const run = handler(REQUEST, CONTEXT).then(() => {
    done = true;
  });
  // Fake time moves only once the first request is out (the file reads before it are real).
  let waited = 0;
  for (let turn = 0; !done && turn < 200_000 && waited < 40_000; turn += 1) {
    await new Promise((resolve) => setImmediate(resolve));
    if (calls.length === 0) continue;
    t.mock.timers.tick(100);
    waited += 100;
  }
  assert.ok(done, `still running after ${waited} ms of fake time`);
  await run;
  assert.ok(waited <= 6_000 + 8_000 + 1_000, `ended ${waited} ms after the first request`);
  const log = lines.join("\n");
  assert.match(log, /état de \/palmares\/2027\/ inconnu \(pas de réponse en 6\u00a0s\)/);
  assert.match(log, /ERREUR\u00a0: build hook injoignable \(pas de réponse en 8\u00a0s\)/);
});

test("Netlify's convention with Netlify Blobs (its own local server): one request per slot", async (t) => {
  const { BlobsServer } = await import("@netlify/blobs/server");
  const token = "jeton-de-test";
  const server = new BlobsServer({ directory: join(scratch, "blobs"), token });
  const { port } = await server.start();
  t.after(() => server.stop());
  const edge = `http://localhost:${port}`;
  const context = { edgeURL: edge, uncachedEdgeURL: edge, siteID: "site-de-test", token };
  process.env.NETLIFY_BLOBS_CONTEXT = Buffer.from(JSON.stringify(context)).toString("base64");
  t.after(() => delete process.env.NETLIFY_BLOBS_CONTEXT);

  const handler = await deploy("blobs", { publications: [PALMARES] });
  // The Blobs client uses the global fetch too: its requests go through to the local server.
  const realFetch = globalThis.fetch;
  const calls = [];
  t.mock.method(globalThis, "fetch", (url, options = {}) => {
    if (String(url).startsWith(edge)) return realFetch(url, options);
    calls.push({ url: String(url), method: options.method ?? "GET" });
    const status = String(url).startsWith(HOOK) ? 200 : 404;
    return Promise.resolve(new Response(null, { status }));
  });
  const lines = capture(t);
  t.mock.timers.enable({ apis: ["Date"], now: AT_11 + 500 });
  for (const minute of [0, 1, 2, 3, 4, 5, 6]) {
    t.mock.timers.setTime(AT_11 + minute * 60_000 + 500);
    await handler(REQUEST, CONTEXT);
  }
  assert.equal(calls.filter((c) => c.method === "POST").length, 2); // 11:00 and 11:05
  const log = lines.join("\n");
  assert.doesNotMatch(log, /ERREUR|mémoire entre passages absente/);
  assert.match(
    log,
    /construction demandée par cette fonction le 2\u00a0février\u00a02027 à 11\u00a0h\u00a000/,
  );
});

test("runs every minute", async () => {
  const { config } = await import("../functions/embargo-publish/embargo-publish.mjs");
  assert.deepEqual(config, { schedule: "* * * * *" });
});
