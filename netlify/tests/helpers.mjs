// Fakes for the embargo function's tests: a network (live site + build hook), a memory store
// like Netlify Blobs', and a run of ticks on a fake clock. Not a test file itself.

import { tick } from "../functions/embargo-publish/decide.mjs";
import { parseSchedule } from "../functions/embargo-publish/schedule.mjs";

export const SITE = "https://villes-internet.example";
export const HOOK = "https://api.netlify.com/build_hooks/secret";
export const FAST = { page: 40, hook: 40, memory: 40 }; // milliseconds: tests stay fast
export const MINUTE = 60_000;

export const PALMARES = {
  nom: "palmarès 2027",
  instant: "2027-02-02T11:00:00+01:00",
  page: "/palmares/2027/",
};
export const NEWS = {
  nom: "actualité « Le palmarès 2027 est dévoilé »",
  instant: "2027-02-02T11:30:00+01:00",
  page: "/actualites/palmares-2027/",
};
export const AT_11 = Date.parse(PALMARES.instant);

/** The schedule a build would write, as the function reads it. */
export function scheduleOf(...publications) {
  return parseSchedule(JSON.stringify({ publications }));
}

/**
 * A network: `page(path, time)` gives a page's status (404 by default), `hook(time)` the build
 * hook's. `hang` makes every call (or the ones whose method is listed) never answer.
 */
export function fakeNetwork({ page = () => 404, hook = () => 200, hang = [] } = {}) {
  const calls = [];
  let clock = 0;
  const fetchImpl = (url, options = {}) => {
    const method = options.method ?? "GET";
    calls.push({ url, method, at: clock });
    if (hang === true || hang.includes(method)) return new Promise(() => {});
    if (url.startsWith(HOOK)) return Promise.resolve({ status: hook(clock) });
    return Promise.resolve({ status: page(new URL(url).pathname, clock) });
  };
  return {
    calls,
    fetchImpl,
    setClock: (time) => {
      clock = time;
    },
    posts: () => calls.filter((c) => c.method === "POST"),
  };
}

/** A memory store with the two methods of @netlify/blobs' Store the function uses. */
export function fakeStore({ failRead = false, failWrite = false, hang = false } = {}) {
  const data = new Map();
  const maybeFail = (fail) => {
    if (hang) return new Promise(() => {});
    if (fail) return Promise.reject(new Error("BlobsInternalError: 503"));
    return null;
  };
  return {
    data,
    get(key, options) {
      const failed = maybeFail(failRead);
      if (failed) return failed;
      const text = data.get(key);
      if (text === undefined) return Promise.resolve(null);
      return Promise.resolve(options?.type === "json" ? JSON.parse(text) : text);
    },
    setJSON(key, value) {
      const failed = maybeFail(failWrite);
      if (failed) return failed;
      data.set(key, JSON.stringify(value));
      return Promise.resolve();
    },
  };
}

/** One tick at `time` (epoch ms); returns the summary with its lines. */
export async function runTick({ schedule, time, net, store = null, hookUrl = HOOK, ...rest }) {
  net.setClock(time);
  return tick({
    schedule,
    now: new Date(time),
    siteUrl: SITE,
    hookUrl,
    fetchImpl: net.fetchImpl,
    store,
    storeNote: store ? "" : "tests sans mémoire",
    log: () => {},
    timeouts: FAST,
    ...rest,
  });
}

/** Ticks at the given times; returns every line and the POSTs with their times. */
export async function runTicks({ schedule, times, net, store = null, ...rest }) {
  const lines = [];
  for (const time of times) {
    const result = await runTick({ schedule, time, net, store, ...rest });
    lines.push(...result.lines);
  }
  return { lines, log: lines.join("\n"), posts: net.posts() };
}

/** Ticks every minute from `start` for `count` minutes, each shifted by `jitter` ms. */
export function minutes(start, count, jitter = 0) {
  return Array.from({ length: count }, (_, i) => start + i * MINUTE + jitter);
}
