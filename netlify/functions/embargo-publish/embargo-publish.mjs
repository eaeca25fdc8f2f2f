// Netlify scheduled function: publishes what is under embargo (a palmarès, a future-dated news
// article or page) at its instant, by asking the site's build hook for a build once the
// instant has passed and while the page is still missing (decide.mjs, asks.mjs).
//
// In, as Netlify calls it every minute (`export default async (req, context)`): the schedule
// embargoes.json beside this file (written by `make publish`, git-ignored, bundled through
// `included_files` in netlify.toml, never in the published site), the live site's address
// (`context.site.url`, else the URL variable), the build hook's secret address (variable
// BUILD_HOOK_URL, scope Functions: set it, then redeploy), the global `fetch`, `new Date()`,
// and a Netlify Blobs store as memory between ticks. Out: French lines in the function's log
// and at most one POST to the build hook per tick.
//
// Nothing here needs Netlify to run: without a Blobs environment (tests, a local run) the
// memory is absent and the rule without memory applies, as the log says.

import { readFile } from "node:fs/promises";
import { resolve } from "node:path";

import { tick } from "./decide.mjs";
import { STORE_NAME } from "./memory.mjs";
import { parseSchedule } from "./schedule.mjs";

const RELATIVE = "netlify/functions/embargo-publish/embargoes.json";
// Beside this module when Netlify ships the files as they are; under the function's root
// (its working directory) when a bundler has moved the module: both are tried, in order.
export const SCHEDULE_FILES = [
  new URL("./embargoes.json", import.meta.url),
  resolve(process.env.LAMBDA_TASK_ROOT || process.cwd(), RELATIVE),
];

/** The schedule ({entries, problems}); a file that cannot be read is a problem, not a throw. */
export async function loadSchedule(files = SCHEDULE_FILES) {
  let firstError = null;
  for (const file of [files].flat()) {
    try {
      return parseSchedule(await readFile(file, "utf-8"));
    } catch (error) {
      // Keep the most telling error: a file that exists but is unreadable beats « absent ».
      if (!firstError || firstError.code === "ENOENT") firstError = error;
    }
  }
  return parseSchedule("", firstError);
}

/**
 * The memory store, or {note} saying why there is none. Opened inside the handler: Netlify
 * sets the Blobs environment per invocation, so a store opened at import time would fail.
 */
export async function openStore() {
  try {
    const { getStore } = await import("@netlify/blobs");
    // Strong consistency: the next tick, a minute later, must read what this one wrote.
    return { store: getStore({ name: STORE_NAME, consistency: "strong" }) };
  } catch (error) {
    if (error?.name === "MissingBlobsEnvironmentError") {
      return { note: "pas d’environnement Netlify Blobs : exécution hors de Netlify" };
    }
    return { note: `Netlify Blobs indisponible : ${error?.message ?? error}` };
  }
}

// A new deploy's first tick looks at the pages an earlier deploy asked for, so that the
// memory knows they were published (and a later rollback is recognised). Once per instance.
let followedUp = false;

export default async (_request, context) => {
  const now = new Date();
  const { store = null, note = "" } = await openStore();
  const result = await tick({
    schedule: await loadSchedule(),
    now,
    siteUrl: context?.site?.url || process.env.URL,
    hookUrl: process.env.BUILD_HOOK_URL,
    // Looked up at each call, not at import: the global fetch is what Netlify (or a test) set.
    fetchImpl: (...args) => globalThis.fetch(...args),
    store,
    storeNote: note,
    followUp: !followedUp,
    log: (line) => console.log(line),
  });
  if (result.memory === "oui") followedUp = true;
};

export const config = { schedule: "* * * * *" };
